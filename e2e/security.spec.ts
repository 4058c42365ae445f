// Security basics over real HTTP: headers, anonymous refusals, generic sign-in errors and throttling.
import { expect, test } from '@playwright/test';
import { expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc, uniqueEmail } from './fixtures';

test('pages carry the security headers and are never cached', async ({ request }) => {
  const response = await request.get('/sign-in');
  expect(response.status()).toBe(200);
  const h = response.headers();
  const csp = h['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("'unsafe-inline' 'strict"); // scripts are nonce-only
  expect(csp).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['cache-control']).toContain('no-store');
  expect(h['strict-transport-security']).toContain('max-age=');
  expect(h['x-powered-by']).toBeUndefined();
});

test('anonymous visitors are sent to sign in, and the API refuses them', async ({ page, request }) => {
  for (const path of ['/patient', '/clinician', '/admin', '/account']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in$/);
  }
  const listed = await trpc(request, 'patients.listMine', undefined, 'query');
  expect(listed.status).toBe(401);
  const me = await trpc(request, 'account.me', undefined, 'query');
  expect(me.status).toBe(401);
  const api = await request.get('/api/trpc/account.me');
  expect(api.headers()['cache-control']).toContain('no-store');
});

test('sign-in page: accessible, one generic error, and throttled after repeated failures', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: m.Auth.title })).toBeVisible();
  await expectAccessible(page);

  // An unknown email and a wrong password for a real one read the same.
  const email = uniqueEmail('nobody');
  await page.getByLabel(m.Auth.email).fill(email);
  await page.getByLabel(m.Auth.password, { exact: true }).fill('wrong-password-1');
  await page.getByRole('button', { name: m.Auth.submit, exact: true }).click();
  await expect(page.locator('main').getByRole('alert')).toHaveText(m.Auth.invalid);

  // A fixture clinician: five failures, then even the right password is held back.
  for (let i = 0; i < 5; i++) {
    await page.getByLabel(m.Auth.email).fill(staff.locked.email);
    await page.getByLabel(m.Auth.password, { exact: true }).fill(`wrong-password-${i}`);
    await page.getByRole('button', { name: m.Auth.submit, exact: true }).click();
    await expect(page.locator('main').getByRole('alert')).toHaveText(m.Auth.invalid);
  }
  await page.getByLabel(m.Auth.email).fill(staff.locked.email);
  await page.getByLabel(m.Auth.password, { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: m.Auth.submit, exact: true }).click();
  await expect(page.locator('main').getByRole('alert')).toHaveText(m.Auth.throttled);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a signed-in clinician gets a 403 page on another role’s pages', async ({ page, context }) => {
  await signIn(page, staff.physio.email, STAFF_PASSWORD);
  await expect(page).toHaveURL(/\/clinician$/);
  // The production session cookie is Secure, HttpOnly and SameSite, and holds no readable personal data.
  const session = (await context.cookies()).find((c) => c.name === '__Secure-authjs.session-token');
  expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  expect(session?.value).not.toContain(staff.physio.email);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: m.Errors.forbiddenTitle })).toBeVisible();
  await expectAccessible(page);
  const missing = await page.goto('/no-such-page');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: m.Errors.notFoundTitle })).toBeVisible();
});
