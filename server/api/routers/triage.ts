// The clinician's triage list of their own patients.
import { openTriageList } from '~/server/triage/service';
import { auditCareTeamReads } from '~/server/audit/reads';
import { alongsideRead, clinicianProcedure, router } from '../trpc';

export const triageRouter = router({
  // Raises the missed check-in and rescue medication alerts that are due, then lists (server/triage/service.ts).
  // Every patient on the clinician's care teams is shown: each one's read is recorded beside the list's own query.
  list: clinicianProcedure.query(({ ctx }) => alongsideRead(auditCareTeamReads(ctx, ctx.user, 'triage.list'), openTriageList(ctx.db, ctx.user.id))),
});
