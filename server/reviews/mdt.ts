// Multidisciplinary (MDT) review meetings: the agenda from the triage list, the meeting record, dissent, the
// attendees' signatures, and the shared summaries a patient reads once the meeting is finalised (never the
// team's discussion or dissent). Who attends, and whose care team they are on, is proved by the mdt tiers.
import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '~/db';
import { mdtAttendees, mdtDissents, mdtMeetings, mdtPatientItems, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { careTeamMemberships, type MeetingAccess } from '~/server/auth/policy';
import { AppError, requireRow } from '~/server/errors';
import { em, type ErrorMessage } from '~/i18n/errors';
import { disciplineFor, type Discipline } from '~/lib/accounts/profession';
import { localDate } from '~/lib/dates';
import { daysBetween } from '~/lib/taper';
import { triageList } from '~/server/triage/service';
import type { createMeetingInput, recordItemInput, addDissentInput, signMeetingInput, finaliseMeetingInput } from '~/lib/reviews/inputs';

export const agendaReasons = ['urgent', 'decision-due', 'not-reviewed', 'added'] as const;
export type AgendaReason = (typeof agendaReasons)[number];

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


export async function createMeeting(db: Db, actor: Actor, input: z.output<typeof createMeetingInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const drift = daysBetween(now.toISOString().slice(0, 10), input.heldOn);
    if (drift < -365 || drift > 365) {
      const message = 'reviews.meetingDateRange';
      throw new AppError('BAD_REQUEST', message, { heldOn: [message] });
    }
    const mine = new Set((await careTeamMemberships(tx, [actor.id], input.patientIds)).map((m) => m.patientId));
    if (input.patientIds.some((id) => !mine.has(id))) {
      const message = 'reviews.onlyYourPatients';
      throw new AppError('FORBIDDEN', message, { patientIds: [message] });
    }
    const others = input.attendees.filter((a) => a.clinicianId !== actor.id);
    const accountDiscipline = new Map<string, Discipline>();
    if (others.length) {
      const found = await tx
        .select({ id: users.id, profession: users.profession, mayPrescribe: users.mayPrescribe })
        .from(users)
        .where(and(inArray(users.id, others.map((a) => a.clinicianId)), eq(users.role, 'clinician'), sql`${users.disabledAt} is null`));
      if (found.length !== others.length) {
        const message = 'reviews.attendeeNotActive';
        throw new AppError('BAD_REQUEST', message, { attendees: [message] });
      }
      for (const f of found) accountDiscipline.set(f.id, disciplineFor(f));
    }
    // The reasons are the server's own reading of the agenda, not what the browser says.
    const agenda = new Map((await mdtAgenda(tx, actor.id, now)).map((a) => [a.patientId, a.reasons]));
    const [meeting] = await tx.insert(mdtMeetings).values({ heldOn: input.heldOn, title: input.title, createdBy: actor.id }).returning({ id: mdtMeetings.id });
    if (!meeting) throw new AppError('UNAVAILABLE', 'reviews.meetingNotSaved');
    await tx.insert(mdtAttendees).values([
      { meetingId: meeting.id, clinicianId: actor.id, discipline: input.myDiscipline },
      ...others.map((a) => ({ meetingId: meeting.id, clinicianId: a.clinicianId, discipline: a.discipline ?? accountDiscipline.get(a.clinicianId) ?? 'other' })),
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

/** The meeting row, locked for this transaction: saves, signatures and finalising on one meeting take turns. */
async function lockedMeeting(tx: Tx, meetingId: string) {
  const [meeting] = await tx
    .select({ id: mdtMeetings.id, heldOn: mdtMeetings.heldOn, finalisedAt: mdtMeetings.finalisedAt, version: mdtMeetings.version })
    .from(mdtMeetings)
    .where(eq(mdtMeetings.id, meetingId))
    .for('update');
  // The tier proved the caller attends this meeting, and meetings are never deleted.
  if (!meeting) throw new AppError('NOT_FOUND', 'reviews.meetingNotFound');
  return meeting;
}

/**
 * Who signed the meeting's version `version`, and for each agenda patient the signers on their care team.
 * A signature counts for a patient only while the signer is on that patient's care team.
 */
async function signaturesOf(db: DbOrTx, meetingId: string, version: number, patientIds: string[]) {
  const signed = await db
    .select({ clinicianId: mdtAttendees.clinicianId })
    .from(mdtAttendees)
    .where(and(eq(mdtAttendees.meetingId, meetingId), eq(mdtAttendees.signedVersion, version)));
  const signerIds = signed.map((s) => s.clinicianId);
  const forPatient = new Map<string, string[]>();
  for (const m of await careTeamMemberships(db, signerIds, patientIds)) forPatient.set(m.patientId, [...(forPatient.get(m.patientId) ?? []), m.clinicianId]);
  return { signerIds: new Set(signerIds), forPatient };
}

/**
 * The meeting as an attendee sees it (the tier proved they attend). An item about a patient whose care team
 * the caller is not on is marked withheld and carries nothing about the patient (not even the name): only
 * whether someone from that patient's team has signed this version, which anyone finalising must know.
 */
export async function getMeeting(db: DbOrTx, scope: MeetingAccess) {
  const meetingId = scope.meetingId;
  const [meeting] = await db
    .select({ id: mdtMeetings.id, heldOn: mdtMeetings.heldOn, title: mdtMeetings.title, createdBy: mdtMeetings.createdBy, finalisedAt: mdtMeetings.finalisedAt, version: mdtMeetings.version })
    .from(mdtMeetings)
    .where(eq(mdtMeetings.id, meetingId));
  if (!meeting) throw new AppError('NOT_FOUND', 'reviews.meetingNotFound');
  const onTeam = new Set(scope.items.filter((i) => i.onTeam).map((i) => i.itemId));
  const [attendees, itemRows, creator, signatures] = await Promise.all([
    db
      .select({ clinicianId: mdtAttendees.clinicianId, name: users.name, discipline: mdtAttendees.discipline, signedVersion: mdtAttendees.signedVersion })
      .from(mdtAttendees)
      .innerJoin(users, eq(users.id, mdtAttendees.clinicianId))
      .where(eq(mdtAttendees.meetingId, meetingId))
      .orderBy(asc(users.name)),
    db
      .select({ item: mdtPatientItems, name: users.name })
      .from(mdtPatientItems)
      .innerJoin(users, eq(users.id, mdtPatientItems.patientId))
      .where(eq(mdtPatientItems.meetingId, meetingId))
      .orderBy(asc(mdtPatientItems.createdAt), asc(users.name), asc(mdtPatientItems.id)),
    db.select({ name: users.name }).from(users).where(eq(users.id, meeting.createdBy)),
    signaturesOf(db, meetingId, meeting.version, scope.items.map((i) => i.patientId)),
  ]);
  const visibleIds = itemRows.filter((r) => onTeam.has(r.item.id)).map((r) => r.item.id);
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
  const attendeeName = new Map(attendees.map((a) => [a.clinicianId, a.name]));
  const items = itemRows.map(({ item, name }) => {
    const teamSigners = signatures.forPatient.get(item.patientId) ?? [];
    if (!onTeam.has(item.id)) return { id: item.id, withheld: true as const, teamSigned: teamSigners.length > 0 };
    return {
      id: item.id,
      withheld: false as const,
      teamSigned: teamSigners.length > 0,
      signedByNames: teamSigners.map((id) => attendeeName.get(id) ?? '').filter(Boolean).sort(),
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
    attendees: attendees.map(({ signedVersion, ...a }) => ({ ...a, signed: signedVersion === meeting.version })),
    items,
    isCreator: meeting.createdBy === scope.clinicianId,
    signedByMe: signatures.signerIds.has(scope.clinicianId),
  };
}

export type MeetingView = Awaited<ReturnType<typeof getMeeting>>;

/** One patient's item, as its tier proved it: the caller attends the meeting and is on that patient's care team. */
export interface ItemScope {
  meetingId: string;
  itemId: string;
  patientId: string;
}

/** The item of an open meeting, with the meeting row locked. */
async function editableItem(tx: Tx, scope: ItemScope) {
  const meeting = await lockedMeeting(tx, scope.meetingId);
  if (meeting.finalisedAt) throw new AppError('CONFLICT', 'reviews.finalised');
  const [item] = await tx.select().from(mdtPatientItems).where(and(eq(mdtPatientItems.id, scope.itemId), eq(mdtPatientItems.meetingId, scope.meetingId)));
  if (!item) throw new AppError('NOT_FOUND', 'access.notOnAgenda');
  return { meeting, item };
}

/**
 * Records one patient's outcome. The meeting's version guards against two attendees overwriting each other,
 * and the new version voids every signature: what was signed is no longer the record.
 */
export async function recordItem(db: Db, actor: Actor, scope: ItemScope, input: z.output<typeof recordItemInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const { meeting, item } = await editableItem(tx, scope);
    if (meeting.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'reviews.staleRecord', undefined, { latestVersion: meeting.version });
    }
    if (input.nextReviewOn !== null) {
      const ahead = daysBetween(meeting.heldOn, input.nextReviewOn);
      if (ahead < 1 || ahead > 365) {
        const message = ahead < 1 ? 'reviews.nextReviewAfterMeeting' : 'reviews.nextReviewWithinYear';
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

/** An attendee's dissent on a patient's decisions: kept with the team's record, never shown to the patient. */
export async function addDissent(db: Db, actor: Actor, scope: ItemScope, input: z.output<typeof addDissentInput>) {
  return db.transaction(async (tx) => {
    const { item } = await editableItem(tx, scope);
    const [inserted] = await tx.insert(mdtDissents).values({ itemId: item.id, patientId: item.patientId, clinicianId: actor.id, body: input.body }).returning({ id: mdtDissents.id });
    const row = requireRow(inserted);
    await writeAudit(tx, actor, { action: 'mdt.dissent', entityType: 'mdt_dissent', entityId: row.id, patientId: item.patientId, after: { itemId: item.id, body: input.body } });
    return { id: row.id };
  });
}

/**
 * An attendee signs the record as it is now (the version they read): they were at the meeting and agree it
 * is the record. A signature counts for the patients whose care team the signer is on, until the record changes.
 */
export async function signMeeting(db: Db, actor: Actor, scope: MeetingAccess, input: z.output<typeof signMeetingInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const meeting = await lockedMeeting(tx, scope.meetingId);
    if (meeting.finalisedAt) throw new AppError('CONFLICT', 'reviews.alreadyFinalised');
    if (meeting.version !== input.expectedVersion) throw new AppError('CONFLICT', 'reviews.staleSign', undefined, { latestVersion: meeting.version });
    const [me] = await tx
      .select({ signedVersion: mdtAttendees.signedVersion })
      .from(mdtAttendees)
      .where(and(eq(mdtAttendees.meetingId, meeting.id), eq(mdtAttendees.clinicianId, actor.id)));
    if (me?.signedVersion === meeting.version) return { version: meeting.version, signed: true as const };
    await tx.update(mdtAttendees).set({ signedVersion: meeting.version, signedAt: now }).where(and(eq(mdtAttendees.meetingId, meeting.id), eq(mdtAttendees.clinicianId, actor.id)));
    await writeAudit(tx, actor, {
      action: 'mdt.sign',
      entityType: 'mdt_meeting',
      entityId: meeting.id,
      before: { signedVersion: me?.signedVersion ?? null },
      after: { signedVersion: meeting.version, items: scope.items.filter((i) => i.onTeam).map((i) => i.itemId) },
    });
    return { version: meeting.version, signed: true as const };
  });
}

/**
 * Why finalising is refused. Finalising signs for the caller, so every item still unsigned is about a
 * patient whose care team the caller is not on: the items are named by their place on the agenda, as the
 * meeting page numbers them, never by the patient. The message joins the places in its own language
 * ("1, 2 and 4"): `others` is every place but the last, comma-separated.
 */
function unsignedMessage(numbers: number[]): ErrorMessage {
  return em('reviews.unsigned', { count: numbers.length, others: numbers.slice(0, -1).join(', '), last: numbers.at(-1) ?? '' });
}

/**
 * Closes the record: items become read-only and each patient's shared summary becomes theirs to read.
 * Finalising signs the record for the caller, and needs, for every patient on the agenda, a signature of
 * this version from an attendee on that patient's care team: no summary reaches a patient unless someone
 * who looks after them confirmed it.
 */
export async function finaliseMeeting(db: Db, actor: Actor, scope: MeetingAccess, input: z.output<typeof finaliseMeetingInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const meeting = await lockedMeeting(tx, scope.meetingId);
    if (meeting.finalisedAt) throw new AppError('CONFLICT', 'reviews.alreadyFinalised');
    if (meeting.version !== input.expectedVersion) throw new AppError('CONFLICT', 'reviews.staleFinalise', undefined, { latestVersion: meeting.version });
    // A record of a meeting that has not happened yet is no record. A meeting's date carries no zone: it is
    // read on the finaliser's own calendar, the one the meeting page proposes dates and shows times in.
    const [finaliser] = await tx.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, actor.id));
    if (meeting.heldOn > localDate(finaliser?.timeZone ?? 'UTC', now)) throw new AppError('BAD_REQUEST', 'reviews.meetingNotHeldYet');
    const items = await tx
      .select({ id: mdtPatientItems.id, patientId: mdtPatientItems.patientId, recordedAt: mdtPatientItems.recordedAt })
      .from(mdtPatientItems)
      .innerJoin(users, eq(users.id, mdtPatientItems.patientId))
      .where(eq(mdtPatientItems.meetingId, meeting.id))
      // The agenda's order, as the meeting page shows it: a refusal names items by their place.
      .orderBy(asc(mdtPatientItems.createdAt), asc(users.name), asc(mdtPatientItems.id));
    const unrecorded = items.filter((i) => i.recordedAt === null).length;
    if (unrecorded > 0) {
      throw new AppError('BAD_REQUEST', em('reviews.outcomesNotRecorded', { count: unrecorded }));
    }
    await tx.update(mdtAttendees).set({ signedVersion: meeting.version, signedAt: now }).where(and(eq(mdtAttendees.meetingId, meeting.id), eq(mdtAttendees.clinicianId, actor.id)));
    const { forPatient } = await signaturesOf(tx, meeting.id, meeting.version, items.map((i) => i.patientId));
    const unsigned = items.map((item, index) => ({ ...item, place: index + 1 })).filter((i) => !forPatient.has(i.patientId));
    if (unsigned.length > 0) {
      // Item ids are no secret to an attendee (withheld items carry theirs): the page marks each one.
      throw new AppError('BAD_REQUEST', unsignedMessage(unsigned.map((i) => i.place)), undefined, { unsignedItemIds: unsigned.map((i) => i.id) });
    }
    await tx.update(mdtMeetings).set({ finalisedAt: now, updatedAt: now }).where(eq(mdtMeetings.id, meeting.id));
    for (const item of items) {
      await writeAudit(tx, actor, {
        action: 'mdt.finalise',
        entityType: 'mdt_patient_item',
        entityId: item.id,
        patientId: item.patientId,
        after: { meetingId: meeting.id, version: meeting.version, signedBy: forPatient.get(item.patientId) ?? [] },
      });
    }
    return { finalisedAt: now, version: meeting.version };
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
