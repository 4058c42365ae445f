// Two-step sign-in end to end in Chromium: a new clinician sets up an authenticator (the test reads the key
// from the page and makes the codes itself, as the phone app would), signs out, and signs in with a code;
// a wrong code and a reused one are refused; a recovery code works once; an administrator resets the factor.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import twoStepMessages from '../messages/en/two-step.json' with { type: 'json' };
import { acceptInvite, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc, uniqueEmail } from './fixtures';

const t = twoStepMessages.TwoStep;
const shots = '/tmp/shots-two-step';
const PASSWORD = 'a-long-clinic-password-7';

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const codeAt = (secret: string, at: number) => generateSync({ secret, epoch: Math.floor(at / 1000) });

/** Email and password; the form then asks for a code. */
async function passwordStep(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel(m.Auth.email).fill(email);
  await page.getByLabel(m.Auth.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: m.Auth.submit, exact: true }).click();
  await expect(page.getByRole('heading', { name: m.Auth.codeTitle })).toBeVisible();
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel(m.Auth.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: m.Auth.codeSubmit, exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: m.Common.signOut, exact: true }).click();
  await page.waitForURL(/\/sign-in/);
}

test('a clinician sets up two-step sign-in, then signs in with a code; wrong and reused codes are refused; a recovery code works once', async ({ page, browser }) => {
  // An administrator invites a new clinician, who sets their password.
  await signIn(page, staff.admin.email, STAFF_PASSWORD);
  const email = uniqueEmail('twostep');
  const created = await trpc<{ inviteLink: string }>(page.request, 'admin.createStaff', {
    name: 'Tess Twostep', email, timeZone: 'Europe/London', role: 'clinician', profession: 'nurse', mayPrescribe: false,
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const context = await browser.newContext();
  const p = await context.newPage();
  await acceptInvite(p, created.data?.inviteLink ?? '', PASSWORD);
  await expect(p).toHaveURL(/\/clinician$/);

  // Setting up: the password first, then the QR code and its key, then a code from the app.
  await p.goto('/account');
  await expect(p.getByText(t.statusOff)).toBeVisible();
  await p.getByRole('button', { name: t.setUp }).click();
  await expect(p.getByRole('heading', { name: t.reauthTitle })).toBeFocused();
  await p.getByLabel(t.password, { exact: true }).fill('not my password');
  await p.getByRole('button', { name: t.continue }).click();
  await expect(p.getByText('Your password is not correct.').first()).toBeVisible();
  await p.getByLabel(t.password, { exact: true }).fill(PASSWORD);
  await p.getByRole('button', { name: t.continue }).click();
  await expect(p.getByRole('heading', { name: t.scanTitle })).toBeVisible();
  await expect(p.getByRole('img', { name: t.qrAlt })).toBeVisible();
  await expectAccessible(p);
  await shot(p, '1-scan');
  const secret = (await p.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await p.getByLabel(t.confirmLabel).fill(codeAt(secret, Date.now()));
  await p.getByRole('button', { name: t.confirm }).click();
  await expect(p.getByRole('heading', { name: t.codesTitle })).toBeVisible();
  const codes = await p.getByTestId('recovery-codes').getByRole('listitem').allInnerTexts();
  expect(codes).toHaveLength(10);
  await expectAccessible(p);
  await shot(p, '2-recovery-codes');
  await p.getByRole('button', { name: t.codesSaved }).click();
  await expect(p.getByText(t.codesLeft.replace('{count, plural, =0 {You have no recovery codes left. Make new ones now.} one {You have # unused recovery code.} other {', '').replace('}}', '').replace('#', '10'))).toBeVisible();
  await signOut(p);

  // Signing in: the password, then a code. A wrong code is refused and the form stays on the code.
  await passwordStep(p, email);
  await expectAccessible(p);
  await shot(p, '3-code-step');
  // The code the app shows at confirmation was spent by it; the next one (within the accepted skew) is new.
  const right = codeAt(secret, Date.now() + 30_000);
  await enterCode(p, right === '000000' ? '111111' : '000000');
  await expect(p.getByRole('alert').getByText(m.Auth.invalidCode)).toBeVisible();
  await shot(p, '4-wrong-code');
  await enterCode(p, right);
  await p.waitForURL(/\/clinician$/);
  await signOut(p);

  // The same code again: refused, even within its 30 seconds.
  await passwordStep(p, email);
  await enterCode(p, right);
  await expect(p.getByRole('alert').getByText(m.Auth.invalidCode)).toBeVisible();

  // A recovery code instead: it works once.
  const recovery = codes[0] ?? '';
  await enterCode(p, recovery);
  await p.waitForURL(/\/clinician$/);
  await signOut(p);
  await passwordStep(p, email);
  await enterCode(p, recovery);
  await expect(p.getByRole('alert').getByText(m.Auth.invalidCode)).toBeVisible();
  await enterCode(p, codes[1] ?? '');
  await p.waitForURL(/\/clinician$/);
  await p.goto('/account');
  await expect(p.getByText('You have 8 unused recovery codes.')).toBeVisible();

  // The administrator resets the lost factor: the clinician's session ends, and the password alone signs in.
  await page.goto('/admin');
  const row = page.getByRole('row', { name: /Tess Twostep/ });
  await expect(row.getByText(m.Admin.staff.twoStepOn, { exact: true })).toBeVisible();
  await row.getByRole('button', { name: new RegExp(m.Admin.staff.twoStepReset) }).click();
  await expectAccessible(page);
  await shot(page, '5-admin-reset');
  await page.getByRole('button', { name: m.Admin.staff.twoStepResetConfirm, exact: true }).click();
  await expect(page.getByText(m.Admin.staff.twoStepResetDone.replace('{name}', 'Tess Twostep'))).toBeVisible();
  await p.goto('/clinician');
  await expect(p).toHaveURL(/\/session-expired$/);
  await signIn(p, email, PASSWORD);
  await expect(p).toHaveURL(/\/clinician$/);
  await context.close();
});
