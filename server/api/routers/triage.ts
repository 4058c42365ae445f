// The clinician's triage list of their own patients.
import { triageList } from '~/server/triage/service';
import { clinicianProcedure, router } from '../trpc';

export const triageRouter = router({
  list: clinicianProcedure.query(({ ctx }) => triageList(ctx.db, ctx.user.id)),
});
