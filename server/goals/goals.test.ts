// Goals through the API against a real database: who may set, revise, close and record progress;
// revisions in one transaction; stale saves refused; achieving a goal records its milestone.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '~/db';
import { goalProgress, goals, milestones } from '~/db/schema';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/taper';
import { addToTeam, auditAbout, callerFor, httpCall, makeNamedPatient, makePatient, makeUser, rejection, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';
import type { SessionUser } from '~/server/auth/session';

const h = fileTestDb();

const today = () => localDate('Europe/London', new Date());

async function world(db: Db) {
  const doc = await makeUser(db, 'clinician', uniqueName('Dr Goals'));
  const nurse = await makeUser(db, 'clinician', uniqueName('Nurse'));
  const outsider = await makeUser(db, 'clinician');
  const p = await makeNamedPatient(db, doc, { name: uniqueName('Goal Patient') });
  await addToTeam(db, doc, p.patientId, nurse, { mayEditPlan: false });
  const other = await makePatient(db, doc);
  return { doc, nurse, outsider, patient: p.user, patientId: p.patientId, other };
}

const walk = (patientId: string) => ({ patientId, title: 'Walk to the corner shop', measure: 'Minutes walked a day', target: '20 minutes a day', targetValue: 20, targetUnit: 'minutes' });

const goalRows = (db: Db, patientId: string) => db.select().from(goals).where(eq(goals.patientId, patientId));

describe('setting goals', () => {
  it('lets any member of the care team set a goal, seen by the patient and the team, with an audit event', async () => {
    const w = await world(h.db);
    const created = await callerFor(h.db, w.nurse).goals.create({ ...walk(w.patientId), dueOn: addDays(today(), 30) });
    expect(created).toMatchObject({ version: 1, status: 'active' });
    for (const who of [w.patient, w.doc]) {
      const [goal] = await callerFor(h.db, who).goals.list({ patientId: w.patientId });
      expect(goal).toMatchObject({ id: created.goalId, title: 'Walk to the corner shop', targetValue: 20, targetUnit: 'minutes', dueOn: addDays(today(), 30), createdByName: w.nurse.name, progress: [] });
    }
    const [event] = (await auditAbout(h.db, w.patientId)).filter((e) => e.entityType === 'goal');
    expect(event).toMatchObject({ action: 'goal.create', actorId: w.nurse.id, entityId: created.goalId });
  });

  it('refuses the patient, outsiders and anonymous callers setting or changing goals, and writes nothing', async () => {
    const w = await world(h.db);
    for (const who of [w.patient, w.outsider, w.other.user] as const) {
      const error = await rejection(callerFor(h.db, who).goals.create(walk(w.patientId)));
      expect(error.code).toBe('FORBIDDEN');
    }
    expect((await rejection(callerFor(h.db, 'anonymous').goals.create(walk(w.patientId)))).code).toBe('UNAUTHORIZED');
    const { goalId } = await callerFor(h.db, w.doc).goals.create(walk(w.patientId));
    const patient = callerFor(h.db, w.patient).goals;
    expect((await rejection(patient.setStatus({ patientId: w.patientId, goalId, expectedVersion: 1, status: 'achieved' }))).message).toBe('Only the care team can see this.');
    expect((await rejection(patient.revise({ ...walk(w.patientId), goalId, expectedVersion: 1, reason: 'Too easy' }))).code).toBe('FORBIDDEN');
    expect(await goalRows(h.db, w.patientId)).toMatchObject([{ id: goalId, status: 'active', version: 1 }]);
  });

  it('shows validation errors per field and refuses a due date in the past', async () => {
    const w = await world(h.db);
    const res = await httpCall(h.db, w.doc, 'goals.create', { patientId: w.patientId, title: ' ', measure: '', target: '', dueOn: '2026-02-30' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.error?.data.fieldErrors ?? {}).sort(), res.body).toEqual(['dueOn', 'measure', 'target', 'title']);
    const past = await rejection(callerFor(h.db, w.doc).goals.create({ ...walk(w.patientId), dueOn: addDays(today(), -1) }));
    expect([past.code, past.message]).toEqual(['BAD_REQUEST', 'The due date cannot be in the past.']);
    expect(await goalRows(h.db, w.patientId)).toEqual([]);
  });
});

describe('revising and closing goals', () => {
  it('revises as a new goal naming the old, which becomes revised, in one audit event', async () => {
    const w = await world(h.db);
    const api = callerFor(h.db, w.doc).goals;
    const first = await api.create(walk(w.patientId));
    const revised = await api.revise({ ...walk(w.patientId), target: '30 minutes a day', targetValue: 30, goalId: first.goalId, expectedVersion: 1, reason: 'Reached 20 easily' });
    const list = await api.list({ patientId: w.patientId });
    expect(list.map((g) => [g.id, g.status, g.version, g.revisesGoalId, g.revisedById, g.statusReason])).toEqual([
      [first.goalId, 'revised', 2, null, revised.goalId, 'Reached 20 easily'],
      [revised.goalId, 'active', 1, first.goalId, null, ''],
    ]);
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.entityType === 'goal').map((e) => e.action);
    expect(events).toEqual(['goal.create', 'goal.revise']);
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const w = await world(h.db);
    const api = callerFor(h.db, w.doc).goals;
    const { goalId } = await api.create(walk(w.patientId));
    await api.revise({ ...walk(w.patientId), goalId, expectedVersion: 1, reason: 'First revision' });
    const before = await goalRows(h.db, w.patientId);
    const stale = await rejection(api.revise({ ...walk(w.patientId), goalId, expectedVersion: 1, reason: 'Second, from a stale page' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('Someone else changed this goal');
    const closed = await rejection(api.setStatus({ patientId: w.patientId, goalId, expectedVersion: 2, status: 'dropped', reason: 'No longer relevant' }));
    expect([closed.code, closed.message]).toEqual(['CONFLICT', 'This goal is already revised: only an active goal can be changed.']);
    expect(await goalRows(h.db, w.patientId)).toEqual(before);
  });

  it('lets only one of two simultaneous revisions from the same version through', async () => {
    const w = await world(h.db);
    const { goalId } = await callerFor(h.db, w.doc).goals.create(walk(w.patientId));
    const results = await Promise.allSettled([w.doc, w.nurse].map((who, i) =>
      callerFor(h.db, who).goals.revise({ ...walk(w.patientId), target: `${25 + i} minutes a day`, goalId, expectedVersion: 1, reason: 'At the same time' })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rows = await goalRows(h.db, w.patientId);
    expect(rows.map((g) => g.status).sort()).toEqual(['active', 'revised']);
  });

  it('needs a reason to drop a goal; achieving records the goal-achieved milestone once, in the same transaction', async () => {
    const w = await world(h.db);
    const api = callerFor(h.db, w.nurse).goals;
    const a = await api.create(walk(w.patientId));
    const b = await api.create({ ...walk(w.patientId), title: 'Sleep 7 hours' });
    const noReason = await httpCall(h.db, w.nurse, 'goals.setStatus', { patientId: w.patientId, goalId: b.goalId, expectedVersion: 1, status: 'dropped' });
    expect(noReason.error?.data.fieldErrors?.reason).toEqual(['Say why the goal is dropped.']);
    await api.setStatus({ patientId: w.patientId, goalId: b.goalId, expectedVersion: 1, status: 'dropped', reason: 'Replaced by the sleep plan' });
    expect(await h.db.select().from(milestones).where(eq(milestones.patientId, w.patientId))).toEqual([]);
    await api.setStatus({ patientId: w.patientId, goalId: a.goalId, expectedVersion: 1, status: 'achieved' });
    const recorded = await callerFor(h.db, w.patient).milestones.list({ patientId: w.patientId });
    expect(recorded).toEqual([expect.objectContaining({ kind: 'goal-achieved', achievedOn: today(), seenAt: null, details: { kind: 'goal-achieved', goalId: a.goalId, title: 'Walk to the corner shop' } })]);
    const events = (await auditAbout(h.db, w.patientId)).map((e) => [e.action, e.actorId]);
    expect(events.slice(-2)).toEqual([['goal.achieve', w.nurse.id], ['milestone.record', null]]);
  });
});

describe('progress', () => {
  it('is recorded by the patient and the team on an active goal, for today or an earlier day', async () => {
    const w = await world(h.db);
    const { goalId } = await callerFor(h.db, w.doc).goals.create(walk(w.patientId));
    await callerFor(h.db, w.patient).goals.recordProgress({ patientId: w.patientId, goalId, recordedOn: today(), value: 12, note: ' Windy day ' });
    await callerFor(h.db, w.nurse).goals.recordProgress({ patientId: w.patientId, goalId, recordedOn: addDays(today(), -1), value: null, note: 'Walked with a stick' });
    const [goal] = await callerFor(h.db, w.patient).goals.list({ patientId: w.patientId });
    expect(goal?.progress.map((p) => [p.recordedOn, p.value, p.note, p.recordedByRole])).toEqual([
      [addDays(today(), -1), null, 'Walked with a stick', 'clinician'],
      [today(), 12, 'Windy day', 'patient'],
    ]);
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'goal.progress').map((e) => e.actorId);
    expect(events).toEqual([w.patient.id, w.nurse.id]);
  });

  it('refuses future days, empty entries, closed goals, other patients’ goals and outsiders, writing nothing', async () => {
    const w = await world(h.db);
    const doc = callerFor(h.db, w.doc).goals;
    const { goalId } = await doc.create(walk(w.patientId));
    const patient = callerFor(h.db, w.patient).goals;
    const future = await rejection(patient.recordProgress({ patientId: w.patientId, goalId, recordedOn: addDays(today(), 1), value: 5, note: '' }));
    expect([future.code, future.message]).toEqual(['BAD_REQUEST', 'Progress cannot be recorded for a future day.']);
    const empty = await httpCall(h.db, w.patient, 'goals.recordProgress', { patientId: w.patientId, goalId, recordedOn: today(), note: '  ' });
    expect(empty.error?.data.fieldErrors?.value).toEqual(['Enter a value or a few words about how it went.']);
    const otherGoal = await doc.create(walk(w.other.patientId));
    expect((await rejection(patient.recordProgress({ patientId: w.patientId, goalId: otherGoal.goalId, recordedOn: today(), value: 1, note: '' }))).code).toBe('NOT_FOUND');
    expect((await rejection(callerFor(h.db, w.other.user).goals.recordProgress({ patientId: w.patientId, goalId, recordedOn: today(), value: 1, note: '' }))).code).toBe('FORBIDDEN');
    expect((await rejection(callerFor(h.db, w.outsider).goals.recordProgress({ patientId: w.patientId, goalId, recordedOn: today(), value: 1, note: '' }))).code).toBe('FORBIDDEN');
    await doc.setStatus({ patientId: w.patientId, goalId, expectedVersion: 1, status: 'dropped', reason: 'Changed focus' });
    const closed = await rejection(patient.recordProgress({ patientId: w.patientId, goalId, recordedOn: today(), value: 1, note: '' }));
    expect([closed.code, closed.message]).toEqual(['CONFLICT', 'This goal is dropped: progress is recorded on active goals only.']);
    expect(await h.db.select().from(goalProgress).where(eq(goalProgress.patientId, w.patientId))).toEqual([]);
  });
});

describe('goal messages in the reader’s language', () => {
  const reading = (user: SessionUser, locale: 'en' | 'es'): SessionUser => ({ ...user, locale });

  it('a conflict names the goal’s status in Spanish for a Spanish reader, in English for an English one', async () => {
    const w = await world(h.db);
    const { goalId } = await callerFor(h.db, w.doc).goals.create(walk(w.patientId));
    await callerFor(h.db, w.doc).goals.setStatus({ patientId: w.patientId, goalId, expectedVersion: 1, status: 'dropped', reason: 'Changed focus' });
    const input = { patientId: w.patientId, goalId, recordedOn: today(), value: 1, note: '' };
    const es = await httpCall(h.db, reading(w.patient, 'es'), 'goals.recordProgress', input);
    const en = await httpCall(h.db, reading(w.patient, 'en'), 'goals.recordProgress', input);
    expect([es.status, es.error?.message]).toEqual([409, 'Este objetivo está descartado: el progreso solo se registra en objetivos activos.']);
    expect([en.status, en.error?.message]).toEqual([409, 'This goal is dropped: progress is recorded on active goals only.']);
  });

  it('field messages, from the schema and from the service, in each reader’s language', async () => {
    const w = await world(h.db);
    const { goalId } = await callerFor(h.db, w.doc).goals.create(walk(w.patientId));
    const empty = { patientId: w.patientId, goalId, recordedOn: today(), note: '  ' };
    const es = await httpCall(h.db, reading(w.patient, 'es'), 'goals.recordProgress', empty);
    const en = await httpCall(h.db, reading(w.patient, 'en'), 'goals.recordProgress', empty);
    expect([es.status, es.error?.message, es.error?.data.fieldErrors?.value]).toEqual([400, 'Hay campos que necesitan su atención.', ['Escriba un valor o unas palabras sobre cómo le fue.']]);
    expect([en.status, en.error?.message, en.error?.data.fieldErrors?.value]).toEqual([400, 'Some fields need attention.', ['Enter a value or a few words about how it went.']]);
    // A bound from the schema keeps its value; a refusal from the service puts its message on the field too.
    const long = await httpCall(h.db, reading(w.doc, 'es'), 'goals.create', { ...walk(w.patientId), title: 'x'.repeat(201) });
    expect(long.error?.data.fieldErrors?.title).toEqual(['Use como máximo 200 caracteres.']);
    const past = await httpCall(h.db, reading(w.doc, 'es'), 'goals.create', { ...walk(w.patientId), dueOn: addDays(today(), -1) });
    expect([past.status, past.error?.message, past.error?.data.fieldErrors?.dueOn]).toEqual([400, 'La fecha límite no puede estar en el pasado.', ['La fecha límite no puede estar en el pasado.']]);
    expect(await goalRows(h.db, w.patientId)).toHaveLength(1);
  });
});
