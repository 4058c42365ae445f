// Exports of one patient's record: the FHIR R4 Bundle (validated before it is served), the CSV tables and the
// one-page clinical summary. Each is read in one transaction with its audit event; none holds team-only notes.
import 'server-only';
import type { z } from 'zod';
import type { Db } from '~/db';
import { toFhirBundle } from '~/lib/fhir/bundle';
import { checkInsCsv, planStepsCsv } from '~/lib/export/csv';
import type { exportCsvInput, exportFhirInput, exportSummaryInput } from '~/lib/export/inputs';
import { clinicalSummary } from '~/lib/export/summary';
import type { ExportAudience } from '~/lib/export/types';
import { writeAudit, type Actor } from '~/server/audit';
import type { PatientAccess } from '~/server/auth/policy';
import { validateBundleInTurns } from './fhir-validate';
import { loadExportRecord, type ExportRange } from './record';

/** The patient's own copy, or the care team's: decided by the proved access, never by the caller. */
function audienceOf(access: PatientAccess): ExportAudience {
  return access.kind === 'self' ? 'patient' : 'team';
}

async function readForExport(db: Db, actor: Actor, access: PatientAccess, what: Record<string, unknown>, range: ExportRange, now: Date) {
  const audience = audienceOf(access);
  return db.transaction(async (tx) => {
    const record = await loadExportRecord(tx, access.patientId, audience, range, now);
    // What was exported, for whom and over which days: never the data itself.
    await writeAudit(tx, actor, {
      action: 'record.export',
      entityType: 'patient',
      entityId: access.patientId,
      patientId: access.patientId,
      after: { ...what, audience, from: range.from ?? null, to: range.to ?? null },
    });
    return record;
  });
}

/** The record as a FHIR R4 Bundle. A Bundle the validator finds errors in is never served. */
export async function exportFhir(db: Db, actor: Actor, access: PatientAccess, input: z.output<typeof exportFhirInput>, now = new Date()) {
  const record = await readForExport(db, actor, access, { format: 'fhir' }, input, now);
  const bundle = toFhirBundle(record);
  const { errors } = await validateBundleInTurns(bundle);
  if (errors.length) {
    // A fault of the mapping, not of the request: logged by position only (no values), and nothing served.
    throw new Error(`FHIR export failed validation: ${errors.length} error(s) at ${errors.slice(0, 5).map((e) => e.where).join('; ')}`);
  }
  return { bundle, today: record.today };
}

export async function exportCsv(db: Db, actor: Actor, access: PatientAccess, input: z.output<typeof exportCsvInput>, now = new Date()) {
  const record = await readForExport(db, actor, access, { format: 'csv', table: input.table }, input, now);
  return { csv: input.table === 'check-ins' ? checkInsCsv(record) : planStepsCsv(record), today: record.today };
}

export async function exportSummary(db: Db, actor: Actor, access: PatientAccess, input: z.output<typeof exportSummaryInput>, now = new Date()) {
  const record = await readForExport(db, actor, access, { format: `summary-${input.format}` }, {}, now);
  return { summary: clinicalSummary(record), today: record.today };
}
