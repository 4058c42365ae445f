// The clinician's triage list of their own patients.
import { openTriageList } from '~/server/triage/service';
import { clinicianProcedure, router } from '../trpc';

export const triageRouter = router({
  // Raises the missed check-in and rescue medication alerts that are due, then lists (server/triage/service.ts).
  list: clinicianProcedure.query(({ ctx }) => openTriageList(ctx.db, ctx.user.id)),
});
