// The offline check-in on a phone (390 px), with Chromium's own offline mode: answers kept on the phone and
// shown as "saved on this phone, not yet sent", sent once the connection returns and arriving once; a red
// flag offline shows the urgent screen at once, saying the team has not been told; the cached offline shell
// opens the check-in with no connection and holds no patient data; sign-out leaves nothing on the phone.
// And the web app manifest with its icons.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const SHOTS = 'test-results/screens';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

type CheckInRow = { id: string; revision: number; notes: string; redFlags: string[] };

/** A new patient, signed in on a phone, on the check-in page with the offline shell cached by the worker. */
async function patientOnPhone(page: Page, browser: Browser, name: string) {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name });
  const context = await browser.newContext(PHONE);
  const phone = await context.newPage();
  await acceptInvite(phone, patient.inviteLink, 'offline-password-1');
  await phone.goto('/patient/check-in');
  await expect(phone.getByRole('heading', { level: 1, name: m.CheckIn.title })).toBeVisible();
  // The page registers the worker and asks it to keep the offline shell: wait until it has. (Whether this
  // page is already controlled does not matter: the next navigation goes through the active worker. A page
  // still loading when the worker activates is not claimed, so waiting for that would be flaky.)
  await expect
    .poll(
      () =>
        phone.evaluate(async () => ({
          active: Boolean((await navigator.serviceWorker.getRegistration('/'))?.active),
          shell: (await caches.match('/offline/check-in', { ignoreVary: true })) !== undefined,
        })),
      { timeout: 30_000 },
    )
    .toEqual({ active: true, shell: true });
  return { patient, context, phone };
}

/** What the phone keeps: its IndexedDB databases, the pending check-ins' inputs, and the worker's caches. */
async function kept(phone: Page) {
  return phone.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((d) => d.name);
    let pending: { idempotencyKey: string; patientId: string; notes?: string }[] = [];
    if (databases.includes('taperline-offline')) {
      pending = await new Promise((resolve, reject) => {
        const open = indexedDB.open('taperline-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('pending').objectStore('pending').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as { input: { idempotencyKey: string; patientId: string; notes?: string } }[]).map((p) => p.input));
          };
          all.onerror = () => reject(all.error);
        };
      });
    }
    return { databases, pending, caches: await caches.keys() };
  });
}

const checkInsOf = async (page: Page, patientId: string) =>
  (await trpc<CheckInRow[]>(page.request, 'checkins.list', { patientId, days: 7 }, 'query')).data ?? [];

test('checked in with the network off: kept on the phone, sent once when it returns; sign-out leaves nothing', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const { patient, context, phone } = await patientOnPhone(page, browser, 'Olga Offline');
  const errors: string[] = [];
  phone.on('pageerror', (error) => errors.push(error.message));

  await context.setOffline(true);
  await phone.getByLabel(m.CheckIn.other.notes).fill('Written on the bus, no signal.');
  await phone.getByRole('button', { name: m.CheckIn.submit }).click();

  const status = phone.getByRole('status').filter({ hasText: m.CheckIn.offline.pendingTitle });
  await expect(status).toBeVisible();
  await expect(phone.getByRole('heading', { level: 1, name: m.CheckIn.offline.pendingTitle })).toBeFocused();
  await expect(phone.getByText(m.CheckIn.offline.pendingBody)).toBeVisible();
  const waiting = await kept(phone);
  expect(waiting.pending).toHaveLength(1);
  expect(waiting.pending[0]).toMatchObject({ patientId: patient.patientId, notes: 'Written on the bus, no signal.' });
  const input = waiting.pending[0];
  await expectAccessible(phone);
  await phone.screenshot({ path: `${SHOTS}/offline-pending-390.png`, fullPage: true });

  // "Send now" while still offline: it stays kept, and the page says so.
  await phone.getByRole('button', { name: m.CheckIn.offline.sendNow }).click();
  await expect(phone.getByText(m.CheckIn.offline.stillOffline)).toBeVisible();
  expect(await checkInsOf(page, patient.patientId)).toEqual([]);

  // The connection returns: sent by itself, and gone from the phone.
  await context.setOffline(false);
  await expect(phone.getByRole('heading', { level: 1, name: m.CheckIn.offline.sentTitle })).toBeVisible({ timeout: 20_000 });
  await expect(phone.getByRole('status').filter({ hasText: m.CheckIn.offline.sentTitle })).toBeVisible();
  await expectAccessible(phone);
  await phone.screenshot({ path: `${SHOTS}/offline-sent-390.png`, fullPage: true });
  expect((await kept(phone)).pending).toEqual([]);

  // It arrived once: one check-in, never corrected (a second arrival would be revision 2) ...
  const rows = await checkInsOf(page, patient.patientId);
  expect(rows.map((r) => [r.revision, r.notes])).toEqual([[1, 'Written on the bus, no signal.']]);
  // ... and sending it again under its key (a second tab, a reply lost on the way back) changes nothing.
  const again = await trpc<{ checkInId: string; replayed: boolean }>(phone.request, 'checkins.submit', input);
  expect(again.data).toMatchObject({ checkInId: rows[0]?.id, replayed: true });
  await phone.reload();
  await expect(phone.getByText(m.CheckIn.already)).toBeVisible();
  expect((await checkInsOf(page, patient.patientId)).map((r) => r.revision)).toEqual([1]);

  // Kept again offline, then signed out before it could go: nothing of it stays on the phone.
  await context.setOffline(true);
  await phone.getByLabel(m.CheckIn.other.notes).fill('A correction that never left the phone.');
  await phone.getByRole('button', { name: m.CheckIn.submitCorrection }).click();
  await expect(phone.getByRole('heading', { level: 1, name: m.CheckIn.offline.pendingTitle })).toBeVisible();
  const before = await kept(phone);
  expect(before.pending).toHaveLength(1);
  expect(before.caches.length).toBeGreaterThan(0);
  // Back online, but the check-in cannot get through (a captive portal, say): it stays kept ...
  await context.route('**/api/trpc/checkins.submit*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  await phone.getByRole('button', { name: m.CheckIn.offline.sendNow }).click();
  await expect(phone.getByText(m.CheckIn.offline.stillOffline)).toBeVisible();
  expect((await kept(phone)).pending).toHaveLength(1);
  // ... and the patient signs out: it goes from the phone, with the cached shell.
  await phone.getByRole('button', { name: m.Common.signOut }).click();
  await phone.waitForURL(/\/sign-in/);
  const after = await kept(phone);
  expect(after.databases).not.toContain('taperline-offline');
  expect(after.caches).toEqual([]);
  expect((await checkInsOf(page, patient.patientId)).map((r) => [r.revision, r.notes])).toEqual([[1, 'Written on the bus, no signal.']]);
  expect(errors).toEqual([]);
  await context.close();
});

test('a red flag offline: the urgent screen at once, saying the team has not been told; then sent, and the team alerted', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const { patient, context, phone } = await patientOnPhone(page, browser, 'Rosa Redflag');
  await context.setOffline(true);
  await phone.getByLabel(m.CheckIn.redFlags.codes.hallucinations).check();
  await phone.getByRole('button', { name: m.CheckIn.submit }).click();

  await expect(phone.getByRole('heading', { level: 1, name: m.CheckIn.urgent.title })).toBeVisible();
  const alert = phone.getByRole('alert').filter({ hasText: m.CheckIn.urgent.title });
  await expect(alert).toContainText(m.CheckIn.urgent.notAlerted);
  await expect(alert).not.toContainText(m.CheckIn.urgent.alerted);
  await expect(phone.getByText(m.CheckIn.redFlags.codes.hallucinations)).toBeVisible();
  await expect(phone.getByText(m.CheckIn.urgent.doNow.noChange)).toBeVisible();
  await expectAccessible(phone);
  await phone.screenshot({ path: `${SHOTS}/offline-urgent-390.png`, fullPage: true });
  expect((await trpc<unknown[]>(page.request, 'alerts.list', { patientId: patient.patientId, open: true }, 'query')).data).toEqual([]);

  await context.setOffline(false);
  await expect(alert).toContainText(m.CheckIn.urgent.alerted, { timeout: 20_000 });
  await expect(alert).not.toContainText(m.CheckIn.urgent.notAlerted);
  const open = await trpc<{ code: string }[]>(page.request, 'alerts.list', { patientId: patient.patientId, open: true }, 'query');
  expect(open.data?.map((a) => a.code)).toContain('hallucinations');
  expect((await kept(phone)).pending).toEqual([]);
  await context.close();
});

test('opened with no connection: the cached shell, which holds no patient data, takes the check-in; the next page opened online sends it', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const { patient, context, phone } = await patientOnPhone(page, browser, 'Sami Shell');
  const shell = await phone.evaluate(async () => (await caches.match('/offline/check-in', { ignoreVary: true }))?.text() ?? '');
  expect(shell).toContain('data-offline-shell');
  for (const personal of ['Sami Shell', patient.email, patient.patientId]) expect(shell).not.toContain(personal);

  await context.setOffline(true);
  await phone.goto('/patient/check-in');
  await expect(phone.getByText(m.CheckIn.offline.shellNotice)).toBeVisible();
  await expect(phone.getByText(m.CheckIn.offline.shellDoses)).toBeVisible();
  await expectAccessible(phone);
  await phone.screenshot({ path: `${SHOTS}/offline-shell-390.png`, fullPage: true });
  await phone.getByLabel(m.CheckIn.other.notes).fill('Opened with no signal at all.');
  await phone.getByRole('button', { name: m.CheckIn.submit }).click();
  await expect(phone.getByRole('heading', { level: 1, name: m.CheckIn.offline.pendingTitle })).toBeVisible();

  // The app is closed before the connection returns; the next patient page opened sends it on load.
  await phone.close();
  await context.setOffline(false);
  const later = await context.newPage();
  await later.goto('/patient');
  await expect(later.getByRole('status').filter({ hasText: m.CheckIn.offline.sentElsewhere })).toBeVisible({ timeout: 20_000 });
  await expectAccessible(later);
  expect((await checkInsOf(page, patient.patientId)).map((r) => [r.revision, r.notes])).toEqual([[1, 'Opened with no signal at all.']]);
  expect((await kept(later)).pending).toEqual([]);
  await context.close();
});

test('another patient signs in on the same phone: the first one’s unsent check-in is wiped, never sent under their session', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const { patient: first, context, phone } = await patientOnPhone(page, browser, 'Ana First');
  await context.setOffline(true);
  await phone.getByLabel(m.CheckIn.other.notes).fill('Ana’s answers, never sent.');
  await phone.getByRole('button', { name: m.CheckIn.submit }).click();
  await expect(phone.getByRole('heading', { level: 1, name: m.CheckIn.offline.pendingTitle })).toBeVisible();
  // Ana's session ends without the sign-out button (it expired, say); the phone comes back online.
  await context.clearCookies();
  await context.setOffline(false);
  await expect(phone.getByText(m.CheckIn.offline.later)).toBeVisible({ timeout: 20_000 });
  expect((await kept(phone)).pending).toHaveLength(1);

  const second = await addPatientAs(page.request, { name: 'Ben Second' });
  await acceptInvite(phone, second.inviteLink, 'offline-password-2');
  await phone.goto('/patient');
  // The wipe waits for the page's offline set-up (the service worker's registration): slow on a busy machine.
  await expect.poll(async () => (await kept(phone)).pending.length, { timeout: 30_000 }).toBe(0);
  expect(await checkInsOf(page, first.patientId)).toEqual([]);
  expect(await checkInsOf(page, second.patientId)).toEqual([]);
  await context.close();
});

test('the web app manifest names the app and its icons, each of which loads at its size; the page links it and an Apple touch icon', async ({ page, request }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.status()).toBe(200);
  const manifest = (await res.json()) as { name: string; start_url: string; display: string; icons: { src: string; sizes: string; purpose?: string }[] };
  expect(manifest).toMatchObject({ name: 'Taperline', start_url: '/', display: 'standalone' });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    const png = await request.get(icon.src);
    expect(png.status(), icon.src).toBe(200);
    expect(png.headers()['content-type']).toBe('image/png');
    const body = await png.body();
    // A PNG's width and height, from its header.
    expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`).toBe(icon.sizes);
  }
  await page.goto('/sign-in');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  const touch = await request.get(apple ?? '/apple-icon.png');
  expect([touch.status(), touch.headers()['content-type']]).toEqual([200, 'image/png']);
  expect((await touch.body()).readUInt32BE(16)).toBe(180);
});
