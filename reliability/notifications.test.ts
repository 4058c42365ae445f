// Notifications under load and faults, on a PostgreSQL server: two app instances (next start, each running the
// worker) drain one outbox — 100 red flags give exactly one email per recipient each; and an SMTP server that is
// down for a while gets every message once it is back, none lost, none twice.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { notificationDeliveries, notifications } from '~/db/schema';
import { localDate } from '~/lib/dates';
import { addToTeam, callerFor, checkInInput, makeNonPrescriber, makePatient, makeUser, uniqueName } from '~/server/test/db';
import { startTestSmtp, type TestSmtp } from '~/server/test/smtp';
import { recordFigures } from './figures';
import { openAppDb, plainDb, sleep, startApp, type AppServer, type FaultableDb } from './server-harness';

const wanted = Boolean(process.env.TEST_DATABASE_URL || process.env.E2E_DATABASE_URL);
const BASE_PORT = Number(process.env.RELIABILITY_NOTIFY_PORT ?? Number(process.env.RELIABILITY_PORT ?? 3150) + 3);
const figures: Record<string, unknown> = {};

let db: FaultableDb | undefined;
let h: DbHandle;
let smtp: TestSmtp;
const apps: AppServer[] = [];

/** n patients of one prescriber with a nurse on every team, each with a red-flag check-in today. */
async function redFlags(n: number) {
  const prescriber = await makeUser(h.db, 'clinician', uniqueName('Dr'));
  const nurse = await makeNonPrescriber(h.db, uniqueName('Nurse'), 'nurse');
  const patientIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const created = await makePatient(h.db, prescriber);
    await addToTeam(h.db, prescriber, created.patientId, nurse);
    patientIds.push(created.patientId);
    await callerFor(h.db, created.user).checkins.submit(checkInInput(created.patientId, localDate('Europe/London', new Date()), { redFlags: ['seizure'] }));
  }
  return { prescriber, nurse, patientIds };
}

/** The email of each (recipient, patient) pair: the link names the patient, the envelope the recipient. */
function pairs(addresses: string[]) {
  const counts = new Map<string, number>();
  for (const mail of smtp.mails) {
    const to = mail.to.find((a) => addresses.includes(a));
    const patient = /\/clinician\/patients\/([0-9a-f-]{36})/.exec(mail.text)?.[1];
    if (!to || !patient) continue;
    const key = `${to} ${patient}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function emailDeliveries(patientIds: string[]) {
  return h.db
    .select({ status: notificationDeliveries.status, attempts: notificationDeliveries.attempts })
    .from(notificationDeliveries)
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .where(inArray(notifications.patientId, patientIds))
    .then((rows) => rows.filter((r) => r.status !== 'skipped'));
}

describe.runIf(wanted)('notifications from two app instances', () => {
  beforeAll(async () => {
    db = await plainDb();
    if (!db) throw new Error('No PostgreSQL server.');
    h = await openAppDb(db.url);
    smtp = await startTestSmtp();
    const env = { SMTP_URL: smtp.url, JOBS_POLL_SECONDS: '0.5' };
    apps.push(await startApp(db.url, BASE_PORT, env), await startApp(db.url, BASE_PORT + 1, env));
  });
  afterAll(async () => {
    recordFigures('notifications', figures);
    for (const app of apps) await app.stop();
    await smtp?.close();
    await h?.close();
    await db?.close();
  });

  it('100 red flags: exactly one email per recipient each', async () => {
    const { prescriber, nurse, patientIds } = await redFlags(100);
    const started = Date.now();
    const addresses = [prescriber.email, nurse.email];
    await smtp.waitFor((m) => m.to.some((a) => addresses.includes(a)), 200, 120_000);
    const drainedMs = Date.now() - started;
    // Time for a duplicate to arrive, if one were coming.
    await sleep(3_000);
    const counts = pairs(addresses);
    figures.redFlags = 100;
    figures.emails = [...counts.values()].reduce((a, b) => a + b, 0);
    figures.distinctRecipientPatientPairs = counts.size;
    figures.drainedAfterSubmitMs = drainedMs;
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const deliveries = await emailDeliveries(patientIds);
    expect(deliveries.filter((d) => d.status === 'delivered')).toHaveLength(deliveries.length);
  });

  it('SMTP down for a while: every message is retried and delivered once it is back, none lost, none twice', async () => {
    await smtp.stop();
    const { prescriber, nurse, patientIds } = await redFlags(10);
    const addresses = [prescriber.email, nurse.email];
    // Long enough for the first attempts (and a retry) to fail.
    await sleep(15_000);
    const failedWhileDown = (await emailDeliveries(patientIds)).filter((d) => d.status === 'retrying').length;
    const backAt = Date.now();
    await smtp.start();
    await smtp.waitFor((m) => m.to.some((a) => addresses.includes(a)), 20, 180_000);
    const afterBackMs = Date.now() - backAt;
    await sleep(3_000);
    const counts = pairs(addresses);
    const deliveries = await emailDeliveries(patientIds);
    figures.smtpOutage = { downForMs: 15_000, retryingWhileDown: failedWhileDown, deliveredAfterBackMs: afterBackMs, maxAttempts: Math.max(...deliveries.map((d) => d.attempts)) };
    expect(failedWhileDown).toBeGreaterThan(0);
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
    expect(Math.max(...deliveries.map((d) => d.attempts))).toBeGreaterThan(1);
  });
});
