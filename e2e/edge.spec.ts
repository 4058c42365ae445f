// The edge in a real browser: a form another page posts to the API is refused (Chromium sends its own Origin
// and Sec-Fetch-Site), a refused record's trends page carries its 403, and every page has its icon.
import { expect, test } from '@playwright/test';
import { addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD } from './fixtures';

test('a form posted to the API from another page is refused, and the session it aimed at goes on', async ({ page, context, baseURL }) => {
  await signIn(page, staff.physio.email, STAFF_PASSWORD);
  // A page of no origin of ours (about:blank with an attacker's form), in the same browser as the session.
  const attacker = await context.newPage();
  await attacker.setContent(`<form method="post" action="${baseURL}/api/trpc/account.signOutEverywhere"><input name="x" value="1"><button>Go</button></form>`);
  const [response] = await Promise.all([attacker.waitForResponse((r) => r.url().endsWith('/api/trpc/account.signOutEverywhere')), attacker.getByRole('button', { name: 'Go' }).click()]);
  expect(response.status()).toBe(403);
  expect(response.request().headers()['content-type']).toContain('application/x-www-form-urlencoded');
  // Still signed in: the refused request changed nothing.
  expect((await page.goto('/clinician'))?.status()).toBe(200);
  await expect(page).toHaveURL(/\/clinician$/);
});

test('a clinician off the care team gets a 403 status on the patient’s trends page, not a 200 with a 403 inside', async ({ page, browser }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const { patientId } = await addPatientAs(page.request);
  const outsider = await (await browser.newContext()).newPage();
  await signIn(outsider, staff.outsider.email, STAFF_PASSWORD);
  for (const path of [`/clinician/patients/${patientId}/trends`, `/clinician/patients/${patientId}/trends?range=3m`]) {
    const response = await outsider.goto(path);
    expect([path, response?.status()]).toEqual([path, 403]);
    await expect(outsider.getByRole('heading', { level: 1, name: m.Errors.forbiddenTitle })).toBeVisible();
  }
  await expectAccessible(outsider);
  // The prescriber, on the team, reads it.
  expect((await page.goto(`/clinician/patients/${patientId}/trends`))?.status()).toBe(200);
});

test('every page links its icon, and the icon is served', async ({ page, request }) => {
  await page.goto('/sign-in');
  const href = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute('href');
  expect(href).toMatch(/^\/icon\.svg/);
  const svg = await request.get(href ?? '/icon.svg');
  expect([svg.status(), svg.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
  const ico = await request.get('/favicon.ico');
  expect([ico.status(), ico.headers()['content-type']]).toEqual([200, 'image/x-icon']);
});
