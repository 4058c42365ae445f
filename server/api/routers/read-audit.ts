// The read audit, read back: the administrator's viewer and CSV download, and the patient's "who looked at my record".
import { exportRecordReads, listRecordReads, othersReadsOf, readAuditFilterOptions } from '~/server/audit/read-log';
import { groupReadsByDay } from '~/lib/read-audit/group';
import { exportRecordReadsInput, listRecordReadsInput, myRecordReadsInput } from '~/lib/read-audit/what';
import { adminProcedure, patientSelfProcedure, router } from '../trpc';

export const readAuditRouter = router({
  list: adminProcedure.input(listRecordReadsInput).query(({ ctx, input }) => listRecordReads(ctx.db, ctx.user.timeZone, input)),
  filters: adminProcedure.query(({ ctx }) => readAuditFilterOptions(ctx.db)),
  // A mutation: downloading the audit is itself audited.
  exportCsv: adminProcedure.input(exportRecordReadsInput).mutation(({ ctx, input }) => exportRecordReads(ctx.db, ctx.actor, ctx.user.timeZone, input)),
  // The patient's own list (their own reads are not in it). Reading it is a read of their record, recorded like any.
  mine: patientSelfProcedure.input(myRecordReadsInput).query(async ({ ctx, input }) =>
    groupReadsByDay(await othersReadsOf(ctx.db, ctx.access.patientId, input.days), ctx.user.timeZone),
  ),
});
