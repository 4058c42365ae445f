// Writes audit events. Call it with the transaction of the change it records, never on its own.
import 'server-only';
import type { DbOrTx } from '~/db';
import { auditEvents } from '~/db/schema';

export interface Actor {
  id: string;
  role: 'patient' | 'clinician' | 'admin';
  requestId?: string;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(tx: DbOrTx, actor: Pick<Actor, 'id' | 'requestId'> | null, input: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: actor?.id ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    patientId: input.patientId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    requestId: actor?.requestId ?? null,
  });
}
