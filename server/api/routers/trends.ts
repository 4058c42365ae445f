// Trends: the patient's own chart of dose, scores and events, read by the patient and their care team.
import { getTrends } from '~/server/trends/service';
import { getTrendsInput } from '~/lib/trends/inputs';
import { patientOrCareTeamProcedure, router } from '../trpc';

export const trendsRouter = router({
  get: patientOrCareTeamProcedure
    .input(getTrendsInput)
    .query(({ ctx, input }) => getTrends(ctx.db, ctx.access.patientId, ctx.access.kind === 'self' ? 'patient' : 'team', input)),
});
