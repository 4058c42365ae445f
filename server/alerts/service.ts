// Alerts for the care team: raised once per dedupe key with their audit event, listed per patient, acknowledged one at a time with a note.
import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '~/db';
import { alerts, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { em } from '~/i18n/errors';
import { AppError } from '~/server/errors';
import { notifyAlertRaised } from '~/server/notify/alerts';
import type { acknowledgeAlertInput } from '~/lib/alerts/inputs';

type AlertRow = typeof alerts.$inferInsert;

/** A new alert: its dedupe key makes raising it twice (a resend, a second sweep) a no-op. */
export interface NewAlert {
  kind: AlertRow['kind'];
  severity: AlertRow['severity'];
  code: string;
  evidence: unknown;
  dedupeKey: string;
  checkInId?: string | null;
}

/**
 * Raises an alert unless one with the same dedupe key exists, and audits it in the caller's transaction.
 * `actor` is null when the system raises it (a check-in's rules, a sweep). Returns the new alert's id, or
 * null when it was raised before.
 */
export async function raiseAlert(tx: Tx, actor: Actor | null, patientId: string, alert: NewAlert): Promise<string | null> {
  const [row] = await tx.insert(alerts).values({ patientId, ...alert }).onConflictDoNothing().returning({ id: alerts.id });
  if (!row) return null;
  await writeAudit(tx, actor, { action: 'alert.raise', entityType: 'alert', entityId: row.id, patientId, after: { kind: alert.kind, severity: alert.severity, code: alert.code } });
  // In the same transaction: the alert and its notices commit together, or neither does.
  await notifyAlertRaised(tx, { id: row.id, patientId, severity: alert.severity });
  return row.id;
}

export async function listAlerts(db: DbOrTx, patientId: string, openOnly: boolean) {
  return db
    .select({
      id: alerts.id,
      kind: alerts.kind,
      severity: alerts.severity,
      code: alerts.code,
      evidence: alerts.evidence,
      createdAt: alerts.createdAt,
      acknowledgedAt: alerts.acknowledgedAt,
      acknowledgedByName: users.name,
      acknowledgeNote: alerts.acknowledgeNote,
    })
    .from(alerts)
    .leftJoin(users, eq(users.id, alerts.acknowledgedBy))
    .where(and(eq(alerts.patientId, patientId), openOnly ? isNull(alerts.acknowledgedAt) : undefined))
    .orderBy(sql`${alerts.acknowledgedAt} is not null`, sql`case ${alerts.severity} when 'urgent' then 0 when 'warning' then 1 else 2 end`, desc(alerts.createdAt))
    .limit(200);
}

/** Acknowledges exactly one alert; acknowledging it twice is refused and says who did it first. */
export async function acknowledgeAlert(db: Db, actor: Actor, input: z.output<typeof acknowledgeAlertInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(alerts)
      .set({ acknowledgedAt: now, acknowledgedBy: actor.id, acknowledgeNote: input.note })
      .where(and(eq(alerts.id, input.alertId), eq(alerts.patientId, input.patientId), isNull(alerts.acknowledgedAt)))
      .returning({ id: alerts.id, severity: alerts.severity, code: alerts.code });
    if (!updated) {
      const [existing] = await tx
        .select({ by: users.name, at: alerts.acknowledgedAt })
        .from(alerts)
        .leftJoin(users, eq(users.id, alerts.acknowledgedBy))
        .where(and(eq(alerts.id, input.alertId), eq(alerts.patientId, input.patientId)));
      if (!existing) throw new AppError('NOT_FOUND', 'alerts.notFound');
      throw new AppError('CONFLICT', existing.by ? em('alerts.alreadyAcknowledgedBy', { name: existing.by }) : 'alerts.alreadyAcknowledged');
    }
    await writeAudit(tx, actor, { action: 'alert.acknowledge', entityType: 'alert', entityId: updated.id, patientId: input.patientId, after: { note: input.note } });
    return { ok: true as const };
  });
}
