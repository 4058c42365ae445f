// Single sign-on through a real OpenID provider that e2e/server.ts starts on the loopback: an existing
// account with a verified email gets in and lands on its home; an unknown email, an email the provider has
// not verified (even one with an account) and a disabled account are each refused with a page that says why.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, m, trpc } from './fixtures';
import { generateSync } from 'otplib';
import twoStepMessages from '../messages/en/two-step.json' with { type: 'json' };
import { oidcName, oidcPort, ssoPeople, TWO_STEP_SECRET } from './sso';

/** From the app's sign-in page, through the provider's login page, back to the app. */
async function signInWithSso(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: m.Auth.signInWith.replace('{name}', oidcName) }).click();
  await page.waitForURL((url) => url.port === String(oidcPort) && url.pathname.startsWith('/interaction/'));
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.port !== String(oidcPort) && !url.pathname.startsWith('/api/auth/'));
}

test("the sign-in page's policy lets forms go to the app and the provider only", async ({ request }) => {
  const csp = (await request.get('/sign-in')).headers()['content-security-policy'] ?? '';
  expect(csp).toContain(`form-action 'self' http://127.0.0.1:${oidcPort};`);
});

test('a clinician signs in through the OpenID provider and lands on their home; signing out ends it', async ({ page }) => {
  await signInWithSso(page, ssoPeople.clinician.email);
  await expect(page).toHaveURL(/\/clinician$/);
  const me = await trpc<{ email: string }>(page.request, 'account.me', undefined, 'query');
  expect(me.status).toBe(200);
  expect(me.data?.email).toBe(ssoPeople.clinician.email);
  await expectAccessible(page);

  await page.getByRole('button', { name: m.Common.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await trpc(page.request, 'account.me', undefined, 'query')).status).toBe(401);
});

test('an administrator signing in through the provider lands on the administration home', async ({ page }) => {
  await signInWithSso(page, ssoPeople.admin.email);
  await expect(page).toHaveURL(/\/admin$/);
});

const refusals = [
  { who: 'an email with no Taperline account', person: ssoPeople.unknown, error: 'sso-unknown', message: m.Auth.ssoUnknown },
  { who: 'an email the provider has not verified, though an account has it', person: ssoPeople.unverified, error: 'sso-unverified', message: m.Auth.ssoUnverified },
  { who: 'a disabled account', person: ssoPeople.disabled, error: 'sso-disabled', message: m.Auth.ssoDisabled },
] as const;

for (const refusal of refusals) {
  test(`single sign-on refuses ${refusal.who}, saying why in plain words`, async ({ page }) => {
    await signInWithSso(page, refusal.person.email);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?error=${refusal.error}$`));
    const alert = page.getByRole('alert').filter({ hasText: refusal.message });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(m.Auth.ssoRefusedTitle);
    // Not signed in: no session cookie works, and the password form is there to use instead.
    expect((await trpc(page.request, 'account.me', undefined, 'query')).status).toBe(401);
    await expect(page.getByLabel(m.Auth.password, { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath(`sso-refused-${refusal.error}.png`), fullPage: true });
  });
}

test('an error from the provider itself gets the general message, with no details', async ({ page }) => {
  await page.goto('/sign-in?error=OAuthCallbackError');
  await expect(page.getByRole('alert').filter({ hasText: m.Auth.ssoFailed })).toBeVisible();
  await expectAccessible(page);
});

test('an account with an authenticator app enters a code after single sign-on, unless its provider vouched for a second factor', async ({ page, browser }) => {
  const t = twoStepMessages.TwoStep;
  await signInWithSso(page, ssoPeople.codeAsked.email);
  await expect(page).toHaveURL(/\/two-step$/);
  await expect(page.getByRole('heading', { level: 1, name: t.pageTitle })).toBeVisible();
  // Until the code is entered, the session reaches nothing else.
  expect((await trpc(page.request, 'account.me', undefined, 'query')).status).toBe(403);
  await page.goto('/clinician');
  await expect(page).toHaveURL(/\/two-step$/);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('sso-two-step.png'), fullPage: true });
  await page.getByLabel(t.verifyLabel, { exact: true }).fill('000000' === generateSync({ secret: TWO_STEP_SECRET }) ? '111111' : '000000');
  await page.getByRole('button', { name: t.verifySubmit }).click();
  await expect(page.getByRole('alert').getByText('That code is not right, or was already used.')).toBeVisible();
  await page.getByLabel(t.verifyLabel, { exact: true }).fill(generateSync({ secret: TWO_STEP_SECRET }));
  await page.getByRole('button', { name: t.verifySubmit }).click();
  await expect(page).toHaveURL(/\/clinician$/);
  expect((await trpc(page.request, 'account.me', undefined, 'query')).status).toBe(200);

  // The provider said this one used a second factor (amr "mfa", counted by AUTH_OIDC_MFA_CLAIMS): no code asked.
  const other = await browser.newPage();
  await signInWithSso(other, ssoPeople.vouched.email);
  await expect(other).toHaveURL(/\/clinician$/);
  await other.close();
});
