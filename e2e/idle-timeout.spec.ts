// The idle warning of staff sessions, on the browser's clock (Playwright's): it appears two minutes before
// the end, "Stay signed in" makes a real request that keeps the session, "Sign out now" signs out, and at
// the end the browser lands on the session-ended page. The server's ending of an idle session, on its own
// clock, is proven by server/auth/idle.test.ts; here the server's answers to the warning's background
// checks stand for a server whose clock moved on with the browser's.
import { expect, test, type Page, type Request } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const KEEP_ALIVE = '**/api/trpc/account.keepAlive**';

/**
 * Answers the warning's background checks as a server `answer()` seconds from the end would (null: the
 * session has ended); the user's own requests go to the real server. Returns the requests seen.
 */
async function serverClock(page: Page, answer: () => number | null) {
  const seen: { background: boolean; request: Request }[] = [];
  await page.route(KEEP_ALIVE, async (route) => {
    const request = route.request();
    const background = (await request.headerValue('x-taperline-background')) === '1';
    seen.push({ background, request });
    if (!background) return route.continue();
    const left = answer();
    if (left === null) {
      return route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { json: { message: 'Your session has ended. Please sign in again.', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401, path: 'account.keepAlive' } } } }),
      });
    }
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result: { data: { json: { idleSecondsLeft: left } } } }) });
  });
  return seen;
}

test('a clinician is warned two minutes before the idle limit, and "Stay signed in" keeps the session', async ({ page }) => {
  await page.clock.install();
  await signIn(page, staff.physio.email, STAFF_PASSWORD);
  await expect(page).toHaveURL(/\/clinician$/);
  const seen = await serverClock(page, () => 110);
  const dialog = page.getByRole('alertdialog', { name: m.IdleTimeout.title });
  await expect(dialog).toBeHidden();

  // 28 minutes without a request: the warning asks the server, which finds 1:50 left.
  await page.clock.fastForward('28:00');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/You will be signed out in 1:(50|4\d) for inactivity/);
  expect(seen.filter((s) => s.background)).toHaveLength(1);
  await expect(dialog.getByRole('button', { name: m.IdleTimeout.stay })).toBeFocused();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/idle-warning.png' });

  // The countdown runs.
  await page.clock.fastForward(10_000);
  await expect(dialog).toContainText(/signed out in 1:(40|3\d)/);

  // "Stay signed in": a request of the user's own (not marked background) that the real server answers.
  const kept = page.waitForResponse((r) => r.url().includes('/api/trpc/account.keepAlive') && r.request().headers()['x-taperline-background'] === undefined);
  await dialog.getByRole('button', { name: m.IdleTimeout.stay }).click();
  const response = await kept;
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { result: { data: { json: { idleSecondsLeft: number } } } };
  expect(body.result.data.json.idleSecondsLeft).toBeGreaterThan(29 * 60);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect((await trpc(page.request, 'account.me', undefined, 'query')).status).toBe(200);

  // The next warning is a full limit later, not two minutes.
  await page.clock.fastForward('20:00');
  await expect(dialog).toBeHidden();
});

test('at the idle limit an administrator lands on the session-ended page', async ({ page }) => {
  await page.clock.install();
  await signIn(page, staff.admin.email, STAFF_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  let left: number | null = 100;
  await serverClock(page, () => left);
  const dialog = page.getByRole('alertdialog', { name: m.IdleTimeout.title });
  await page.clock.fastForward('28:30');
  await expect(dialog).toBeVisible();

  // Nobody answers; at the end the server has ended the session.
  left = null;
  await page.clock.fastForward('01:45');
  await expect(page).toHaveURL(/\/session-expired$/);
  await expect(page.getByRole('heading', { level: 1, name: m.Errors.expiredTitle })).toBeVisible();
  await expectAccessible(page);
});

test('the warning works from the keyboard: Escape stays signed in, "Sign out now" signs out', async ({ page }) => {
  await page.clock.install();
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  await page.goto('/account');
  // The page's own queries (its devices) are the user's requests: let them go before moving the clock on.
  await page.waitForLoadState('networkidle');
  await serverClock(page, () => 115);
  const dialog = page.getByRole('alertdialog', { name: m.IdleTimeout.title });

  await page.clock.fastForward('28:10');
  await expect(dialog).toBeVisible();
  const kept = page.waitForResponse((r) => r.url().includes('/api/trpc/account.keepAlive') && r.request().headers()['x-taperline-background'] === undefined);
  await page.keyboard.press('Escape');
  expect((await kept).status()).toBe(200);
  await expect(dialog).toBeHidden();
  // Escape closes the dialog at once; the answer is taken in when the buttons are enabled again.
  await expect(page.getByRole('button', { name: m.IdleTimeout.stay, includeHidden: true })).toBeEnabled();

  await page.clock.fastForward('28:10');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: m.IdleTimeout.signOutNow })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await trpc(page.request, 'account.me', undefined, 'query')).status).toBe(401);
});

test('a patient gets no idle warning: their sessions have no idle limit', async ({ page, browser }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const { inviteLink } = await addPatientAs(page.request);
  const context = await browser.newContext();
  const patient = await context.newPage();
  await patient.clock.install();
  await acceptInvite(patient, inviteLink, 'idle-patient-password-1');
  await patient.goto('/account');
  const checks: string[] = [];
  patient.on('request', (r) => {
    if (r.url().includes('account.keepAlive')) checks.push(r.url());
  });
  await patient.clock.fastForward('45:00');
  await expect(patient.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(patient.getByRole('alertdialog')).toHaveCount(0);
  expect(checks).toEqual([]);
  await context.close();
});
