// The clinic's contacts and urgent-alert escalation window: one settings row (id 1), defaults while there is none.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { clinicSettings } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { requireRow } from '~/server/errors';
import type { updateClinicSettingsInput } from '~/lib/contacts/inputs';
import { normalizePhone, phoneCountry, type CountryCode } from '~/lib/contacts/phone';

export const DEFAULT_ESCALATION_MINUTES = 30;

/** The clinic's settings as every reader sees them: null where nothing is set. Phones are stored numbers (E.164 or as typed). */
export interface ClinicSettings {
  /** The number patients call for their care team when the patient's record has no care-team number of its own. */
  clinicPhone: string | null;
  onCallName: string | null;
  /** Escalated urgent alerts go here (and to the patient's prescribers). */
  onCallEmail: string | null;
  onCallPhone: string | null;
  crisisLineName: string | null;
  crisisLinePhone: string | null;
  /** Minutes an urgent alert may stay unacknowledged before it is escalated, and again every as many minutes. 1–720. */
  escalationMinutes: number;
  /** When an administrator last saved them; null while the defaults stand. */
  updatedAt: Date | null;
}

/** What a patient's screens need, and nothing about on-call. */
export interface ClinicContacts {
  clinicPhone: string | null;
  crisisLineName: string | null;
  crisisLinePhone: string | null;
}

const DEFAULTS: ClinicSettings = {
  clinicPhone: null, onCallName: null, onCallEmail: null, onCallPhone: null, crisisLineName: null, crisisLinePhone: null,
  escalationMinutes: DEFAULT_ESCALATION_MINUTES, updatedAt: null,
};

const columns = {
  clinicPhone: clinicSettings.clinicPhone,
  onCallName: clinicSettings.onCallName,
  onCallEmail: clinicSettings.onCallEmail,
  onCallPhone: clinicSettings.onCallPhone,
  crisisLineName: clinicSettings.crisisLineName,
  crisisLinePhone: clinicSettings.crisisLinePhone,
  escalationMinutes: clinicSettings.escalationMinutes,
  updatedAt: clinicSettings.updatedAt,
};

export async function getClinicSettings(db: DbOrTx): Promise<ClinicSettings> {
  const [row] = await db.select(columns).from(clinicSettings).where(eq(clinicSettings.id, 1));
  return row ?? { ...DEFAULTS };
}

export async function getClinicContacts(db: DbOrTx): Promise<ClinicContacts> {
  const { clinicPhone, crisisLineName, crisisLinePhone } = await getClinicSettings(db);
  return { clinicPhone, crisisLineName, crisisLinePhone };
}

/**
 * The country numbers typed without a country code are read in: the clinic phone's, when it was saved
 * with its country code. Undefined otherwise (such numbers are then kept as typed).
 */
export async function clinicCountry(db: DbOrTx): Promise<CountryCode | undefined> {
  return phoneCountry((await getClinicSettings(db)).clinicPhone);
}

/** A number the input schema already accepted, in E.164 where `country` makes it a real number there. */
export function withCountry(stored: string | null, country: CountryCode | undefined): string | null {
  if (stored === null || !country) return stored;
  const checked = normalizePhone(stored, country);
  return checked.ok ? checked.value : stored;
}

export type UpdateClinicSettingsInput = z.output<typeof updateClinicSettingsInput>;

/** Saves the clinic's settings (all of them: the form sends every field), with an audit event in the same transaction. */
export async function updateClinicSettings(db: Db, actor: Actor, input: UpdateClinicSettingsInput): Promise<ClinicSettings> {
  return db.transaction(async (tx) => {
    // The row exists before it is locked, so two first saves at once queue on it like any later ones.
    await tx.insert(clinicSettings).values({ id: 1 }).onConflictDoNothing();
    const [before] = await tx.select(columns).from(clinicSettings).where(eq(clinicSettings.id, 1)).for('update');
    const country = phoneCountry(input.clinicPhone);
    const after = {
      clinicPhone: input.clinicPhone,
      onCallName: input.onCallName,
      onCallEmail: input.onCallEmail,
      onCallPhone: withCountry(input.onCallPhone, country),
      crisisLineName: input.crisisLineName,
      crisisLinePhone: withCountry(input.crisisLinePhone, country),
      escalationMinutes: input.escalationMinutes,
    };
    const [saved] = await tx
      .update(clinicSettings)
      .set({ ...after, updatedBy: actor.id, updatedAt: new Date() })
      .where(eq(clinicSettings.id, 1))
      .returning(columns);
    const { updatedAt: _at, ...beforeValues } = requireRow(before, 'accounts.clinicSettingsNotFound');
    await writeAudit(tx, actor, { action: 'clinic.update_settings', entityType: 'clinic_settings', entityId: null, before: beforeValues, after });
    return requireRow(saved, 'accounts.clinicSettingsNotFound');
  });
}
