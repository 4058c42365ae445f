// One conversation per patient: their notes and the comments on their plans in one thread, in time order,
// with whether the care team has read what the patient last wrote. The patient never gets a team-only message.
import 'server-only';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '~/db';
import { careTeamMembers, notifications, patientConversations, taperPlanComments, taperPlans, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { listNotesAs, type NoteView } from '~/server/notes/service';

export type ConversationViewer = 'patient' | 'team';

/**
 * One message: a note (with its corrections and links, as the notes thread shows them) or a comment on a
 * plan version. Every field of a note is here; a plan comment has no corrections and no other links.
 */
export interface ConversationMessage extends NoteView {
  source: 'note' | 'plan-comment';
  /** A plan comment's kind: a comment, or the patient asking for a change to a proposed plan. */
  commentKind: 'comment' | 'change-request' | null;
  /** The viewer's page of the plan version the message is about, when it is about one. */
  link: string | null;
}

export interface ConversationStatus {
  /** The patient wrote after the care team last opened the conversation. */
  unread: boolean;
  lastPatientMessageAt: Date | null;
  /** When, and by whom, the team last read a message of the patient's. */
  teamReadAt: Date | null;
  teamReadBy: { id: string; name: string } | null;
}

function planPath(patientId: string, viewer: ConversationViewer): string {
  return viewer === 'patient' ? '/patient/plan' : `/clinician/patients/${patientId}/plan`;
}

/**
 * Comments on any of the patient's plans. The patient gets shared ones on plans they can see (none on a
 * plan that is a draft now, as their plan page shows nothing of it), filtered in the query.
 */
async function planComments(db: DbOrTx, patientId: string, viewer: ConversationViewer): Promise<ConversationMessage[]> {
  const rows = await db
    .select({
      id: taperPlanComments.id,
      planId: taperPlanComments.planId,
      version: taperPlanComments.version,
      kind: taperPlanComments.kind,
      body: taperPlanComments.body,
      visibility: taperPlanComments.visibility,
      createdAt: taperPlanComments.createdAt,
      authorId: taperPlanComments.authorId,
      authorName: users.name,
      authorRole: users.role,
      discipline: careTeamMembers.discipline,
    })
    .from(taperPlanComments)
    .innerJoin(taperPlans, eq(taperPlans.id, taperPlanComments.planId))
    .innerJoin(users, eq(users.id, taperPlanComments.authorId))
    // Comments carry no discipline of their own: the author's on the team now, if they are still on it.
    .leftJoin(careTeamMembers, and(eq(careTeamMembers.patientId, taperPlanComments.patientId), eq(careTeamMembers.clinicianId, taperPlanComments.authorId)))
    .where(
      and(
        eq(taperPlanComments.patientId, patientId),
        viewer === 'patient' ? and(eq(taperPlanComments.visibility, 'shared'), ne(taperPlans.status, 'draft')) : undefined,
      ),
    )
    .orderBy(asc(taperPlanComments.createdAt), asc(taperPlanComments.id))
    .limit(2000);
  return rows.map((c) => ({
    id: c.id,
    source: 'plan-comment',
    commentKind: c.kind,
    body: c.body,
    visibility: c.visibility,
    authorId: c.authorId,
    authorName: c.authorName,
    authorRole: c.authorRole,
    authorDiscipline: c.authorRole === 'patient' ? null : c.discipline,
    createdAt: c.createdAt,
    corrects: null,
    correctedBy: null,
    plan: { planId: c.planId, version: c.version },
    alert: null,
    weeklyReview: null,
    mdtItem: null,
    link: planPath(patientId, viewer),
  }));
}

/**
 * The patient's conversation, oldest first: notes and plan comments merged by time. The caller has proved
 * the viewer may read it (the patient themself, or a member of their care team); the patient's view holds
 * only shared messages, filtered in each query so team-only text never leaves the database for them.
 */
export async function listConversation(db: DbOrTx, patientId: string, viewer: ConversationViewer): Promise<ConversationMessage[]> {
  const [noteRows, comments] = await Promise.all([listNotesAs(db, patientId, viewer), planComments(db, patientId, viewer)]);
  const fromNotes: ConversationMessage[] = noteRows.map((n) => ({
    ...n,
    source: 'note',
    commentKind: null,
    link: n.plan ? planPath(patientId, viewer) : null,
  }));
  return [...fromNotes, ...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Unread for the team: the patient wrote after the team last read (or the team never read). */
const unreadCondition = sql`${patientConversations.lastPatientMessageAt} > coalesce(${patientConversations.teamReadAt}, '-infinity'::timestamptz)`;

/**
 * Whether the patient's conversation is unread for the team, as one SQL boolean: for a list that reads
 * many patients in one statement (the triage list), given the column that holds each row's patient id.
 */
export function unreadConversationSql(patientIdColumn: AnyPgColumn) {
  // A scalar subquery on the primary key: one probe per patient. As EXISTS, PostgreSQL may instead hash every
  // unread conversation in the clinic once per statement, a scan that grows with the clinic, not the list.
  return sql<boolean>`coalesce((select pc.last_patient_message_at > coalesce(pc.team_read_at, '-infinity'::timestamptz)
    from ${patientConversations} pc where pc.patient_id = ${patientIdColumn}), false)`;
}

/** Of these patients, those whose conversation is unread for their care team. */
export async function unreadForTeam(db: DbOrTx, patientIds: readonly string[]): Promise<Set<string>> {
  if (patientIds.length === 0) return new Set();
  const rows = await db
    .select({ patientId: patientConversations.patientId })
    .from(patientConversations)
    .where(and(inArray(patientConversations.patientId, [...new Set(patientIds)]), unreadCondition));
  return new Set(rows.map((r) => r.patientId));
}

/** The conversation's read state for the care team. */
export async function conversationStatus(db: DbOrTx, patientId: string): Promise<ConversationStatus> {
  const [row] = await db
    .select({
      lastPatientMessageAt: patientConversations.lastPatientMessageAt,
      teamReadAt: patientConversations.teamReadAt,
      readerId: patientConversations.teamReadBy,
      readerName: users.name,
      unread: sql<boolean>`coalesce(${unreadCondition}, false)`,
    })
    .from(patientConversations)
    .leftJoin(users, eq(users.id, patientConversations.teamReadBy))
    .where(eq(patientConversations.patientId, patientId));
  if (!row) return { unread: false, lastPatientMessageAt: null, teamReadAt: null, teamReadBy: null };
  return {
    unread: Boolean(row.unread),
    lastPatientMessageAt: row.lastPatientMessageAt,
    teamReadAt: row.teamReadAt,
    teamReadBy: row.readerId && row.readerName !== null ? { id: row.readerId, name: row.readerName } : null,
  };
}

/**
 * A care-team member opened the conversation: what the patient wrote is read for the whole team (who and
 * when is kept, and audited), and the reader's own message notices about this patient are read. Opening a
 * conversation with nothing unread changes only the reader's notices. The caller has proved `actor` is on
 * the patient's care team.
 */
export async function markConversationRead(db: Db, actor: Actor, patientId: string, now = new Date()): Promise<{ wasUnread: boolean; noticesRead: number }> {
  return db.transaction(async (tx) => {
    // The read time never falls before the message it reads (a clock a little behind the database's).
    const [read] = await tx
      .update(patientConversations)
      .set({ teamReadAt: sql`greatest(${now.toISOString()}::timestamptz, ${patientConversations.lastPatientMessageAt})`, teamReadBy: actor.id })
      .where(and(eq(patientConversations.patientId, patientId), unreadCondition))
      .returning({ teamReadAt: patientConversations.teamReadAt, lastPatientMessageAt: patientConversations.lastPatientMessageAt });
    const notices = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.recipientId, actor.id), eq(notifications.patientId, patientId), eq(notifications.kind, 'message'), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (read) {
      await writeAudit(tx, actor, {
        action: 'conversation.read',
        entityType: 'patient_conversation',
        entityId: patientId,
        patientId,
        after: { teamReadAt: read.teamReadAt, lastPatientMessageAt: read.lastPatientMessageAt },
      });
    }
    return { wasUnread: Boolean(read), noticesRead: notices.length };
  });
}
