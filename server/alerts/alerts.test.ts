// Alerts through the API, against a real database: acknowledged one at a time with a note, never twice,
// only by the patient's care team, and listed with the open urgent ones first.
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alerts } from '~/db/schema';
import type { SessionUser } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import { addToTeam, appFieldErrors, auditAbout, callerFor, callPath, checkInInput, httpCall, makePatient, makePlan, makeUser, patientRowCounts, rejection, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const at = (iso: string) => new Date(iso);
const actorOf = (u: SessionUser) => ({ id: u.id, role: u.role });

/**
 * A patient whose care team (`doc` may edit the plan, `nurse` may not) has four alerts: an info and a
 * warning raised by the default criteria on 7 March (spasticity 7 and a missed dose three days running),
 * then two urgent red flags on 8 March.
 */
async function patientWithAlerts() {
  const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Alert'));
  const nurse = await makeUser(h.db, 'clinician', uniqueName('Nurse Alert'));
  const p = await makePatient(h.db, doc);
  const patientId = p.patientId;
  await addToTeam(h.db, doc, patientId, nurse, { mayEditPlan: false });
  await makePlan(h.db, doc, p.user, 'active', { input: { startDate: '2026-03-01' }, now: at('2026-03-01T09:00:00Z') });
  for (const day of ['2026-03-05', '2026-03-06', '2026-03-07']) {
    const missed = { doses: [{ time: '08:00', takenMg: null, status: 'missed' as const }], scores: { spasticity: 7 } };
    await submitCheckIn(h.db, actorOf(p.user), checkInInput(patientId, day, missed), at(`${day}T20:00:00Z`));
  }
  await submitCheckIn(h.db, actorOf(p.user), checkInInput(patientId, '2026-03-08', { redFlags: ['hallucinations', 'confusion'] }), at('2026-03-08T20:00:00Z'));
  const rows = await h.db.select().from(alerts).where(eq(alerts.patientId, patientId)).orderBy(asc(alerts.code));
  const byCode = (code: string) => {
    const row = rows.find((r) => r.code === code);
    if (!row) throw new Error(`no ${code} alert among ${rows.map((r) => r.code).join(', ')}`);
    return row;
  };
  return {
    doc, nurse, patient: p.user, patientId,
    hallucinations: byCode('hallucinations'),
    confusion: byCode('confusion'),
    spasticity: byCode('default-spasticity-hold'),
    missedDoses: byCode('default-missed-doses-notify'),
    count: rows.length,
  };
}

async function alertRow(id: string) {
  const [row] = await h.db.select().from(alerts).where(eq(alerts.id, id));
  if (!row) throw new Error('no such alert');
  return row;
}

describe('the alerts a check-in raised', () => {
  it('are the two urgent red flags, the criterion warning and the criterion notice, nothing else', async () => {
    const w = await patientWithAlerts();
    expect(w.count).toBe(4);
    expect([w.hallucinations, w.confusion, w.spasticity, w.missedDoses].map((a) => [a.kind, a.severity])).toEqual([
      ['red-flag', 'urgent'], ['red-flag', 'urgent'], ['criterion', 'warning'], ['criterion', 'info'],
    ]);
  });
});

describe('acknowledging', () => {
  it('acknowledges exactly the one alert named, with who, when and the note; the others stay open', async () => {
    const w = await patientWithAlerts();
    const note = 'Phoned the patient; advised urgent care.';
    await expect(callerFor(h.db, w.nurse).alerts.acknowledge({ patientId: w.patientId, alertId: w.hallucinations.id, note: `  ${note} ` })).resolves.toEqual({ ok: true });
    expect(await alertRow(w.hallucinations.id)).toMatchObject({ acknowledgedBy: w.nurse.id, acknowledgeNote: note, acknowledgedAt: expect.any(Date) });
    for (const other of [w.confusion, w.spasticity, w.missedDoses]) {
      expect(await alertRow(other.id)).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null, acknowledgeNote: null });
    }
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'alert.acknowledge');
    expect(events).toEqual([expect.objectContaining({ actorId: w.nurse.id, entityType: 'alert', entityId: w.hallucinations.id, after: { note } })]);
  });

  it('refuses a second acknowledgement with CONFLICT naming who acknowledged it, and keeps the first', async () => {
    const w = await patientWithAlerts();
    await callerFor(h.db, w.nurse).alerts.acknowledge({ patientId: w.patientId, alertId: w.spasticity.id, note: 'Holding the step; will review Friday.' });
    const first = await alertRow(w.spasticity.id);
    const audit = (await auditAbout(h.db, w.patientId)).length;
    const error = await rejection(callerFor(h.db, w.doc).alerts.acknowledge({ patientId: w.patientId, alertId: w.spasticity.id, note: 'Seen too.' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(`This alert was already acknowledged by ${w.nurse.name}.`);
    expect(await alertRow(w.spasticity.id)).toEqual(first);
    expect((await auditAbout(h.db, w.patientId)).length).toBe(audit);
  });

  it('lets exactly one of two clinicians acknowledging at the same moment win; the other gets CONFLICT', async () => {
    const w = await patientWithAlerts();
    const results = await Promise.allSettled([
      callerFor(h.db, w.doc).alerts.acknowledge({ patientId: w.patientId, alertId: w.confusion.id, note: 'Doctor phoned.' }),
      callerFor(h.db, w.nurse).alerts.acknowledge({ patientId: w.patientId, alertId: w.confusion.id, note: 'Nurse phoned.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' ? (refused.reason as { code?: string }).code : undefined).toBe('CONFLICT');
    expect((await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'alert.acknowledge')).toHaveLength(1);
  });

  it.each([
    ['an empty note', ''],
    ['a blank note', '    '],
    ['a one-letter note', 'k'],
  ])('requires a note: %s is refused with BAD_REQUEST on note, nothing changed', async (_label, note) => {
    const w = await patientWithAlerts();
    const before = await patientRowCounts(h.db, w.patientId);
    const res = await httpCall(h.db, w.nurse, 'alerts.acknowledge', { patientId: w.patientId, alertId: w.hallucinations.id, note });
    expect(res.status).toBe(400);
    expect(res.error?.data.fieldErrors?.note).toEqual(['Say what was done (for example “Phoned the patient; advised urgent care”).']);
    const missing = await rejection(callPath(h.db, w.nurse, 'alerts.acknowledge', { patientId: w.patientId, alertId: w.hallucinations.id }));
    expect(missing.code).toBe('BAD_REQUEST');
    expect(await patientRowCounts(h.db, w.patientId)).toEqual(before);
    expect((await alertRow(w.hallucinations.id)).acknowledgedAt).toBeNull();
  });

  it('cannot reach another patient’s alert through a patient the clinician does see: NOT_FOUND, that alert untouched', async () => {
    const w = await patientWithAlerts();
    const other = await patientWithAlerts();
    const error = await rejection(callerFor(h.db, w.doc).alerts.acknowledge({ patientId: w.patientId, alertId: other.hallucinations.id, note: 'Wrong patient.' }));
    expect(error.code).toBe('NOT_FOUND');
    expect((await alertRow(other.hallucinations.id)).acknowledgedAt).toBeNull();
    expect(appFieldErrors(error)).toBeUndefined();
  });
});

describe('who may see and acknowledge alerts', () => {
  it('refuses the patient themself: the alerts are the care team’s working tool (FORBIDDEN, nothing changed)', async () => {
    const w = await patientWithAlerts();
    const before = await patientRowCounts(h.db, w.patientId);
    const list = await rejection(callerFor(h.db, w.patient).alerts.list({ patientId: w.patientId }));
    expect([list.code, list.message]).toEqual(['FORBIDDEN', 'Only the care team can see this.']);
    const ack = await rejection(callerFor(h.db, w.patient).alerts.acknowledge({ patientId: w.patientId, alertId: w.hallucinations.id, note: 'I am fine now.' }));
    expect([ack.code, ack.message]).toEqual(['FORBIDDEN', 'Only the care team can see this.']);
    const res = await httpCall(h.db, w.patient, 'alerts.list', { patientId: w.patientId });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain(w.hallucinations.id);
    expect(res.body).not.toContain('default-spasticity-hold');
    expect(await patientRowCounts(h.db, w.patientId)).toEqual(before);
  });

  it('refuses a clinician off the care team, and another patient (FORBIDDEN, nothing changed, nothing revealed)', async () => {
    const w = await patientWithAlerts();
    const stranger = await makeUser(h.db, 'clinician', uniqueName('Stranger'));
    const otherPatient = (await makePatient(h.db, stranger)).user;
    const before = await patientRowCounts(h.db, w.patientId);
    for (const who of [stranger, otherPatient]) {
      const list = await rejection(callerFor(h.db, who).alerts.list({ patientId: w.patientId }));
      expect([list.code, list.message]).toEqual(['FORBIDDEN', 'You do not have access to this patient.']);
      const ack = await rejection(callerFor(h.db, who).alerts.acknowledge({ patientId: w.patientId, alertId: w.hallucinations.id, note: 'Not mine.' }));
      expect(ack.code).toBe('FORBIDDEN');
      const res = await httpCall(h.db, who, 'alerts.list', { patientId: w.patientId });
      expect(res.body).not.toContain(w.hallucinations.id);
      expect(res.body).not.toContain('hallucinations');
    }
    expect(await patientRowCounts(h.db, w.patientId)).toEqual(before);
  });

  it('lets every care-team member acknowledge, with or without plan rights', async () => {
    const w = await patientWithAlerts();
    await callerFor(h.db, w.nurse).alerts.acknowledge({ patientId: w.patientId, alertId: w.missedDoses.id, note: 'Reminded about the alarm.' });
    await callerFor(h.db, w.doc).alerts.acknowledge({ patientId: w.patientId, alertId: w.spasticity.id, note: 'Step held.' });
    expect((await alertRow(w.missedDoses.id)).acknowledgedBy).toBe(w.nurse.id);
    expect((await alertRow(w.spasticity.id)).acknowledgedBy).toBe(w.doc.id);
  });
});

describe('listing', () => {
  it('puts open alerts first, urgent before warning before info, newest first within each; acknowledged ones last', async () => {
    const w = await patientWithAlerts();
    await callerFor(h.db, w.doc).alerts.acknowledge({ patientId: w.patientId, alertId: w.confusion.id, note: 'Spoke with the family.' });
    const list = await callerFor(h.db, w.nurse).alerts.list({ patientId: w.patientId });
    expect(list.map((a) => [a.code, a.severity, a.acknowledgedAt === null])).toEqual([
      ['hallucinations', 'urgent', true],
      ['default-spasticity-hold', 'warning', true],
      ['default-missed-doses-notify', 'info', true],
      ['confusion', 'urgent', false],
    ]);
    expect(list[3]).toMatchObject({ acknowledgedByName: w.doc.name, acknowledgeNote: 'Spoke with the family.' });
    expect(list[1]?.evidence).toMatchObject({ criterionId: 'default-spasticity-hold', action: 'hold', matched: [
      { date: '2026-03-05', value: 7 }, { date: '2026-03-06', value: 7 }, { date: '2026-03-07', value: 7 },
    ] });

    const open = await callerFor(h.db, w.nurse).alerts.list({ patientId: w.patientId, open: true });
    expect(open.map((a) => a.code)).toEqual(['hallucinations', 'default-spasticity-hold', 'default-missed-doses-notify']);
  });

  it('lists only the patient’s own alerts', async () => {
    const w = await patientWithAlerts();
    const other = await patientWithAlerts();
    const list = await callerFor(h.db, w.doc).alerts.list({ patientId: w.patientId });
    const ids = list.map((a) => a.id);
    expect(ids).toHaveLength(4);
    for (const a of [other.hallucinations, other.confusion, other.spasticity, other.missedDoses]) expect(ids).not.toContain(a.id);
  });
});
