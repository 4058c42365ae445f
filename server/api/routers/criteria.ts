// Stop-go criteria of a plan: seen by the care team, changed by plan editors.
import { getCriteria, getCriteriaInput, updateCriteria, updateCriteriaInput } from '~/server/criteria/service';
import { careTeamReadProcedure, patientEditProcedure, router } from '../trpc';

export const criteriaRouter = router({
  get: careTeamReadProcedure.input(getCriteriaInput).query(({ ctx, input }) => getCriteria(ctx.db, ctx.access.patientId, input.planId)),
  update: patientEditProcedure.input(updateCriteriaInput).mutation(({ ctx, input }) => updateCriteria(ctx.db, ctx.actor, input)),
});
