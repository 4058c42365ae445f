// A patient's thread of notes: shared with the patient or for the care team only, never edited in place
// (a correction is a new note naming the one it corrects), optionally linked to a plan version, an alert
// or a review of the same patient. Team-only notes never reach the patient.
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '~/db';
import { alerts, mdtMeetings, mdtPatientItems, notes, noteVisibilities, taperPlanVersions, users, weeklyReviews } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import type { PatientAccess } from '~/server/auth/policy';
import { AppError } from '~/server/errors';
import { recordPatientMessage } from '~/server/conversation/patient-message';
import type { createNoteInput } from '~/lib/notes/inputs';


export type CreateNoteInput = z.output<typeof createNoteInput>;

type Visibility = (typeof noteVisibilities)[number];

export interface NoteView {
  id: string;
  body: string;
  visibility: Visibility;
  authorId: string;
  authorName: string;
  authorRole: 'patient' | 'clinician' | 'admin';
  authorDiscipline: (typeof notes.$inferSelect)['authorDiscipline'];
  createdAt: Date;
  /** The note this one corrects, with its time. */
  corrects: { id: string; createdAt: Date } | null;
  /** The note that corrects this one: this note's text is superseded. */
  correctedBy: { id: string; createdAt: Date } | null;
  plan: { planId: string; version: number } | null;
  /** Only ever set for the care team. */
  alert: { id: string; kind: string; severity: string; code: string; createdAt: Date } | null;
  weeklyReview: { id: string; periodStart: string; periodEnd: string } | null;
  /** The team review's meeting too, so the care team's link opens that meeting. */
  mdtItem: { id: string; meetingId: string; heldOn: string } | null;
}

/**
 * The thread, oldest first. The patient gets only shared notes (filtered in the query, so team-only text
 * never leaves the database for them); the care team gets every note.
 */
export function listNotes(db: DbOrTx, access: PatientAccess): Promise<NoteView[]> {
  return listNotesAs(db, access.patientId, access.kind === 'care-team' ? 'team' : 'patient');
}

/** The thread as the patient or as their care team reads it (the caller has proved the viewer's access). */
export async function listNotesAs(db: DbOrTx, patientId: string, viewer: 'patient' | 'team'): Promise<NoteView[]> {
  const team = viewer === 'team';
  const rows = await db
    .select({
      note: notes,
      authorName: users.name,
      review: { id: weeklyReviews.id, periodStart: weeklyReviews.periodStart, periodEnd: weeklyReviews.periodEnd },
      mdt: { id: mdtPatientItems.id, meetingId: mdtPatientItems.meetingId, heldOn: mdtMeetings.heldOn },
      alert: { id: alerts.id, kind: alerts.kind, severity: alerts.severity, code: alerts.code, createdAt: alerts.createdAt },
    })
    .from(notes)
    .innerJoin(users, eq(users.id, notes.authorId))
    .leftJoin(weeklyReviews, eq(weeklyReviews.id, notes.weeklyReviewId))
    .leftJoin(mdtPatientItems, eq(mdtPatientItems.id, notes.mdtItemId))
    .leftJoin(mdtMeetings, eq(mdtMeetings.id, mdtPatientItems.meetingId))
    .leftJoin(alerts, eq(alerts.id, notes.alertId))
    .where(and(eq(notes.patientId, patientId), team ? undefined : eq(notes.visibility, 'shared')))
    .orderBy(asc(notes.createdAt), asc(notes.id))
    .limit(2000);

  const byId = new Map(rows.map((r) => [r.note.id, r.note]));
  const correctedBy = new Map<string, { id: string; createdAt: Date }>();
  for (const { note } of rows) {
    if (note.correctsNoteId && byId.has(note.correctsNoteId)) correctedBy.set(note.correctsNoteId, { id: note.id, createdAt: note.createdAt });
  }
  return rows.map(({ note, authorName, review, mdt, alert }) => {
    const corrected = note.correctsNoteId ? byId.get(note.correctsNoteId) : undefined;
    return {
      id: note.id,
      body: note.body,
      visibility: note.visibility,
      authorId: note.authorId,
      authorName,
      authorRole: note.authorRole,
      authorDiscipline: note.authorDiscipline,
      createdAt: note.createdAt,
      corrects: corrected ? { id: corrected.id, createdAt: corrected.createdAt } : null,
      correctedBy: correctedBy.get(note.id) ?? null,
      plan: note.planId !== null && note.planVersion !== null ? { planId: note.planId, version: note.planVersion } : null,
      alert: team && alert ? alert : null,
      weeklyReview: review,
      mdtItem: mdt && mdt.id !== null && mdt.meetingId !== null && mdt.heldOn !== null ? { id: mdt.id, meetingId: mdt.meetingId, heldOn: mdt.heldOn } : null,
    };
  });
}

/**
 * Checks each link names an object of this patient, and that what the patient can read links only to
 * what the patient can see: a patient's note or a shared note never points at a draft, an alert, or an
 * unfinished team meeting.
 */
async function checkLinks(tx: Tx, patientId: string, byPatient: boolean, visibility: Visibility, input: CreateNoteInput) {
  const shared = visibility === 'shared';
  if (input.planId !== undefined && input.planVersion !== undefined) {
    const [version] = await tx
      .select({ status: taperPlanVersions.status })
      .from(taperPlanVersions)
      .where(and(eq(taperPlanVersions.planId, input.planId), eq(taperPlanVersions.version, input.planVersion), eq(taperPlanVersions.patientId, patientId)));
    if (!version || (byPatient && version.status === 'draft')) {
      throw new AppError('NOT_FOUND', 'notes.planVersionNotFound', { planVersion: ['notes.planVersionNotFound'] });
    }
    if (shared && version.status === 'draft') {
      const message = 'notes.sharedDraftLink';
      throw new AppError('BAD_REQUEST', message, { planVersion: [message] });
    }
  }
  if (input.alertId !== undefined) {
    if (byPatient) throw new AppError('FORBIDDEN', 'notes.alertLinkTeamOnly');
    const [alert] = await tx.select({ id: alerts.id }).from(alerts).where(and(eq(alerts.id, input.alertId), eq(alerts.patientId, patientId)));
    if (!alert) throw new AppError('NOT_FOUND', 'notes.alertNotFound', { alertId: ['notes.alertNotFound'] });
    if (shared) {
      const message = 'notes.sharedAlertLink';
      throw new AppError('BAD_REQUEST', message, { alertId: [message] });
    }
  }
  if (input.weeklyReviewId !== undefined) {
    const [review] = await tx.select({ id: weeklyReviews.id }).from(weeklyReviews).where(and(eq(weeklyReviews.id, input.weeklyReviewId), eq(weeklyReviews.patientId, patientId)));
    if (!review) throw new AppError('NOT_FOUND', 'notes.weeklyReviewNotFound', { weeklyReviewId: ['notes.weeklyReviewNotFound'] });
  }
  if (input.mdtItemId !== undefined) {
    const [item] = await tx
      .select({ finalisedAt: mdtMeetings.finalisedAt })
      .from(mdtPatientItems)
      .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtPatientItems.meetingId))
      .where(and(eq(mdtPatientItems.id, input.mdtItemId), eq(mdtPatientItems.patientId, patientId)));
    if (!item || (byPatient && item.finalisedAt === null)) {
      throw new AppError('NOT_FOUND', 'notes.teamReviewNotFound', { mdtItemId: ['notes.teamReviewNotFound'] });
    }
    if (shared && item.finalisedAt === null) {
      const message = 'notes.sharedOpenTeamReview';
      throw new AppError('BAD_REQUEST', message, { mdtItemId: [message] });
    }
  }
}

/** The note being corrected, locked so two corrections of one note cannot both be written. */
async function checkCorrection(tx: Tx, actor: Actor, patientId: string, byPatient: boolean, visibility: Visibility, correctsNoteId: string) {
  const [original] = await tx
    .select({ id: notes.id, authorId: notes.authorId, visibility: notes.visibility })
    .from(notes)
    .where(and(eq(notes.id, correctsNoteId), eq(notes.patientId, patientId)))
    .for('update');
  // A patient cannot tell a team-only note from one that does not exist.
  if (!original || (byPatient && original.visibility !== 'shared')) {
    throw new AppError('NOT_FOUND', 'notes.correctedNotFound', { correctsNoteId: ['notes.correctedNotFound'] });
  }
  if (byPatient && original.authorId !== actor.id) throw new AppError('FORBIDDEN', 'notes.correctOwnOnly');
  if (original.visibility !== visibility) {
    // A correction must reach exactly the readers of what it corrects: no more (a team note made public), no fewer.
    const message = original.visibility === 'shared' ? 'notes.correctionShared' : 'notes.correctionTeamOnly';
    throw new AppError('BAD_REQUEST', message, { visibility: [message] });
  }
  const [already] = await tx.select({ id: notes.id }).from(notes).where(eq(notes.correctsNoteId, correctsNoteId)).limit(1);
  if (already) throw new AppError('CONFLICT', 'notes.alreadyCorrected');
}

/**
 * Writes a note (or a correction) and its audit event in one transaction; a patient's note also makes the
 * conversation unread for the care team and tells each member, in the same transaction.
 */
export async function createNote(db: Db, actor: Actor, access: PatientAccess, input: CreateNoteInput, now = new Date()) {
  const byPatient = access.kind === 'self';
  if (byPatient && input.visibility !== 'shared') {
    throw new AppError('FORBIDDEN', 'notes.patientNotesShared', { visibility: ['notes.patientNotesShared'] });
  }
  return db.transaction(async (tx) => {
    if (input.correctsNoteId) await checkCorrection(tx, actor, input.patientId, byPatient, input.visibility, input.correctsNoteId);
    await checkLinks(tx, input.patientId, byPatient, input.visibility, input);
    const links = {
      correctsNoteId: input.correctsNoteId ?? null,
      planId: input.planId ?? null,
      planVersion: input.planVersion ?? null,
      alertId: input.alertId ?? null,
      weeklyReviewId: input.weeklyReviewId ?? null,
      mdtItemId: input.mdtItemId ?? null,
    };
    const [row] = await tx
      .insert(notes)
      .values({
        patientId: input.patientId,
        authorId: actor.id,
        authorRole: actor.role,
        authorDiscipline: access.kind === 'care-team' ? (access.discipline as (typeof notes.$inferInsert)['authorDiscipline']) : null,
        visibility: input.visibility,
        body: input.body,
        ...links,
      })
      .returning({ id: notes.id, createdAt: notes.createdAt });
    if (!row) throw new AppError('UNAVAILABLE', 'notes.notSaved');
    await writeAudit(tx, actor, {
      action: input.correctsNoteId ? 'note.correct' : 'note.create',
      entityType: 'note',
      entityId: row.id,
      patientId: input.patientId,
      after: { visibility: input.visibility, body: input.body, ...links },
    });
    if (byPatient) await recordPatientMessage(tx, input.patientId, { sourceId: row.id, at: row.createdAt }, now);
    return { noteId: row.id, createdAt: row.createdAt };
  });
}
