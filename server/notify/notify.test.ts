// Urgent alerts reach the care team: notices written with the alert (one transaction), delivered by email over
// a real SMTP server, escalated until someone acknowledges, and never carrying health data.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { alerts, auditEvents, clinicSettings, notificationDeliveries, notifications, notificationSettings } from '~/db/schema';
import { localDate } from '~/lib/dates';
import { startWorker, type Worker } from '~/server/jobs/worker';
import { escalateAlert } from '~/server/notify/alerts';
import { deliverNotice } from '~/server/notify/deliver';
import { addToTeam, callerFor, checkInInput, makeNonPrescriber, makePatient, makeUser, openIsolatedTestDb, uniqueName } from '~/server/test/db';
import { startTestSmtp, type TestSmtp } from '~/server/test/smtp';

let h: DbHandle;
let smtp: TestSmtp;
beforeAll(async () => {
  h = await openIsolatedTestDb();
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
  await h.close();
});

async function redFlagFor(patientName?: string, onSubmitted?: () => void) {
  const prescriber = await makeUser(h.db, 'clinician', uniqueName('Dr'));
  const physio = await makeNonPrescriber(h.db, uniqueName('Physio'));
  const created = await makePatient(h.db, prescriber);
  if (patientName) await h.db.execute(sql`update users set name = ${patientName} where id = ${created.patientId}`);
  await addToTeam(h.db, prescriber, created.patientId, physio);
  const today = localDate('Europe/London', new Date());
  await callerFor(h.db, created.user).checkins.submit(checkInInput(created.patientId, today, { redFlags: ['seizure'] }));
  onSubmitted?.();
  const [alert] = await h.db.select().from(alerts).where(eq(alerts.patientId, created.patientId));
  if (!alert) throw new Error('no alert raised');
  return { prescriber, physio, patientId: created.patientId, alert };
}

async function noticesOf(alertId: string) {
  return h.db
    .select({ id: notifications.id, recipientId: notifications.recipientId, recipientEmail: notifications.recipientEmail, kind: notifications.kind, round: notifications.round })
    .from(notifications)
    .where(eq(notifications.alertId, alertId));
}

async function deliveriesOf(alertId: string) {
  return h.db
    .select({ id: notificationDeliveries.id, channel: notificationDeliveries.channel, status: notificationDeliveries.status, recipientId: notifications.recipientId, round: notifications.round })
    .from(notificationDeliveries)
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .where(eq(notifications.alertId, alertId));
}

describe('an urgent alert', () => {
  it('writes a notice for every team member with the alert, and a delivery job for each channel', async () => {
    const { prescriber, physio, alert } = await redFlagFor();
    const notices = await noticesOf(alert.id);
    expect(notices.map((n) => n.recipientId).sort()).toEqual([prescriber.id, physio.id].sort());
    expect(new Set(notices.map((n) => n.kind))).toEqual(new Set(['urgent-alert']));
    const deliveries = await deliveriesOf(alert.id);
    expect(deliveries.filter((d) => d.recipientId === prescriber.id).map((d) => d.channel).sort()).toEqual(['email', 'push']);
    expect(deliveries.every((d) => d.status === 'pending')).toBe(true);
    const jobs = await h.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = 'deliver' and data->>'deliveryId' = any(${sql.raw(`array[${deliveries.map((d) => `'${d.id}'`).join(',')}]`)})`,
    );
    const rows = Array.isArray(jobs) ? jobs : (jobs as unknown as { rows: { n: number }[] }).rows;
    expect(Number(rows[0]?.n)).toBe(deliveries.length);
  });

  it('goes to a member who turned urgent alerts off only in the app, but to a prescriber whatever they chose', async () => {
    const prescriber = await makeUser(h.db, 'clinician', uniqueName('Dr'));
    const physio = await makeNonPrescriber(h.db, uniqueName('Physio'));
    await h.db.insert(notificationSettings).values([
      { userId: prescriber.id, urgentEnabled: false, emailEnabled: false, pushEnabled: false },
      { userId: physio.id, urgentEnabled: false },
    ]);
    const created = await makePatient(h.db, prescriber);
    await addToTeam(h.db, prescriber, created.patientId, physio);
    await callerFor(h.db, created.user).checkins.submit(checkInInput(created.patientId, localDate('Europe/London', new Date()), { redFlags: ['high-fever'] }));
    const [alert] = await h.db.select().from(alerts).where(eq(alerts.patientId, created.patientId));
    if (!alert) throw new Error('no alert raised');
    const deliveries = await deliveriesOf(alert.id);
    expect(deliveries.filter((d) => d.recipientId === prescriber.id).map((d) => d.channel).sort()).toEqual(['email', 'push']);
    expect(deliveries.filter((d) => d.recipientId === physio.id)).toEqual([]);
    expect((await noticesOf(alert.id)).some((n) => n.recipientId === physio.id)).toBe(true);
  });

  it('is emailed over SMTP without the patient name, the flag or anything else about their health', async () => {
    const name = uniqueName('Zebedee');
    const { prescriber, alert } = await redFlagFor(name);
    const email = (await deliveriesOf(alert.id)).find((d) => d.recipientId === prescriber.id && d.channel === 'email');
    if (!email) throw new Error('no email delivery');
    expect(await deliverNotice(h.db, email.id, { final: false, smtpUrl: smtp.url })).toBe('delivered');
    const [mail] = await smtp.waitFor((m) => m.to.includes(prescriber.email));
    expect(mail?.subject).toBe('Urgent alert for a patient on your care team');
    expect(mail?.text).toContain(`/clinician/patients/${alert.patientId}`);
    for (const secret of [name, 'seizure', 'Seizure', 'mg']) expect(`${mail?.subject}\n${mail?.text}`).not.toContain(secret);
    // Delivered once: a second run finds nothing to send.
    expect(await deliverNotice(h.db, email.id, { final: false, smtpUrl: smtp.url })).toBe('not-claimed');
    const [row] = await h.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, email.id));
    expect(row?.status).toBe('delivered');
    expect(row?.attempts).toBe(1);
  });

  it('reaches a prescriber who reads Spanish in Spanish, still without anything about the patient', async () => {
    const name = uniqueName('Ximena');
    const { prescriber, physio, alert } = await redFlagFor(name);
    await callerFor(h.db, prescriber).account.setLocale({ locale: 'es' });
    const deliveries = await deliveriesOf(alert.id);
    for (const d of deliveries.filter((x) => x.channel === 'email')) await deliverNotice(h.db, d.id, { final: false, smtpUrl: smtp.url });
    const [spanish] = await smtp.waitFor((m) => m.to.includes(prescriber.email));
    expect(spanish?.subject).toBe('Alerta urgente de un paciente de su equipo de atención');
    expect(spanish?.text).toContain('Inicie sesión para verla');
    expect(spanish?.text).toContain(`/clinician/patients/${alert.patientId}`);
    for (const secret of [name, 'seizure', 'convulsión', 'mg']) expect(`${spanish?.subject}\n${spanish?.text}`).not.toContain(secret);
    // Each reader in their own language: the physiotherapist has not chosen Spanish.
    const [english] = await smtp.waitFor((m) => m.to.includes(physio.email));
    expect(english?.subject).toBe('Urgent alert for a patient on your care team');
  });

  it('is sent once when two workers hold the same delivery at the same moment', async () => {
    const { prescriber, alert } = await redFlagFor();
    const email = (await deliveriesOf(alert.id)).find((d) => d.recipientId === prescriber.id && d.channel === 'email');
    if (!email) throw new Error('no email delivery');
    const outcomes = await Promise.allSettled([
      deliverNotice(h.db, email.id, { final: false, smtpUrl: smtp.url }),
      deliverNotice(h.db, email.id, { final: false, smtpUrl: smtp.url }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'delivered')).toHaveLength(1);
    await smtp.waitFor((m) => m.to.includes(prescriber.email));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails.filter((m) => m.to.includes(prescriber.email))).toHaveLength(1);
  });

  it('retries while SMTP is down and records the failure for good on the last attempt', async () => {
    const { prescriber, alert } = await redFlagFor();
    const email = (await deliveriesOf(alert.id)).find((d) => d.recipientId === prescriber.id && d.channel === 'email');
    if (!email) throw new Error('no email delivery');
    const down = 'smtp://127.0.0.1:1';
    await expect(deliverNotice(h.db, email.id, { final: false, smtpUrl: down })).rejects.toThrow();
    let [row] = await h.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, email.id));
    expect(row?.status).toBe('retrying');
    expect(row?.lastError).toMatch(/^E[A-Z]+$/);
    expect(await deliverNotice(h.db, email.id, { final: true, smtpUrl: down })).toBe('failed');
    [row] = await h.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, email.id));
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
  });
});

describe('escalation', () => {
  it('notifies the prescribers again and the on-call contact, once per round, and stops once acknowledged', async () => {
    await h.db
      .insert(clinicSettings)
      .values({ id: 1, onCallEmail: 'on-call@clinic.test', escalationMinutes: 30 })
      .onConflictDoUpdate({ target: clinicSettings.id, set: { onCallEmail: 'on-call@clinic.test' } });
    const { prescriber, physio, alert } = await redFlagFor();
    expect(await escalateAlert(h.db, { alertId: alert.id, round: 1 })).toBe('escalated');
    // A second worker running the same round changes nothing.
    expect(await escalateAlert(h.db, { alertId: alert.id, round: 1 })).toBe('already-done');
    const round1 = (await noticesOf(alert.id)).filter((n) => n.round === 1);
    expect(round1.map((n) => n.recipientId ?? n.recipientEmail).sort()).toEqual([prescriber.id, 'on-call@clinic.test'].sort());
    expect(round1.some((n) => n.recipientId === physio.id)).toBe(false);
    const audits = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, alert.id), eq(auditEvents.action, 'alert.escalate')));
    expect(audits).toHaveLength(1);
    // The next round is queued one window later.
    const next = await h.db.execute(sql`select start_after > now() + interval '29 minutes' as later from pgboss.job where name = 'escalate' and data->>'alertId' = ${alert.id} and (data->>'round')::int = 2`);
    const nextRows = Array.isArray(next) ? next : (next as unknown as { rows: { later: boolean }[] }).rows;
    expect(nextRows).toEqual([{ later: true }]);

    await callerFor(h.db, prescriber).alerts.acknowledge({ patientId: alert.patientId, alertId: alert.id, note: 'Phoned the patient' });
    expect(await escalateAlert(h.db, { alertId: alert.id, round: 2 })).toBe('acknowledged');
    expect((await noticesOf(alert.id)).filter((n) => n.round === 2)).toEqual([]);
  });
});

describe('the worker', () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await startWorker(h, { work: true, smtpUrl: smtp.url, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await worker.stop();
  });

  it('emails the care team within seconds of a red-flag check-in', async () => {
    let started = 0;
    const { prescriber, physio } = await redFlagFor(undefined, () => (started = Date.now()));
    const mails = await smtp.waitFor((m) => m.to.includes(prescriber.email) || m.to.includes(physio.email), 2, 20_000);
    console.log(`red flag → both emails at the SMTP server in ${Date.now() - started} ms (${h.kind})`);
    expect(mails.map((m) => m.subject)).toEqual(['Urgent alert for a patient on your care team', 'Urgent alert for a patient on your care team']);
  });
});
