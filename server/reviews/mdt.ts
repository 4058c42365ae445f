// Multidisciplinary (MDT) review meetings: the agenda from the triage list, the meeting record, dissent, and
// the shared summaries a patient reads once the meeting is finalised (never the team's discussion or dissent).
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '~/db';
import { careTeamMembers, disciplines, mdtAttendees, mdtDissents, mdtMeetings, mdtPatientItems, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { AppError } from '~/server/errors';
import { uuidSchema, versionNumberSchema } from '~/server/shared/validation';
import { daysBetween } from '~/server/taper';
import { triageList } from '~/server/triage/service';

export const agendaReasons = ['urgent', 'decision-due', 'not-reviewed', 'added'] as const;
export type AgendaReason = (typeof agendaReasons)[number];
export const MAX_MEETING_PATIENTS = 40;
export const MAX_ATTENDEES = 20;

const NOT_ATTENDEE = 'Only the meeting’s attendees can see or change it.';

// ---------------------------------------------------------------------------------------------------
// Agenda

/** The caller's patients who need the team: urgent alerts, a step decision due, or no review for 14 days. */
export async function mdtAgenda(db: DbOrTx, clinicianId: string, now = new Date()) {
  const rows = await triageList(db, clinicianId, now);
  return rows
    .map((r) => {
      const reasons: AgendaReason[] = [];
      if (r.urgent > 0) reasons.push('urgent');
      if (r.decisionDue) reasons.push('decision-due');
      if (r.notReviewedForTwoWeeks) reasons.push('not-reviewed');
      return { patientId: r.patientId, name: r.name, reasons, urgent: r.urgent, lastReviewedOn: r.lastReviewedOn, stepEndsOn: r.stepEndsOn };
    })
    .filter((r) => r.reasons.length > 0);
}

// ---------------------------------------------------------------------------------------------------
// Meetings

const isoDate = z.iso.date('Enter the date as YYYY-MM-DD.');
const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`);

export const createMeetingInput = z.strictObject({
  heldOn: isoDate,
  title: z.string().trim().min(3, 'Give the meeting a title (for example “Tuesday MDT”).').max(200, 'Use at most 200 characters.'),
  myDiscipline: z.enum(disciplines, 'Choose your discipline.'),
  attendees: z
    .array(z.strictObject({ clinicianId: uuidSchema, discipline: z.enum(disciplines, 'Choose a discipline.') }))
    .max(MAX_ATTENDEES, `At most ${MAX_ATTENDEES} attendees.`)
    .refine((list) => new Set(list.map((a) => a.clinicianId)).size === list.length, 'Each attendee is listed once.'),
  patientIds: z
    .array(uuidSchema)
    .min(1, 'Choose at least one patient to discuss.')
    .max(MAX_MEETING_PATIENTS, `At most ${MAX_MEETING_PATIENTS} patients a meeting.`)
    .refine((list) => new Set(list).size === list.length, 'Each patient is listed once.'),
});

async function myTeamPatients(tx: DbOrTx, clinicianId: string, patientIds: string[]): Promise<Set<string>> {
  if (patientIds.length === 0) return new Set();
  const rows = await tx
    .select({ patientId: careTeamMembers.patientId })
    .from(careTeamMembers)
    .where(and(eq(careTeamMembers.clinicianId, clinicianId), inArray(careTeamMembers.patientId, patientIds)));
  return new Set(rows.map((r) => r.patientId));
}

export async function createMeeting(db: Db, actor: Actor, input: z.output<typeof createMeetingInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const drift = daysBetween(now.toISOString().slice(0, 10), input.heldOn);
    if (drift < -365 || drift > 365) {
      const message = 'The meeting date must be within a year of today.';
      throw new AppError('BAD_REQUEST', message, { heldOn: [message] });
    }
    const mine = await myTeamPatients(tx, actor.id, input.patientIds);
    if (input.patientIds.some((id) => !mine.has(id))) {
      const message = 'You can only bring patients whose care team you are on.';
      throw new AppError('FORBIDDEN', message, { patientIds: [message] });
    }
    const others = input.attendees.filter((a) => a.clinicianId !== actor.id);
    if (others.length) {
      const found = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, others.map((a) => a.clinicianId)), eq(users.role, 'clinician'), sql`${users.disabledAt} is null`));
      if (found.length !== others.length) {
        const message = 'Every attendee must be an active clinician of the clinic.';
        throw new AppError('BAD_REQUEST', message, { attendees: [message] });
      }
    }
    // The reasons are the server's own reading of the agenda, not what the browser says.
    const agenda = new Map((await mdtAgenda(tx, actor.id, now)).map((a) => [a.patientId, a.reasons]));
    const [meeting] = await tx.insert(mdtMeetings).values({ heldOn: input.heldOn, title: input.title, createdBy: actor.id }).returning({ id: mdtMeetings.id });
    if (!meeting) throw new AppError('UNAVAILABLE', 'The meeting could not be saved. Please try again.');
    await tx.insert(mdtAttendees).values([
      { meetingId: meeting.id, clinicianId: actor.id, discipline: input.myDiscipline },
      ...others.map((a) => ({ meetingId: meeting.id, clinicianId: a.clinicianId, discipline: a.discipline })),
    ]);
    const items = await tx
      .insert(mdtPatientItems)
      .values(input.patientIds.map((patientId) => ({ meetingId: meeting.id, patientId, agendaReasons: agenda.get(patientId) ?? ['added'] })))
      .returning({ id: mdtPatientItems.id, patientId: mdtPatientItems.patientId, agendaReasons: mdtPatientItems.agendaReasons });
    await writeAudit(tx, actor, {
      action: 'mdt.create',
      entityType: 'mdt_meeting',
      entityId: meeting.id,
      after: { heldOn: input.heldOn, attendees: [actor.id, ...others.map((a) => a.clinicianId)], patients: input.patientIds.length },
    });
    for (const item of items) {
      await writeAudit(tx, actor, { action: 'mdt.add_patient', entityType: 'mdt_patient_item', entityId: item.id, patientId: item.patientId, after: { meetingId: meeting.id, agendaReasons: item.agendaReasons } });
    }
    return { meetingId: meeting.id };
  });
}

export const meetingIdInput = z.strictObject({ meetingId: uuidSchema });

/** Meetings the clinician attends (the creator always does), newest first. */
export async function listMeetings(db: DbOrTx, clinicianId: string) {
  const rows = await db
    .select({
      id: mdtMeetings.id,
      heldOn: mdtMeetings.heldOn,
      title: mdtMeetings.title,
      finalisedAt: mdtMeetings.finalisedAt,
      patients: sql<number>`(select count(*) from ${mdtPatientItems} where ${mdtPatientItems.meetingId} = ${mdtMeetings.id})`.mapWith(Number),
      attendees: sql<number>`(select count(*) from ${mdtAttendees} a where a.meeting_id = ${mdtMeetings.id})`.mapWith(Number),
    })
    .from(mdtMeetings)
    .innerJoin(mdtAttendees, and(eq(mdtAttendees.meetingId, mdtMeetings.id), eq(mdtAttendees.clinicianId, clinicianId)))
    .orderBy(desc(mdtMeetings.heldOn), desc(mdtMeetings.createdAt))
    .limit(200);
  return rows;
}

/** The meeting, if the clinician attends it; unknown meetings get the same answer, so ids reveal nothing. */
async function attendedMeeting(db: DbOrTx, clinicianId: string, meetingId: string, lock = false) {
  const query = db
    .select({ id: mdtMeetings.id, heldOn: mdtMeetings.heldOn, title: mdtMeetings.title, createdBy: mdtMeetings.createdBy, finalisedAt: mdtMeetings.finalisedAt, version: mdtMeetings.version })
    .from(mdtMeetings)
    .innerJoin(mdtAttendees, and(eq(mdtAttendees.meetingId, mdtMeetings.id), eq(mdtAttendees.clinicianId, clinicianId)))
    .where(eq(mdtMeetings.id, meetingId));
  const [meeting] = lock ? await query.for('update', { of: mdtMeetings }) : await query;
  if (!meeting) throw new AppError('FORBIDDEN', NOT_ATTENDEE);
  return meeting;
}

/**
 * The meeting as an attendee sees it. An item about a patient whose care team the caller is not on is
 * marked withheld and carries nothing about the patient (not even the name).
 */
export async function getMeeting(db: DbOrTx, clinicianId: string, meetingId: string) {
  const meeting = await attendedMeeting(db, clinicianId, meetingId);
  const [attendees, itemRows, creator] = await Promise.all([
    db
      .select({ clinicianId: mdtAttendees.clinicianId, name: users.name, discipline: mdtAttendees.discipline })
      .from(mdtAttendees)
      .innerJoin(users, eq(users.id, mdtAttendees.clinicianId))
      .where(eq(mdtAttendees.meetingId, meetingId))
      .orderBy(asc(users.name)),
    db
      .select({
        item: mdtPatientItems,
        name: users.name,
        onTeam: sql<boolean>`exists (select 1 from ${careTeamMembers} c where c.patient_id = ${mdtPatientItems.patientId} and c.clinician_id = ${clinicianId})`,
      })
      .from(mdtPatientItems)
      .innerJoin(users, eq(users.id, mdtPatientItems.patientId))
      .where(eq(mdtPatientItems.meetingId, meetingId))
      .orderBy(asc(mdtPatientItems.createdAt), asc(users.name)),
    db.select({ name: users.name }).from(users).where(eq(users.id, meeting.createdBy)),
  ]);
  const visibleIds = itemRows.filter((r) => r.onTeam).map((r) => r.item.id);
  const [dissents, recorders] = await Promise.all([
    visibleIds.length
      ? db
          .select({ id: mdtDissents.id, itemId: mdtDissents.itemId, clinicianId: mdtDissents.clinicianId, name: users.name, body: mdtDissents.body, createdAt: mdtDissents.createdAt })
          .from(mdtDissents)
          .innerJoin(users, eq(users.id, mdtDissents.clinicianId))
          .where(inArray(mdtDissents.itemId, visibleIds))
          .orderBy(asc(mdtDissents.createdAt))
      : Promise.resolve([]),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .innerJoin(mdtPatientItems, eq(mdtPatientItems.recordedBy, users.id))
      .where(eq(mdtPatientItems.meetingId, meetingId)),
  ]);
  const recorderName = new Map(recorders.map((r) => [r.id, r.name]));
  const items = itemRows.map(({ item, name, onTeam }) => {
    if (!onTeam) return { id: item.id, withheld: true as const };
    return {
      id: item.id,
      withheld: false as const,
      patientId: item.patientId,
      name,
      agendaReasons: item.agendaReasons.filter((r): r is AgendaReason => (agendaReasons as readonly string[]).includes(r)),
      discussion: item.discussion,
      decisions: item.decisions,
      goalsReset: item.goalsReset,
      sharedSummary: item.sharedSummary,
      nextReviewOn: item.nextReviewOn,
      recordedAt: item.recordedAt,
      recordedByName: item.recordedBy ? (recorderName.get(item.recordedBy) ?? null) : null,
      dissents: dissents.filter((d) => d.itemId === item.id).map(({ itemId: _i, ...d }) => d),
    };
  });
  return {
    meeting: { ...meeting, createdByName: creator[0]?.name ?? null },
    attendees,
    items,
    isCreator: meeting.createdBy === clinicianId,
  };
}

export type MeetingView = Awaited<ReturnType<typeof getMeeting>>;

/** An item of an open meeting the caller attends, about a patient whose care team they are on; the meeting row is locked. */
async function editableItem(tx: Tx, actor: Actor, meetingId: string, itemId: string) {
  const meeting = await attendedMeeting(tx, actor.id, meetingId, true);
  const [item] = await tx.select().from(mdtPatientItems).where(and(eq(mdtPatientItems.id, itemId), eq(mdtPatientItems.meetingId, meetingId)));
  if (!item) throw new AppError('NOT_FOUND', 'This patient is not on the meeting’s agenda.');
  if (!(await myTeamPatients(tx, actor.id, [item.patientId])).has(item.patientId)) throw new AppError('FORBIDDEN', 'Only the patient’s care team can record about them.');
  if (meeting.finalisedAt) throw new AppError('CONFLICT', 'This meeting is finalised: its record can no longer change.');
  return { meeting, item };
}

export const recordItemInput = z
  .strictObject({
    meetingId: uuidSchema,
    itemId: uuidSchema,
    expectedVersion: versionNumberSchema,
    discussion: text(8000),
    decisions: z.string().trim().min(3, 'Write what the team decided.').max(4000, 'Use at most 4000 characters.'),
    goalsReset: text(4000),
    sharedSummary: z.string().trim().min(3, 'Write the summary the patient will read.').max(4000, 'Use at most 4000 characters.'),
    nextReviewOn: isoDate.nullable(),
  });

/** Records one patient's outcome. The meeting's version guards against two attendees overwriting each other. */
export async function recordItem(db: Db, actor: Actor, input: z.output<typeof recordItemInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const { meeting, item } = await editableItem(tx, actor, input.meetingId, input.itemId);
    if (meeting.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'Someone else changed this meeting’s record since you opened it. Nothing was saved: reload to see their change, then redo yours.', undefined, { latestVersion: meeting.version });
    }
    if (input.nextReviewOn !== null) {
      const ahead = daysBetween(meeting.heldOn, input.nextReviewOn);
      if (ahead < 1 || ahead > 365) {
        const message = ahead < 1 ? 'The next review must be after the meeting.' : 'Book the next review within a year of the meeting.';
        throw new AppError('BAD_REQUEST', message, { nextReviewOn: [message] });
      }
    }
    const values = { discussion: input.discussion, decisions: input.decisions, goalsReset: input.goalsReset, sharedSummary: input.sharedSummary, nextReviewOn: input.nextReviewOn };
    await tx.update(mdtPatientItems).set({ ...values, recordedBy: actor.id, recordedAt: now }).where(eq(mdtPatientItems.id, item.id));
    const [updated] = await tx
      .update(mdtMeetings)
      .set({ version: meeting.version + 1, updatedAt: now })
      .where(eq(mdtMeetings.id, meeting.id))
      .returning({ version: mdtMeetings.version });
    await writeAudit(tx, actor, {
      action: 'mdt.record_item',
      entityType: 'mdt_patient_item',
      entityId: item.id,
      patientId: item.patientId,
      before: { discussion: item.discussion, decisions: item.decisions, goalsReset: item.goalsReset, sharedSummary: item.sharedSummary, nextReviewOn: item.nextReviewOn },
      after: values,
    });
    return { version: updated?.version ?? meeting.version + 1 };
  });
}

export const addDissentInput = z.strictObject({
  meetingId: uuidSchema,
  itemId: uuidSchema,
  body: z.string().trim().min(3, 'Say what you disagree with and why.').max(2000, 'Use at most 2000 characters.'),
});

/** An attendee's dissent on a patient's decisions: kept with the team's record, never shown to the patient. */
export async function addDissent(db: Db, actor: Actor, input: z.output<typeof addDissentInput>) {
  return db.transaction(async (tx) => {
    const { item } = await editableItem(tx, actor, input.meetingId, input.itemId);
    const [row] = await tx.insert(mdtDissents).values({ itemId: item.id, patientId: item.patientId, clinicianId: actor.id, body: input.body }).returning({ id: mdtDissents.id });
    await writeAudit(tx, actor, { action: 'mdt.dissent', entityType: 'mdt_dissent', entityId: row?.id, patientId: item.patientId, after: { itemId: item.id, body: input.body } });
    return { id: row?.id ?? null };
  });
}

export const finaliseMeetingInput = z.strictObject({ meetingId: uuidSchema, expectedVersion: versionNumberSchema });

/** Closes the record: items become read-only and each patient's shared summary becomes theirs to read. */
export async function finaliseMeeting(db: Db, actor: Actor, input: z.output<typeof finaliseMeetingInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const meeting = await attendedMeeting(tx, actor.id, input.meetingId, true);
    if (meeting.finalisedAt) throw new AppError('CONFLICT', 'This meeting is already finalised.');
    if (meeting.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'Someone else changed this meeting’s record since you opened it. Nothing was finalised: reload and check it first.', undefined, { latestVersion: meeting.version });
    }
    const items = await tx
      .select({ id: mdtPatientItems.id, patientId: mdtPatientItems.patientId, recordedAt: mdtPatientItems.recordedAt })
      .from(mdtPatientItems)
      .where(eq(mdtPatientItems.meetingId, meeting.id));
    const unrecorded = items.filter((i) => i.recordedAt === null).length;
    if (unrecorded > 0) {
      throw new AppError('BAD_REQUEST', unrecorded === 1 ? 'One patient’s outcome is not recorded yet.' : `${unrecorded} patients’ outcomes are not recorded yet.`);
    }
    await tx.update(mdtMeetings).set({ finalisedAt: now, version: meeting.version + 1, updatedAt: now }).where(eq(mdtMeetings.id, meeting.id));
    for (const item of items) {
      await writeAudit(tx, actor, { action: 'mdt.finalise', entityType: 'mdt_patient_item', entityId: item.id, patientId: item.patientId, after: { meetingId: meeting.id } });
    }
    return { finalisedAt: now, version: meeting.version + 1 };
  });
}

// ---------------------------------------------------------------------------------------------------
// The patient's view

/**
 * What a patient reads of their reviews: the shared summary, the meeting's date and the next review date of
 * finalised meetings. The discussion, decisions as the team wrote them, dissent and attendees stay with the team.
 */
export async function listSharedOutcomes(db: DbOrTx, patientId: string) {
  return db
    .select({ id: mdtPatientItems.id, heldOn: mdtMeetings.heldOn, sharedSummary: mdtPatientItems.sharedSummary, nextReviewOn: mdtPatientItems.nextReviewOn, finalisedAt: mdtMeetings.finalisedAt })
    .from(mdtPatientItems)
    .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtPatientItems.meetingId))
    .where(and(eq(mdtPatientItems.patientId, patientId), isNotNull(mdtMeetings.finalisedAt)))
    .orderBy(desc(mdtMeetings.heldOn), desc(mdtMeetings.finalisedAt))
    .limit(100);
}
