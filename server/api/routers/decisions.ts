// Step-end recommendations and the clinician's decisions.
import { z } from 'zod';
import { getStepRecommendation, recordDecision, recordDecisionInput } from '~/server/decisions/service';
import { uuidSchema } from '~/server/shared/validation';
import { careTeamReadProcedure, patientEditProcedure, router } from '../trpc';

export const decisionsRouter = router({
  recommendation: careTeamReadProcedure.input(z.strictObject({ patientId: uuidSchema })).query(({ ctx }) => getStepRecommendation(ctx.db, ctx.access.patientId)),
  record: patientEditProcedure
    .input(recordDecisionInput)
    .mutation(({ ctx, input }) => recordDecision(ctx.db, { ...ctx.actor, mayPrescribe: ctx.access.kind === 'care-team' && ctx.access.mayEditPlan }, input)),
});
