// Password reset end to end on a phone-sized screen: asking from the sign-in page, the emailed link (read from
// the e2e server's SMTP server), a new password, every old session ended, the old password refused, the link spent.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, uniqueEmail } from './fixtures';
import { mailsTo } from './mail';

const shots = '/tmp/shots-reset';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}-390.png`, fullPage: true });
}

test('a patient who forgot their password resets it from the emailed link; old sessions, old password and the link stop working', async ({ page, browser }) => {
  // A patient with a password, signed in on a device of theirs.
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request);
  const device = await browser.newContext(phone);
  const signedIn = await device.newPage();
  await acceptInvite(signedIn, patient.inviteLink, 'the-password-i-forgot');
  await expect(signedIn).toHaveURL(/\/patient$/);

  // On another phone, not signed in.
  const other = await browser.newContext(phone);
  const p = await other.newPage();
  await p.goto('/sign-in');
  await p.getByRole('link', { name: m.Auth.forgotPassword }).click();
  await expect(p).toHaveURL(/\/forgot-password$/);
  await expect(p.getByRole('heading', { level: 1, name: m.PasswordReset.forgotTitle })).toBeVisible();
  await expectAccessible(p);
  await shot(p, '1-forgot-password');

  await p.getByLabel(m.PasswordReset.email).fill(patient.email);
  await p.getByRole('button', { name: m.PasswordReset.send }).click();
  await expect(p.getByText(m.PasswordReset.sent)).toBeVisible();
  await expectAccessible(p);
  await shot(p, '2-link-sent');

  await expect.poll(() => mailsTo(patient.email).filter((mail) => mail.subject === 'Reset your Taperline password').length).toBe(1);
  const email = mailsTo(patient.email).find((mail) => mail.subject === 'Reset your Taperline password');
  const link = /http:\/\/localhost:\d+\/reset-password\/[A-Za-z0-9_-]{40,}/.exec(email?.text ?? '')?.[0];
  if (!link) throw new Error('no reset link in the email');
  // The link only: not the patient's name.
  expect(email?.text).not.toContain(patient.email.slice(8, 16));

  await p.goto(new URL(link).pathname);
  await expect(p.getByRole('heading', { level: 1, name: m.PasswordReset.resetTitle })).toBeVisible();
  await expectAccessible(p);
  await shot(p, '3-choose-new-password');
  await p.getByLabel(m.PasswordReset.password, { exact: true }).fill('my-fresh-new-password');
  await p.getByLabel(m.PasswordReset.confirmPassword).fill('my-fresh-new-password');
  await p.getByRole('button', { name: m.PasswordReset.submit }).click();
  await expect(p.getByText(m.PasswordReset.done)).toBeVisible();
  await expectAccessible(p);
  await shot(p, '4-password-changed');

  // The session on the first device has ended.
  await signedIn.reload();
  await expect(signedIn).toHaveURL(/\/session-expired$/);

  // The old password is refused; the new one signs in.
  await p.goto('/sign-in');
  await p.getByLabel(m.Auth.email).fill(patient.email);
  await p.getByLabel(m.Auth.password, { exact: true }).fill('the-password-i-forgot');
  await p.getByRole('button', { name: m.Auth.submit, exact: true }).click();
  await expect(p.getByText(m.Auth.invalid)).toBeVisible();
  await signIn(p, patient.email, 'my-fresh-new-password');
  await expect(p).toHaveURL(/\/patient$/);

  // The link works once.
  const again = await (await browser.newContext(phone)).newPage();
  await again.goto(new URL(link).pathname);
  await expect(again.getByRole('heading', { level: 1, name: m.PasswordReset.usedTitle })).toBeVisible();
  await expect(again.getByRole('link', { name: m.PasswordReset.askAgain })).toBeVisible();
  await expectAccessible(again);
  await shot(again, '5-link-used');
  await device.close();
  await other.close();
});

test('an address with no account gets the same answer and no email; a made-up link gets a clear page', async ({ browser }) => {
  const p = await (await browser.newContext(phone)).newPage();
  const nobody = uniqueEmail('nobody');
  await p.goto('/forgot-password');
  await p.getByLabel(m.PasswordReset.email).fill(nobody);
  await p.getByRole('button', { name: m.PasswordReset.send }).click();
  await expect(p.getByText(m.PasswordReset.sent)).toBeVisible();
  await p.waitForTimeout(1000);
  expect(mailsTo(nobody)).toEqual([]);

  await p.goto('/reset-password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(p.getByRole('heading', { level: 1, name: m.PasswordReset.invalidTitle })).toBeVisible();
  await expectAccessible(p);
  await shot(p, '6-link-invalid');
  await p.getByRole('link', { name: m.PasswordReset.askAgain }).click();
  await expect(p).toHaveURL(/\/forgot-password$/);
});
