// The alert sweep is what raises the alerts time alone makes due (a missed check-in, rescue medication past its
// limits): the triage list only reads (and shows a missed check-in from the check-ins), and the worker runs the
// sweep every five minutes.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { QUEUES } from '~/db/jobs';
import { alertEvaluations, alerts, auditEvents, notifications } from '~/db/schema';
import { addDays, localDate } from '~/lib/dates';
import { startWorker } from '~/server/jobs/worker';
import { callerFor, checkInInput, makePatient, makePlan, makeUser, openIsolatedTestDb } from '~/server/test/db';
import { startTestSmtp, type TestSmtp } from '~/server/test/smtp';
import { runAlertSweep } from './sweep';

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

const today = () => localDate('UTC', new Date());

/** A clinician's two patients, five days into their plans: one never checked in, one on rescue medication past its 5 days. */
async function world() {
  const doc = await makeUser(h.db, 'clinician');
  const missed = await makePatient(h.db, doc, { timeZone: 'UTC' });
  await makePlan(h.db, doc, missed.user, 'active', { input: { startDate: addDays(today(), -5) } });
  const rescued = await makePatient(h.db, doc, { timeZone: 'UTC' });
  const plan = await makePlan(h.db, doc, rescued.user, 'active', { input: { startDate: addDays(today(), -5) } });
  await callerFor(h.db, rescued.user).checkins.submit(checkInInput(rescued.patientId, today()));
  await callerFor(h.db, doc).adjuncts.add({
    patientId: rescued.patientId, planId: plan.planId, kind: 'rescue-medication', name: 'Diazepam 2 mg at night', notes: '',
    startedOn: addDays(today(), -7), maxDays: 5, stopCriteria: 'Stop when night spasms settle', followUpOn: addDays(today(), 3),
  });
  return { doc, missed: missed.patientId, rescued: rescued.patientId };
}

async function alertsOf(patientId: string, kind: 'missed-check-in' | 'rescue-medication') {
  return h.db.select().from(alerts).where(and(eq(alerts.patientId, patientId), eq(alerts.kind, kind)));
}

async function writtenRows() {
  const n = async (table: typeof alerts | typeof alertEvaluations | typeof auditEvents | typeof notifications) => (await h.db.select({ n: count() }).from(table))[0]?.n;
  return { alerts: await n(alerts), evaluations: await n(alertEvaluations), audit: await n(auditEvents), notifications: await n(notifications) };
}

describe('the alert sweep', () => {
  it('is not run by reading the triage list: the read writes nothing, and shows the missed check-in from the check-ins', async () => {
    const w = await world();
    const before = await writtenRows();
    const rows = await callerFor(h.db, w.doc).triage.list();
    expect(await writtenRows()).toEqual(before);
    expect(rows.find((r) => r.patientId === w.missed)).toMatchObject({ reason: 'missed-check-in', info: 0, lastCheckIn: null, daysSinceCheckIn: null });
    expect(rows.find((r) => r.patientId === w.rescued)).toMatchObject({ warnings: 0, daysSinceCheckIn: 0 });
    expect(await alertsOf(w.missed, 'missed-check-in')).toEqual([]);
    expect(await alertsOf(w.rescued, 'rescue-medication')).toEqual([]);
  });

  it('raises the missed check-in and the rescue medication alerts of every patient, once; the list then shows them', async () => {
    const w = await world();
    const first = await runAlertSweep(h.db);
    expect(first.missedCheckIns).toBeGreaterThanOrEqual(1);
    expect(first.rescueMedication).toBeGreaterThanOrEqual(1);
    expect((await alertsOf(w.missed, 'missed-check-in')).map((a) => a.severity)).toEqual(['info']);
    expect((await alertsOf(w.rescued, 'rescue-medication')).map((a) => [a.code, a.severity])).toEqual([['past-max-days', 'warning']]);
    expect(await alertsOf(w.rescued, 'missed-check-in')).toEqual([]);
    expect(await runAlertSweep(h.db)).toEqual({ missedCheckIns: 0, rescueMedication: 0 });
    const rows = await callerFor(h.db, w.doc).triage.list();
    expect(rows.find((r) => r.patientId === w.missed)).toMatchObject({ reason: 'missed-check-in', info: 1 });
    expect(rows.find((r) => r.patientId === w.rescued)).toMatchObject({ reason: 'warning', warnings: 1 });
  });

  it('runs in the worker every five minutes: a job on its queue raises the alerts that are due', async () => {
    const worker = await startWorker(h, { work: true, smtpUrl: smtp.url, pollingIntervalSeconds: 0.5 });
    try {
      const schedules = await worker.boss.getSchedules();
      expect(schedules.filter((s) => s.name === QUEUES.alertSweep.name).map((s) => [s.cron, s.options?.tz])).toEqual([['*/5 * * * *', 'UTC']]);
      const w = await world();
      // What the schedule sends every five minutes.
      await worker.boss.send(QUEUES.alertSweep.name, {});
      const until = Date.now() + 20_000;
      while (Date.now() < until && ((await alertsOf(w.missed, 'missed-check-in')).length === 0 || (await alertsOf(w.rescued, 'rescue-medication')).length === 0)) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await alertsOf(w.missed, 'missed-check-in')).map((a) => a.severity)).toEqual(['info']);
      expect((await alertsOf(w.rescued, 'rescue-medication')).map((a) => a.code)).toEqual(['past-max-days']);
    } finally {
      await worker.stop();
    }
  }, 40_000);
});
