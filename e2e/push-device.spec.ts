// Notifications on this device, on the account page: in headless Chromium (which has no push service) the
// section says plainly what it can and cannot do, never an exception; the account's devices are listed and
// can be turned off; the service worker is served to anyone, uncached and under its own strict policy.
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { deviceParts } from '../lib/notify/device-label';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const PASSWORD = 'push-patient-password-1';
const SHOTS = '/work/wt/shots';

/** A subscription as a phone's browser would send it (keys of its own), at a push service's public address. */
function phoneSubscription(label: string) {
  const ecdh = createECDH('prime256v1');
  return {
    endpoint: `https://fcm.googleapis.com/fcm/send/e2e-${randomUUID()}`,
    p256dh: ecdh.generateKeys().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
    label,
  };
}

/** The section in the state this browser and this server allow, checked for plain words and no error. */
async function expectSensibleState(page: Page, pushOnServer: boolean) {
  const section = page.getByRole('region', { name: m.Push.title });
  await expect(section).toBeVisible();
  await expect(section.getByText(m.Push.checking)).toHaveCount(0);
  if (!pushOnServer) {
    await expect(section.getByText(m.Push.notConfigured)).toBeVisible();
    return section;
  }
  // Headless Chromium has a service worker and a PushManager: notifications are off and can be asked for.
  await expect(section.getByText(m.Push.offStatus)).toBeVisible();
  await expect(section.getByRole('button', { name: m.Push.turnOn })).toBeEnabled();
  await expect(section.getByRole('alert')).toBeEmpty();
  return section;
}

test('the service worker is served to anyone, never from a stale cache, under a strict policy of its own', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const res = await anonymous.get('/sw.js', { maxRedirects: 0 });
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('no-cache');
  expect(res.headers()['content-type']).toMatch(/^text\/javascript/);
  expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
  const text = await res.text();
  expect(text).toContain("addEventListener('push'");
  expect(text).toContain("addEventListener('notificationclick'");
  await anonymous.dispose();
});

test('a clinician sees the section in a sensible state, asks for notifications in a browser without a push service, and turns off another device', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, staff.physio.email, STAFF_PASSWORD);
  const pushOnServer = (await trpc<string | null>(page.request, 'push.publicKey', undefined, 'query')).data !== null;

  // A phone of this account's, subscribed earlier: listed here, and can be turned off from this browser.
  const phone = phoneSubscription('Chrome on Android');
  if (pushOnServer) expect((await trpc(page.request, 'push.subscribe', phone)).status).toBe(200);

  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/account');
  const section = await expectSensibleState(page, pushOnServer);
  await expectAccessible(page);
  if (!pushOnServer) {
    await page.screenshot({ path: `${SHOTS}/push-clinician-not-configured-1280.png`, fullPage: true });
    return;
  }
  const devices = section.getByRole('region', { name: m.Push.devicesTitle });
  await expect(devices.getByText('Chrome on Android', { exact: true })).toBeVisible();
  await expect(devices.getByText(m.Push.noNotificationYet)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/push-clinician-1280.png`, fullPage: true });

  // Allowed, but the browser has no push service to sign up with: said in plain words.
  await context.grantPermissions(['notifications'], { origin: baseURL });
  await section.getByRole('button', { name: m.Push.turnOn }).click();
  await expect(section.getByRole('alert')).toHaveText(m.Push.noPushService);
  await expect(section.getByRole('button', { name: m.Push.turnOn })).toBeEnabled();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/push-clinician-no-push-service-1280.png`, fullPage: true });

  // The other device is turned off from here, by keyboard.
  const remove = devices.getByRole('button', { name: m.Push.removeDevice.replace('{label}', 'Chrome on Android') });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('status')).toHaveText(m.Push.removedDevice.replace('{label}', 'Chrome on Android'));
  await expect(devices.getByText(m.Push.devicesEmpty)).toBeVisible();
  expect((await trpc<unknown[]>(page.request, 'push.list', undefined, 'query')).data).toEqual([]);
  expect(errors).toEqual([]);
});

test('with a push service (stood in for in the page): turned on, listed as this device, tested, and turned off again', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, staff.outsider.email, STAFF_PASSWORD);
  test.skip((await trpc<string | null>(page.request, 'push.publicKey', undefined, 'query')).data === null, 'push is not set up on this server');
  // The real service worker registers; only the push service's sign-up is stood in for (headless Chromium has none).
  // Its address does not resolve, so the test notification cannot be delivered: the page says so per device.
  const stand = { ...phoneSubscription(''), endpoint: `https://push.invalid/send/${randomUUID()}` };
  await page.addInitScript(({ endpoint, p256dh, auth }) => {
    let current: unknown = null;
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      const key = options?.applicationServerKey as Uint8Array;
      current = {
        endpoint,
        options: { applicationServerKey: key.buffer.slice(key.byteOffset, key.byteOffset + key.byteLength), userVisibleOnly: true },
        toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
        unsubscribe: async () => ((current = null), true),
      };
      return current as PushSubscription;
    };
    PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
  }, stand);
  await context.grantPermissions(['notifications'], { origin: baseURL });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/account');
  const section = page.getByRole('region', { name: m.Push.title });
  await section.getByRole('button', { name: m.Push.turnOn }).click();
  await expect(section.getByText(m.Push.onStatus)).toBeVisible();
  await expect(section.getByRole('status')).toHaveText(m.Push.onDone);
  const send = section.getByRole('button', { name: m.Push.sendTest });
  await expect(send).toBeFocused();
  const devices = section.getByRole('region', { name: m.Push.devicesTitle });
  await expect(devices.getByText(m.Push.thisDevice)).toBeVisible();
  const { browser, os } = deviceParts(await page.evaluate(() => navigator.userAgent));
  const label = m.Push.deviceLabel.replace('{browser}', browser ?? '').replace('{os}', os ?? '');
  expect(label).toBe('Chrome on Windows');
  await expect(devices.getByText(label, { exact: true })).toBeVisible();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.active?.scriptURL)).toBe(`${baseURL}/sw.js`);

  await send.click();
  await expect(section.getByRole('status')).toContainText(m.Push.testIntro, { timeout: 20_000 });
  await expect(section.getByRole('status')).toContainText(m.Push.testFailed.replace('{label}', label));
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/push-on-tested-1280.png`, fullPage: true });

  await section.getByRole('button', { name: m.Push.turnOff }).click();
  await expect(section.getByRole('status')).toHaveText(m.Push.offDone);
  await expect(section.getByRole('button', { name: m.Push.turnOn })).toBeFocused();
  await expect(devices.getByText(m.Push.devicesEmpty)).toBeVisible();
  expect(errors).toEqual([]);
});

test('a patient on a phone sees the section, with blocked notifications explained', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, PASSWORD);
  const pushOnServer = (await trpc<string | null>(onPhone.request, 'push.publicKey', undefined, 'query')).data !== null;
  const errors: string[] = [];
  onPhone.on('pageerror', (error) => errors.push(error.message));

  await onPhone.goto('/account');
  const section = await expectSensibleState(onPhone, pushOnServer);
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: `${SHOTS}/push-patient${pushOnServer ? '' : '-not-configured'}-390.png`, fullPage: true });

  if (pushOnServer) {
    // Declined in the browser's prompt: the section says how to allow it, not an error.
    await onPhone.evaluate(() => {
      Object.defineProperty(Notification, 'requestPermission', { value: () => Promise.resolve('denied') });
    });
    await section.getByRole('button', { name: m.Push.turnOn }).click();
    await expect(section.getByText(m.Push.deniedTitle)).toBeVisible();
    await expect(section.getByText(m.Push.deniedHelp)).toBeVisible();
    await expect(section.getByRole('button', { name: m.Push.turnOn })).toHaveCount(0);
    await expectAccessible(onPhone);
    await onPhone.screenshot({ path: `${SHOTS}/push-patient-denied-390.png`, fullPage: true });
  }
  expect(errors).toEqual([]);
  await phone.close();
});

test('a browser that cannot receive push is told so, and offered nothing it cannot do', async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as { PushManager?: unknown }).PushManager;
  });
  await signIn(page, staff.physio.email, STAFF_PASSWORD);
  const pushOnServer = (await trpc<string | null>(page.request, 'push.publicKey', undefined, 'query')).data !== null;
  await page.goto('/account');
  const section = page.getByRole('region', { name: m.Push.title });
  await expect(section.getByText(pushOnServer ? m.Push.unsupported : m.Push.notConfigured)).toBeVisible();
  await expect(section.getByRole('button', { name: m.Push.turnOn })).toHaveCount(0);
  await expectAccessible(page);
});
