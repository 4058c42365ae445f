// An urgent alert's push delivery: encrypted for the prescriber's device (RFC 8291), received by a push service
// on the loopback, and saying nothing about the patient's health; a device the service no longer knows is forgotten.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, notificationDeliveries, notifications, pushSubscriptions } from '~/db/schema';
import { localDate } from '~/lib/dates';
import { callerFor, checkInInput, makePatient, makeUser, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';
import { startPushService, testBrowser, type LocalPushService } from '~/server/test/push-service';
import { deliverNotice } from './deliver';
import { sendPushNotice } from './push-channel';

const h = fileTestDb();
let service: LocalPushService;
beforeAll(async () => {
  service = await startPushService();
});
afterAll(async () => {
  await service.close();
});

async function urgentPushFor() {
  const prescriber = await makeUser(h.db, 'clinician', uniqueName('Dr'));
  const device = testBrowser(`${service.origin}/push/${prescriber.id}`);
  await callerFor(h.db, prescriber).push.subscribe({ endpoint: device.endpoint, p256dh: device.p256dh, auth: device.auth, label: 'Phone' });
  const created = await makePatient(h.db, prescriber);
  await callerFor(h.db, created.user).checkins.submit(checkInInput(created.patientId, localDate('Europe/London', new Date()), { redFlags: ['self-harm-thoughts'] }));
  const [alert] = await h.db.select().from(alerts).where(eq(alerts.patientId, created.patientId));
  if (!alert) throw new Error('no alert');
  const [delivery] = await h.db
    .select({ id: notificationDeliveries.id })
    .from(notificationDeliveries)
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .where(and(eq(notifications.alertId, alert.id), eq(notifications.recipientId, prescriber.id), eq(notificationDeliveries.channel, 'push')));
  if (!delivery) throw new Error('no push delivery');
  return { prescriber, device, deliveryId: delivery.id, patientId: created.patientId, alertId: alert.id };
}

describe('the push channel', () => {
  it('delivers an urgent alert to the prescriber’s device, encrypted, urgent, and free of health data', async () => {
    const { device, deliveryId, patientId } = await urgentPushFor();
    expect(await deliverNotice(h.db, deliveryId, { final: false, push: sendPushNotice })).toBe('delivered');
    const received = service.received.find((r) => device.endpoint.endsWith(r.path));
    if (!received) throw new Error('the push service received nothing');
    expect(received.headers.urgency).toBe('high');
    const payload = JSON.parse(device.decrypt(received.body)) as { title: string; body: string; url: string };
    expect(payload).toEqual({ title: 'Urgent alert for a patient on your care team', body: 'An urgent alert for a patient on your care team', url: `/clinician/patients/${patientId}`, tag: 'urgent-alert' });
    expect(JSON.stringify(payload)).not.toMatch(/self-harm|harm|Test Patient/);
  });

  it('forgets a device its push service no longer knows, and records the delivery as not sent', async () => {
    const { prescriber, device, deliveryId } = await urgentPushFor();
    service.answer(new URL(device.endpoint).pathname, 410);
    expect(await deliverNotice(h.db, deliveryId, { final: false, push: sendPushNotice })).toBe('skipped');
    expect(await h.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, prescriber.id))).toEqual([]);
    const [row] = await h.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, deliveryId));
    expect(row).toMatchObject({ status: 'skipped', lastError: 'no-subscription' });
  });
});
