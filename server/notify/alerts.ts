// Alerts that reach the care team: an urgent alert notifies every member with notifications on, at once
// (the prescribers always), and is escalated — prescribers again and the clinic's on-call contact — every
// window until someone acknowledges it. Other alerts land in the members' in-app list.
import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '~/db';
import { QUEUES, sendJob } from '~/db/jobs';
import { alerts, careTeamMembers, users } from '~/db/schema';
import { writeAudit } from '~/server/audit';
import { getClinicSettings } from '~/server/clinic/service';
import { enqueueNotifications, type NewNotice } from './outbox';
import { deliveryFor, loadRecipients } from './settings';

/** The escalation rule and the on-call contact (the defaults when an administrator never set them). */
export async function escalationRule(db: DbOrTx): Promise<{ minutes: number; onCallEmail: string | null }> {
  const settings = await getClinicSettings(db);
  return { minutes: settings.escalationMinutes, onCallEmail: settings.onCallEmail };
}

/** The patient's care team as notices see it: enabled accounts only, with their right to prescribe. */
async function careTeam(db: DbOrTx, patientId: string) {
  return db
    .select({ id: users.id, mayPrescribe: users.mayPrescribe })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.clinicianId))
    .where(and(eq(careTeamMembers.patientId, patientId), isNull(users.disabledAt)));
}

export function alertLink(patientId: string): string {
  return `/clinician/patients/${patientId}`;
}

/**
 * Called by raiseAlert in the alert's own transaction. Urgent: a notice per member on the channels they
 * chose (prescribers on every channel whatever they chose), and the first escalation one window away.
 * Otherwise: a notice in each member's in-app list only.
 */
export async function notifyAlertRaised(tx: Tx, alert: { id: string; patientId: string; severity: 'urgent' | 'warning' | 'info' }, now = new Date()): Promise<void> {
  const team = await careTeam(tx, alert.patientId);
  if (alert.severity !== 'urgent') {
    await enqueueNotifications(
      tx,
      team.map((member) => ({
        recipient: { userId: member.id }, patientId: alert.patientId, kind: 'alert', alertId: alert.id,
        link: alertLink(alert.patientId), dedupeKey: `alert:${alert.id}:0:${member.id}`, channels: [],
      })),
    );
    return;
  }
  const recipients = await loadRecipients(tx, team.map((m) => m.id));
  const notices: NewNotice[] = [];
  for (const member of team) {
    const recipient = recipients.get(member.id);
    if (!recipient) continue;
    const wanted = member.mayPrescribe || recipient.settings.urgentEnabled;
    const { channels } = deliveryFor(recipient, { urgent: true, forced: member.mayPrescribe }, now);
    notices.push({
      recipient: { userId: member.id }, patientId: alert.patientId, kind: 'urgent-alert', alertId: alert.id,
      link: alertLink(alert.patientId), dedupeKey: `alert:${alert.id}:0:${member.id}`, channels: wanted ? channels : [],
    });
  }
  await enqueueNotifications(tx, notices);
  const rule = await escalationRule(tx);
  await sendJob(tx, QUEUES.escalate.name, { alertId: alert.id, round: 1 }, { startAfter: rule.minutes * 60, singletonKey: `${alert.id}:1` });
}

export type EscalationOutcome = 'escalated' | 'acknowledged' | 'already-done' | 'not-found';

/**
 * An urgent alert's escalation round `round` (the 'escalate' job, one window after the previous notice).
 * Does nothing once the alert is acknowledged. Exactly one run escalates a round, however many workers
 * hold the job: the round counter moves from round-1 to round in one statement.
 */
export async function escalateAlert(db: Db, job: { alertId: string; round: number }, now = new Date()): Promise<EscalationOutcome> {
  return db.transaction(async (tx) => {
    const [alert] = await tx
      .select({ id: alerts.id, patientId: alerts.patientId, severity: alerts.severity, acknowledgedAt: alerts.acknowledgedAt, round: alerts.escalationRound })
      .from(alerts)
      .where(eq(alerts.id, job.alertId));
    if (!alert) return 'not-found';
    if (alert.acknowledgedAt) return 'acknowledged';
    const [moved] = await tx
      .update(alerts)
      .set({ escalationRound: job.round })
      .where(and(eq(alerts.id, job.alertId), eq(alerts.escalationRound, job.round - 1), isNull(alerts.acknowledgedAt)))
      .returning({ id: alerts.id });
    if (!moved) return 'already-done';
    const team = await careTeam(tx, alert.patientId);
    const prescribers = team.filter((m) => m.mayPrescribe);
    const recipients = await loadRecipients(tx, prescribers.map((m) => m.id));
    const rule = await escalationRule(tx);
    const notices: NewNotice[] = [];
    for (const prescriber of prescribers) {
      const recipient = recipients.get(prescriber.id);
      if (!recipient) continue;
      notices.push({
        recipient: { userId: prescriber.id }, patientId: alert.patientId, kind: 'alert-escalation', alertId: alert.id, round: job.round,
        link: alertLink(alert.patientId), dedupeKey: `alert:${alert.id}:${job.round}:${prescriber.id}`,
        channels: deliveryFor(recipient, { urgent: true, forced: true }, now).channels,
      });
    }
    if (rule.onCallEmail) {
      notices.push({
        recipient: { email: rule.onCallEmail }, patientId: alert.patientId, kind: 'alert-escalation', alertId: alert.id, round: job.round,
        link: alertLink(alert.patientId), dedupeKey: `alert:${alert.id}:${job.round}:on-call`, channels: ['email'],
      });
    }
    await enqueueNotifications(tx, notices);
    await writeAudit(tx, null, {
      action: 'alert.escalate', entityType: 'alert', entityId: alert.id, patientId: alert.patientId,
      after: { round: job.round, prescribers: prescribers.length, onCall: Boolean(rule.onCallEmail) },
    });
    await sendJob(tx, QUEUES.escalate.name, { alertId: alert.id, round: job.round + 1 }, { startAfter: rule.minutes * 60, singletonKey: `${alert.id}:${job.round + 1}` });
    return 'escalated';
  });
}
