// The triage row's "red flag today" marker against a real database: a red flag raised on the patient's local
// today stays visible on the list after it is acknowledged (no longer an open alert), yesterday's does not,
// and the list still reads in one statement.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts } from '~/db/schema';
import type { SessionUser } from '~/server/auth/session';
import { acknowledgeAlert } from '~/server/alerts/service';
import { submitCheckIn } from '~/server/checkins/service';
import { callerFor, checkInInput, makeNamedPatient, makePlan, makeUser, openCountingTestDb, uniqueName, type CountingDbHandle } from '~/server/test/db';
import { triageList } from './service';

let h: CountingDbHandle;
beforeAll(async () => {
  h = await openCountingTestDb();
});
afterAll(async () => {
  await h.close();
});

const at = (iso: string) => new Date(iso);
const actorOf = (u: SessionUser) => ({ id: u.id, role: u.role });
// 13 March 2026, noon in London (GMT): the patients' today is 13 March.
const NOW = at('2026-03-13T12:00:00Z');

/** A London patient of `doc` on a running plan who reported `flag` in the check-in of `day`, the alert raised at `raisedAt`. */
async function flagged(doc: SessionUser, name: string, day: string, raisedAt: string) {
  const p = await makeNamedPatient(h.db, doc, { name });
  await makePlan(h.db, doc, p.user, 'active', { input: { startDate: '2026-03-05' }, now: at('2026-03-05T09:00:00Z') });
  await submitCheckIn(h.db, actorOf(p.user), checkInInput(p.patientId, day, { redFlags: ['confusion'] }), at(`${day}T${raisedAt.slice(11)}`));
  // The alert's time is the database's clock: set it to the moment this story needs.
  const [alert] = await h.db.update(alerts).set({ createdAt: at(raisedAt) }).where(and(eq(alerts.patientId, p.patientId), eq(alerts.kind, 'red-flag'))).returning({ id: alerts.id });
  if (!alert) throw new Error('no red-flag alert was raised');
  return { patient: p.user, alertId: alert.id };
}

describe('the triage row’s red flag today', () => {
  let doc: SessionUser;

  beforeAll(async () => {
    doc = await makeUser(h.db, 'clinician', uniqueName('Dr Flags'));
  });

  it('shows an open red flag raised on the patient’s today, and keeps showing it once acknowledged, with when', async () => {
    const { patient, alertId } = await flagged(doc, uniqueName('Flag today'), '2026-03-13', '2026-03-13T09:30:00Z');
    const before = (await triageList(h.db, doc.id, NOW)).find((r) => r.patientId === patient.id);
    expect(before).toMatchObject({ reason: 'urgent', urgent: 1, redFlagToday: { count: 1, open: 1, acknowledgedAt: null } });

    await acknowledgeAlert(h.db, actorOf(doc), { patientId: patient.id, alertId, note: 'Phoned her: settled, family with her.' }, at('2026-03-13T10:05:00Z'));
    const after = (await triageList(h.db, doc.id, NOW)).find((r) => r.patientId === patient.id);
    expect(after?.urgent).toBe(0);
    expect(after?.reason).not.toBe('urgent');
    expect(after?.redFlagToday).toEqual({ count: 1, open: 0, acknowledgedAt: at('2026-03-13T10:05:00Z') });
  });

  it('does not count a red flag of the patient’s yesterday, even one raised less than 24 hours ago', async () => {
    const { patient } = await flagged(doc, uniqueName('Flag yesterday'), '2026-03-12', '2026-03-12T23:30:00Z');
    const row = (await triageList(h.db, doc.id, NOW)).find((r) => r.patientId === patient.id);
    expect(row?.urgent).toBe(1);
    expect(row?.redFlagToday).toBeNull();
  });

  it('reaches the page through triage.list, and the list is still one statement', async () => {
    const other = await makeUser(h.db, 'clinician', uniqueName('Dr Now'));
    const p = await makeNamedPatient(h.db, other, { name: uniqueName('Flag now') });
    const now = new Date();
    const londonToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
    await submitCheckIn(h.db, actorOf(p.user), checkInInput(p.patientId, londonToday, { redFlags: ['seizure'] }), now);
    const [alert] = await h.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.patientId, p.patientId));
    await callerFor(h.db, other).alerts.acknowledge({ patientId: p.patientId, alertId: alert?.id ?? '', note: 'Seen in clinic today.' });
    const [row] = await callerFor(h.db, other).triage.list();
    expect(row).toMatchObject({ urgent: 0, redFlagToday: { count: 1, open: 0, acknowledgedAt: expect.any(Date) } });

    h.reset();
    await triageList(h.db, other.id);
    expect(h.queries()).toBe(1);
  });
});
