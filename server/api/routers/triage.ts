// The clinician's triage list of their own patients.
import { triageList } from '~/server/triage/service';
import { auditCareTeamReads } from '~/server/audit/reads';
import { alongsideRead, clinicianProcedure, router } from '../trpc';

export const triageRouter = router({
  // A pure read (server/triage/service.ts): the alerts time raises come from the worker's alert sweep.
  // Every patient on the clinician's care teams is shown: each one's read is recorded beside the list's own query.
  list: clinicianProcedure.query(({ ctx }) => alongsideRead(auditCareTeamReads(ctx, ctx.user, 'triage.list'), triageList(ctx.db, ctx.user.id))),
});
