// Exports of a patient's record (FHIR, CSV, the clinical summary): served as files by app/api/export, with
// the access proved by the same tiers as every procedure. Mutations: each one writes its audit event, and
// (returnsRecord) a row of the read audit, as every read of the record does.
import { exportCsvInput, exportFhirInput, exportSummaryInput } from '~/lib/export/inputs';
import { exportCsv, exportFhir, exportSummary } from '~/server/export/service';
import { careTeamProcedure, patientOrCareTeamProcedure, router } from '../trpc';

export const exportsRouter = router({
  /** The patient's own copy, or the care team's. */
  fhir: patientOrCareTeamProcedure.meta({ returnsRecord: true }).input(exportFhirInput).mutation(({ ctx, input }) => exportFhir(ctx.db, ctx.actor, ctx.access, input)),
  csv: patientOrCareTeamProcedure.meta({ returnsRecord: true }).input(exportCsvInput).mutation(({ ctx, input }) => exportCsv(ctx.db, ctx.actor, ctx.access, input)),
  /** For the GP or the MDT: the team's one-page summary. */
  summary: careTeamProcedure.meta({ returnsRecord: true }).input(exportSummaryInput).mutation(({ ctx, input }) => exportSummary(ctx.db, ctx.actor, ctx.access, input)),
});
