// A patient's account as their care team manages it: a prescriber on the team disables or re-enables it
// (administrators manage staff only). Audited with the reason, and the patient's sessions end either way.
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '~/db';
import { users } from '~/db/schema';
import { applyAccountDisabled } from '~/server/accounts/service';
import { writeAudit, type Actor } from '~/server/audit';
import { AppError } from '~/server/errors';
import type { setPatientAccountDisabledInput } from '~/lib/patients/inputs';

/** The prescriber's tier has proved the caller prescribes on this patient's care team. */
export async function setPatientAccountDisabled(db: Db, actor: Actor, input: z.output<typeof setPatientAccountDisabledInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ disabledAt: users.disabledAt, role: users.role }).from(users).where(eq(users.id, input.patientId)).for('update');
    if (!before || before.role !== 'patient') throw new AppError('NOT_FOUND', 'accounts.patientNotFound');
    // Saying it twice (two colleagues at once, a resent click) changes nothing and is not recorded twice.
    if ((before.disabledAt !== null) === input.disabled) {
      throw new AppError('CONFLICT', input.disabled ? 'accounts.patientAlreadyDisabled' : 'accounts.patientAlreadyActive');
    }
    await applyAccountDisabled(tx, input.patientId, input.disabled, now);
    await writeAudit(tx, actor, {
      action: input.disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: input.patientId,
      patientId: input.patientId,
      before: { disabledAt: before.disabledAt?.toISOString() ?? null },
      after: { disabledAt: input.disabled ? now.toISOString() : null, reason: input.reason },
    });
    return { disabledAt: input.disabled ? now : null };
  });
}
