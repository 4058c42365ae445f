// The in-app list and unread count (own notices only), an alert's notification history, and the administrator's
// failed deliveries with a retry.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alerts, auditEvents, notificationDeliveries, notifications } from '~/db/schema';
import { localDate } from '~/lib/dates';
import { addToTeam, callerFor, checkInInput, makeNonPrescriber, makePatient, makeUser, rejection, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

async function world() {
  const prescriber = await makeUser(h.db, 'clinician', uniqueName('Dr'));
  const nurse = await makeNonPrescriber(h.db, uniqueName('Nurse'), 'nurse');
  const outsider = await makeUser(h.db, 'clinician', uniqueName('Outsider'));
  const created = await makePatient(h.db, prescriber);
  await addToTeam(h.db, prescriber, created.patientId, nurse);
  await callerFor(h.db, created.user).checkins.submit(checkInInput(created.patientId, localDate('Europe/London', new Date()), { redFlags: ['confusion'] }));
  const [alert] = await h.db.select().from(alerts).where(eq(alerts.patientId, created.patientId));
  if (!alert) throw new Error('no alert');
  return { prescriber, nurse, outsider, patient: created.user, patientId: created.patientId, alert };
}

describe('the in-app list', () => {
  it('shows a clinician their own notices, counts the unread ones and marks them read', async () => {
    const { prescriber, nurse, patientId, alert } = await world();
    const mine = await callerFor(h.db, nurse).notifications.list({});
    expect(mine.map((n) => [n.kind, n.alertId, n.patientId])).toEqual([['urgent-alert', alert.id, patientId]]);
    expect(await callerFor(h.db, nurse).notifications.unreadCount()).toBe(1);
    // Marking someone else's notice read does nothing.
    const other = (await callerFor(h.db, prescriber).notifications.list({}))[0];
    if (!other) throw new Error('the prescriber has no notice');
    expect(await callerFor(h.db, nurse).notifications.markRead({ ids: [other.id] })).toEqual({ marked: 0 });
    expect(await callerFor(h.db, prescriber).notifications.unreadCount()).toBe(1);
    expect(await callerFor(h.db, nurse).notifications.markRead({ all: true })).toEqual({ marked: 1 });
    const [audit] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.actorId, nurse.id), eq(auditEvents.action, 'notification.read')));
    expect(audit?.after).toEqual({ count: 1 });
    expect(await callerFor(h.db, nurse).notifications.unreadCount()).toBe(0);
    expect(await callerFor(h.db, nurse).notifications.list({ unreadOnly: true })).toEqual([]);
  });

  it('refuses a bad input with field errors', async () => {
    const { nurse } = await world();
    const error = await rejection(callerFor(h.db, nurse).notifications.markRead({ ids: [] } as never));
    expect(error.code).toBe('BAD_REQUEST');
  });
});

describe('an alert’s notification history', () => {
  it('names who was notified, on which channel and how it went, round by round; only for the care team', async () => {
    const { prescriber, nurse, outsider, patient, patientId, alert } = await world();
    const history = await callerFor(h.db, nurse).alerts.notifications({ patientId, alertId: alert.id });
    expect(history.map((e) => [e.recipient, e.round, e.deliveries.map((d) => `${d.channel}:${d.status}`).sort()])).toEqual(
      expect.arrayContaining([
        [prescriber.name, 0, ['email:pending', 'push:pending']],
        [nurse.name, 0, ['email:pending', 'push:pending']],
      ]),
    );
    expect((await rejection(callerFor(h.db, outsider).alerts.notifications({ patientId, alertId: alert.id }))).code).toBe('FORBIDDEN');
    expect((await rejection(callerFor(h.db, patient).alerts.notifications({ patientId, alertId: alert.id }))).code).toBe('FORBIDDEN');
  });
});

describe('failed deliveries', () => {
  it('are listed for administrators without patient data, and sent again on request', async () => {
    const { prescriber, patient, alert } = await world();
    const admin = await makeUser(h.db, 'admin', uniqueName('Admin'));
    const [delivery] = await h.db
      .update(notificationDeliveries)
      .set({ status: 'failed', lastError: 'ECONNECTION', attempts: 13 })
      .where(sql`${notificationDeliveries.notificationId} in (select id from ${notifications} where ${notifications.alertId} = ${alert.id} and ${notifications.recipientId} = ${prescriber.id}) and ${notificationDeliveries.channel} = 'email'`)
      .returning();
    if (!delivery) throw new Error('no delivery');
    const failed = await callerFor(h.db, admin).admin.failedDeliveries();
    const row = failed.find((f) => f.id === delivery.id);
    expect(row).toMatchObject({ channel: 'email', kind: 'urgent-alert', recipientName: prescriber.name, recipientEmail: prescriber.email, attempts: 13, lastError: 'ECONNECTION' });
    expect(JSON.stringify(row)).not.toContain(patient.name);
    await callerFor(h.db, admin).admin.retryDelivery({ deliveryId: delivery.id });
    const [audit] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.actorId, admin.id), eq(auditEvents.action, 'notification.retry')));
    expect(audit?.entityId).toBe(delivery.id);
    const [after] = await h.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, delivery.id));
    expect(after?.status).toBe('pending');
    expect((await rejection(callerFor(h.db, admin).admin.retryDelivery({ deliveryId: delivery.id }))).code).toBe('NOT_FOUND');
  });
});
