// Single sign-on through a real OpenID provider that e2e/server.ts starts on the loopback: an existing
// account with a verified email gets in and lands on its home; an unknown email, an email the provider has
// not verified (even one with an account) and a disabled account are each refused with a page that says why.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, m, trpc } from './fixtures';
import { oidcName, oidcPort, ssoPeople } from './sso';

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
