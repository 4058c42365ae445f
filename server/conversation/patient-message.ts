// What happens when a patient writes anything that lands in their conversation (a note, a plan comment, a
// change request): the conversation becomes unread for the care team, and each member is told, in the
// writer's transaction. Imported by the services that write those messages.
import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '~/db';
import { careTeamMembers, patientConversations, users } from '~/db/schema';
import { enqueueNotifications, type NewNotice } from '~/server/notify/outbox';
import { deliveryFor, loadRecipients } from '~/server/notify/settings';

/** The care team's page of the conversation, where a message notice links. */
export function conversationPath(patientId: string): string {
  return `/clinician/patients/${patientId}/notes`;
}

/** The dedupe key of the notice to one member about one message: a retried write tells nobody twice. */
export function messageDedupeKey(sourceId: string, memberId: string): string {
  return `message:${sourceId}:${memberId}`;
}

/**
 * Records that the patient wrote the message `sourceId` at `at`, in the caller's transaction: the
 * conversation's last patient message moves on (never back), and every care-team member with a live
 * account gets a 'message' notice: in the app, and by email or push as their settings say. A member who
 * turned message notices off gets none (the triage list still shows the conversation unread).
 * Notices say only that there is a message: the link and the kind, never its text.
 */
export async function recordPatientMessage(tx: Tx, patientId: string, message: { sourceId: string; at: Date }, now = new Date()): Promise<string[]> {
  await tx
    .insert(patientConversations)
    .values({ patientId, lastPatientMessageAt: message.at })
    .onConflictDoUpdate({
      target: patientConversations.patientId,
      set: { lastPatientMessageAt: sql`greatest(${patientConversations.lastPatientMessageAt}, excluded.last_patient_message_at)` },
    });
  const members = await tx
    .select({ id: careTeamMembers.clinicianId })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.clinicianId))
    .where(and(eq(careTeamMembers.patientId, patientId), isNull(users.disabledAt)));
  const recipients = await loadRecipients(tx, members.map((m) => m.id));
  const notices: NewNotice[] = [];
  for (const member of members) {
    const recipient = recipients.get(member.id);
    if (!recipient) continue;
    // Every member sees it in their in-app list; email and push only for those who want messages sent.
    const { channels, notBefore } = recipient.settings.messagesEnabled ? deliveryFor(recipient, { urgent: false }, now) : { channels: [], notBefore: null };
    notices.push({
      recipient: { userId: member.id },
      patientId,
      kind: 'message',
      link: conversationPath(patientId),
      dedupeKey: messageDedupeKey(message.sourceId, member.id),
      channels,
      notBefore,
    });
  }
  return enqueueNotifications(tx, notices);
}
