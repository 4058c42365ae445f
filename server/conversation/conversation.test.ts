// The conversation through the API against a real database: one thread of notes and plan comments, unread for
// the whole team when the patient writes and read for the whole team when one member opens it, a notice per
// member by their settings, and team-only messages never reaching the patient.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '~/db';
import { notificationDeliveries, notifications, notificationSettings, patientConversations, users } from '~/db/schema';
import { localClock } from '~/lib/notify/local-time';
import type { SessionUser } from '~/server/auth/session';
import { deliveryFor, loadRecipients } from '~/server/notify/settings';
import { addToTeam, auditAbout, callerFor, httpCall, makeNamedPatient, makeNonPrescriber, makePatient, makePlan, makeUser, rejection, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';
import { markConversationRead, unreadForTeam } from './service';

const h = fileTestDb();

async function world(db: Db) {
  const doc = await makeUser(db, 'clinician', uniqueName('Dr Conversation'));
  const physio = await makeNonPrescriber(db, uniqueName('Physio'));
  const nurse = await makeNonPrescriber(db, uniqueName('Nurse'), 'nurse');
  const outsider = await makeUser(db, 'clinician', uniqueName('Outsider'));
  const p = await makeNamedPatient(db, doc, { name: uniqueName('Talking Patient') });
  await addToTeam(db, doc, p.patientId, physio);
  await addToTeam(db, doc, p.patientId, nurse);
  const other = await makePatient(db, doc);
  return { doc, physio, nurse, outsider, patient: p.user, patientId: p.patientId, other };
}

async function noticesAbout(db: Db, patientId: string) {
  const rows = await db
    .select({ id: notifications.id, recipientId: notifications.recipientId, kind: notifications.kind, link: notifications.link, dedupeKey: notifications.dedupeKey, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.patientId, patientId))
    .orderBy(asc(notifications.createdAt));
  const deliveries = rows.length
    ? await db.select({ notificationId: notificationDeliveries.notificationId, channel: notificationDeliveries.channel, notBefore: notificationDeliveries.notBefore, status: notificationDeliveries.status })
      .from(notificationDeliveries).where(inArray(notificationDeliveries.notificationId, rows.map((r) => r.id)))
    : [];
  return rows.map((r) => ({ ...r, channels: deliveries.filter((d) => d.notificationId === r.id).map((d) => d.channel).sort(), deliveries: deliveries.filter((d) => d.notificationId === r.id) }));
}

async function triageUnread(db: Db, clinician: SessionUser, patientId: string) {
  const rows = await callerFor(db, clinician).triage.list();
  const row = rows.find((r) => r.patientId === patientId);
  if (!row) throw new Error('patient not on the triage list');
  return row.unreadMessage;
}

describe('one thread', () => {
  it('merges notes and plan comments in time order, with author, discipline, readers, source and the plan version with a link', async () => {
    const w = await world(h.db);
    const plan = await makePlan(h.db, w.doc, w.patient, 'active');
    await callerFor(h.db, w.doc).notes.create({ patientId: w.patientId, body: 'Welcome to your taper.', visibility: 'shared' });
    await callerFor(h.db, w.patient).plans.comment({ patientId: w.patientId, planId: plan.planId, version: plan.version, body: 'Can I take the night dose later?' });
    await callerFor(h.db, w.physio).plans.comment({ patientId: w.patientId, planId: plan.planId, version: plan.version, body: 'Stretch before bed helps.', visibility: 'shared' });
    await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'Slept badly on Tuesday.', visibility: 'shared', planId: plan.planId, planVersion: plan.version });

    const team = await callerFor(h.db, w.nurse).conversation.list({ patientId: w.patientId });
    expect(team.map((m) => [m.source, m.commentKind, m.body, m.visibility, m.authorRole, m.authorDiscipline, m.plan?.version ?? null, m.link])).toEqual([
      ['note', null, 'Welcome to your taper.', 'shared', 'clinician', 'prescriber', null, null],
      ['plan-comment', 'comment', 'Can I take the night dose later?', 'shared', 'patient', null, plan.version, `/clinician/patients/${w.patientId}/plan`],
      ['plan-comment', 'comment', 'Stretch before bed helps.', 'shared', 'clinician', 'physiotherapist', plan.version, `/clinician/patients/${w.patientId}/plan`],
      ['note', null, 'Slept badly on Tuesday.', 'shared', 'patient', null, plan.version, `/clinician/patients/${w.patientId}/plan`],
    ]);
    expect(team[2]?.authorName).toBe(w.physio.name);
    expect(team.map((m) => m.createdAt.getTime())).toEqual(team.map((m) => m.createdAt.getTime()).sort((a, b) => a - b));
    const mine = await callerFor(h.db, w.patient).conversation.list({ patientId: w.patientId });
    expect(mine.map((m) => [m.body, m.link])).toEqual([
      ['Welcome to your taper.', null],
      ['Can I take the night dose later?', '/patient/plan'],
      ['Stretch before bed helps.', '/patient/plan'],
      ['Slept badly on Tuesday.', '/patient/plan'],
    ]);
  });

  it('shows corrections as the notes thread does: the corrected note marked, the correction pointing at it', async () => {
    const w = await world(h.db);
    const first = await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'I took 20 mg.', visibility: 'shared' });
    const fix = await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'I took 15 mg.', visibility: 'shared', correctsNoteId: first.noteId });
    for (const who of [w.doc, w.patient]) {
      const thread = await callerFor(h.db, who).conversation.list({ patientId: w.patientId });
      expect(thread.map((m) => [m.id, m.correctedBy?.id ?? null, m.corrects?.id ?? null])).toEqual([[first.noteId, fix.noteId, null], [fix.noteId, null, first.noteId]]);
    }
  });
});

describe('team-only messages never reach the patient', () => {
  it('keeps team-only notes and plan comments, and every comment on a draft, out of the patient’s thread and out of the response', async () => {
    const w = await world(h.db);
    const SECRET = `TEAMONLY-${crypto.randomUUID()}`;
    const plan = await makePlan(h.db, w.doc, w.patient, 'active');
    await callerFor(h.db, w.doc).notes.create({ patientId: w.patientId, body: `${SECRET} note`, visibility: 'team' });
    await callerFor(h.db, w.physio).plans.comment({ patientId: w.patientId, planId: plan.planId, version: plan.version, body: `${SECRET} comment`, visibility: 'team' });
    await callerFor(h.db, w.doc).notes.create({ patientId: w.patientId, body: 'Shared: keep going', visibility: 'shared' });
    // The team's draft of a new plan: even a comment marked shared waits until the patient sees the plan.
    await callerFor(h.db, w.doc).plans.stop({ patientId: w.patientId, planId: plan.planId, expectedVersion: plan.version, reason: 'New plan' });
    const draft = await makePlan(h.db, w.doc, w.patient, 'draft');
    await callerFor(h.db, w.doc).plans.comment({ patientId: w.patientId, planId: draft.planId, version: draft.version, body: `${SECRET} on the draft`, visibility: 'shared' });

    const res = await httpCall(h.db, w.patient, 'conversation.list', { patientId: w.patientId });
    expect(res.status).toBe(200);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('"team"');
    const mine = await callerFor(h.db, w.patient).conversation.list({ patientId: w.patientId });
    expect(mine.map((m) => m.body)).toEqual(['Shared: keep going']);
    // The team sees all four.
    const team = await callerFor(h.db, w.doc).conversation.list({ patientId: w.patientId });
    expect(team.filter((m) => m.body.startsWith(SECRET)).map((m) => [m.source, m.visibility])).toEqual([['note', 'team'], ['plan-comment', 'team'], ['plan-comment', 'shared']]);
  });
});

describe('unread for the team', () => {
  it('a patient’s message is unread for every member and on their triage lists until one opens it; then it is read for all', async () => {
    const w = await world(h.db);
    const team = [w.doc, w.physio, w.nurse];
    for (const who of team) expect(await callerFor(h.db, who).conversation.status({ patientId: w.patientId })).toMatchObject({ unread: false, teamReadBy: null });

    const note = await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'My legs are stiffer.', visibility: 'shared' });
    for (const who of team) {
      expect(await callerFor(h.db, who).conversation.status({ patientId: w.patientId })).toMatchObject({ unread: true, lastPatientMessageAt: note.createdAt });
      expect(await triageUnread(h.db, who, w.patientId)).toBe(true);
    }
    expect(await unreadForTeam(h.db, [w.patientId, w.other.patientId])).toEqual(new Set([w.patientId]));
    // Another patient of the same clinician stays read.
    expect(await triageUnread(h.db, w.doc, w.other.patientId)).toBe(false);

    expect(await callerFor(h.db, w.physio).conversation.markRead({ patientId: w.patientId })).toEqual({ wasUnread: true, noticesRead: 1 });
    for (const who of team) {
      const status = await callerFor(h.db, who).conversation.status({ patientId: w.patientId });
      expect(status).toMatchObject({ unread: false, teamReadBy: { id: w.physio.id, name: w.physio.name } });
      expect(status.teamReadAt?.getTime()).toBeGreaterThanOrEqual(note.createdAt.getTime());
      expect(await triageUnread(h.db, who, w.patientId)).toBe(false);
    }
    expect(await unreadForTeam(h.db, [w.patientId])).toEqual(new Set());
    const reads = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'conversation.read');
    expect(reads.map((e) => [e.actorId, e.entityType, e.entityId])).toEqual([[w.physio.id, 'patient_conversation', w.patientId]]);
    // Opening it again reads nothing new: no second audit event, the reader is kept.
    expect(await callerFor(h.db, w.doc).conversation.markRead({ patientId: w.patientId })).toEqual({ wasUnread: false, noticesRead: 1 });
    expect((await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'conversation.read')).toHaveLength(1);
    expect((await callerFor(h.db, w.doc).conversation.status({ patientId: w.patientId })).teamReadBy?.id).toBe(w.physio.id);

    // The team writing, shared or not, leaves it read.
    await callerFor(h.db, w.doc).notes.create({ patientId: w.patientId, body: 'We will call you tomorrow.', visibility: 'shared' });
    const plan = await makePlan(h.db, w.doc, w.patient, 'active');
    await callerFor(h.db, w.doc).plans.comment({ patientId: w.patientId, planId: plan.planId, version: plan.version, body: 'Shared plan note', visibility: 'shared' });
    expect((await callerFor(h.db, w.doc).conversation.status({ patientId: w.patientId })).unread).toBe(false);

    // A plan comment and a change request from the patient are messages too.
    await callerFor(h.db, w.patient).plans.comment({ patientId: w.patientId, planId: plan.planId, version: plan.version, body: 'Thanks!' });
    expect(await triageUnread(h.db, w.nurse, w.patientId)).toBe(true);
    await callerFor(h.db, w.nurse).conversation.markRead({ patientId: w.patientId });
    expect(await triageUnread(h.db, w.doc, w.patientId)).toBe(false);
  });

  it('a change request on a proposed plan makes it unread too', async () => {
    const w = await world(h.db);
    const plan = await makePlan(h.db, w.doc, w.patient, 'proposed');
    const request = await callerFor(h.db, w.patient).plans.requestChange({ patientId: w.patientId, planId: plan.planId, version: plan.version, body: 'Could the steps be longer?' });
    expect((await callerFor(h.db, w.doc).conversation.status({ patientId: w.patientId })).unread).toBe(true);
    const thread = await callerFor(h.db, w.doc).conversation.list({ patientId: w.patientId });
    expect(thread.map((m) => [m.id, m.commentKind])).toEqual([[request.commentId, 'change-request']]);
  });

  it('marks read only the reader’s own message notices about this patient', async () => {
    const w = await world(h.db);
    await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'One', visibility: 'shared' });
    await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'Two', visibility: 'shared' });
    await callerFor(h.db, w.other.user).notes.create({ patientId: w.other.patientId, body: 'Elsewhere', visibility: 'shared' });
    expect(await markConversationRead(h.db, { id: w.doc.id, role: 'clinician' }, w.patientId)).toEqual({ wasUnread: true, noticesRead: 2 });
    const mine = await noticesAbout(h.db, w.patientId);
    expect(mine.filter((n) => n.recipientId === w.doc.id).every((n) => n.readAt !== null)).toBe(true);
    expect(mine.filter((n) => n.recipientId !== w.doc.id).map((n) => n.readAt)).toEqual([null, null, null, null]);
    const elsewhere = await noticesAbout(h.db, w.other.patientId);
    expect(elsewhere.filter((n) => n.recipientId === w.doc.id).map((n) => n.readAt)).toEqual([null]);
  });
});

describe('notices to the care team', () => {
  it('writes one message notice per live member, linking the conversation, on the channels each member’s settings give', async () => {
    const w = await world(h.db);
    const quiet = await makeUser(h.db, 'clinician', uniqueName('Quiet hours'));
    const off = await makeUser(h.db, 'clinician', uniqueName('Messages off'));
    const gone = await makeUser(h.db, 'clinician', uniqueName('Disabled'));
    for (const who of [quiet, off, gone]) await addToTeam(h.db, w.doc, w.patientId, who);
    await h.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id));
    await h.db.insert(notificationSettings).values({ userId: w.physio.id, emailEnabled: false });
    await h.db.insert(notificationSettings).values({ userId: w.nurse.id, emailEnabled: false, pushEnabled: false });
    await h.db.insert(notificationSettings).values({ userId: off.id, messagesEnabled: false });
    // Quiet hours around now in the member's zone: the email and push wait until they end.
    const { minutes } = localClock(quiet.timeZone, new Date());
    const hhmm = (m: number) => `${String(Math.floor((((m % 1440) + 1440) % 1440) / 60)).padStart(2, '0')}:${String((((m % 1440) + 1440) % 1440) % 60).padStart(2, '0')}`;
    await h.db.insert(notificationSettings).values({ userId: quiet.id, quietStart: hhmm(minutes - 60), quietEnd: hhmm(minutes + 60) });

    const note = await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'A question about tonight.', visibility: 'shared' });
    const notices = await noticesAbout(h.db, w.patientId);
    const byMember = new Map(notices.map((n) => [n.recipientId, n]));
    expect(notices).toHaveLength(5);
    expect([...byMember.keys()].sort()).toEqual([w.doc.id, w.physio.id, w.nurse.id, quiet.id, off.id].sort());
    for (const n of notices) {
      expect(n).toMatchObject({ kind: 'message', link: `/clinician/patients/${w.patientId}/notes`, dedupeKey: `message:${note.noteId}:${n.recipientId}`, readAt: null });
    }
    expect(byMember.get(w.doc.id)?.channels).toEqual(['email', 'push']);
    expect(byMember.get(w.physio.id)?.channels).toEqual(['push']);
    // In the app only: both channels off, or messages not to be sent.
    expect(byMember.get(w.nurse.id)?.channels).toEqual([]);
    expect(byMember.get(off.id)?.channels).toEqual([]);
    const quietDeliveries = byMember.get(quiet.id)?.deliveries ?? [];
    expect(quietDeliveries.map((d) => d.channel).sort()).toEqual(['email', 'push']);
    const expected = deliveryFor((await loadRecipients(h.db, [quiet.id])).get(quiet.id) ?? (() => { throw new Error('no recipient'); })(), { urgent: false });
    expect(expected.notBefore).not.toBeNull();
    for (const d of quietDeliveries) expect(d.notBefore?.getTime()).toBe(expected.notBefore?.getTime());
    expect(byMember.get(w.doc.id)?.deliveries.every((d) => d.notBefore === null && d.status === 'pending')).toBe(true);
    // The notice carries no health data.
    for (const n of notices) expect(JSON.stringify(n)).not.toContain('tonight');

    // A plan comment from the patient: a notice of its own to each of them.
    const plan = await makePlan(h.db, w.doc, w.patient, 'active');
    const comment = await callerFor(h.db, w.patient).plans.comment({ patientId: w.patientId, planId: plan.planId, version: plan.version, body: 'And another.' });
    const after = await noticesAbout(h.db, w.patientId);
    expect(after.filter((n) => n.dedupeKey.startsWith(`message:${comment.commentId}:`))).toHaveLength(5);
  });

  it('writes nothing for the team’s own messages, and nothing when the patient’s message is refused', async () => {
    const w = await world(h.db);
    await callerFor(h.db, w.doc).notes.create({ patientId: w.patientId, body: 'Shared by the team', visibility: 'shared' });
    await callerFor(h.db, w.doc).notes.create({ patientId: w.patientId, body: 'Team only', visibility: 'team' });
    const draft = await makePlan(h.db, w.doc, w.patient, 'draft');
    // A patient cannot link a draft: the note is refused, and with it the unread mark and the notices.
    const refused = await rejection(callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'About the draft', visibility: 'shared', planId: draft.planId, planVersion: draft.version }));
    expect(refused.code).toBe('NOT_FOUND');
    expect(await noticesAbout(h.db, w.patientId)).toEqual([]);
    expect(await h.db.select().from(patientConversations).where(eq(patientConversations.patientId, w.patientId))).toEqual([]);
  });
});

describe('who may read and clear the conversation', () => {
  it('refuses another patient and a clinician off the team everything, and the patient the team’s read state', async () => {
    const w = await world(h.db);
    await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'Hello', visibility: 'shared' });
    for (const who of [w.other.user, w.outsider]) {
      const api = callerFor(h.db, who).conversation;
      for (const call of [() => api.list({ patientId: w.patientId }), () => api.status({ patientId: w.patientId }), () => api.markRead({ patientId: w.patientId })]) {
        const error = await rejection(call());
        expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You do not have access to this patient.']);
      }
    }
    const mine = callerFor(h.db, w.patient).conversation;
    for (const call of [() => mine.status({ patientId: w.patientId }), () => mine.markRead({ patientId: w.patientId })]) {
      const error = await rejection(call());
      expect([error.code, error.message]).toEqual(['FORBIDDEN', 'Only the care team can see this.']);
    }
    // Still unread: none of the refused calls read it.
    expect((await callerFor(h.db, w.doc).conversation.status({ patientId: w.patientId })).unread).toBe(true);
    const bad = await httpCall(h.db, w.doc, 'conversation.markRead', { patientId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    const [row] = await h.db.select().from(patientConversations).where(and(eq(patientConversations.patientId, w.patientId)));
    expect(row?.teamReadAt).toBeNull();
  });
});
