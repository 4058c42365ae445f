// Stop-go criteria of a plan: seen by the care team, changed by plan editors.
import { getCriteria, updateCriteria } from '~/server/criteria/service';
import { getCriteriaInput, updateCriteriaInput } from '~/lib/criteria/inputs';
import { careTeamProcedure, planEditorProcedure, router } from '../trpc';

export const criteriaRouter = router({
  get: careTeamProcedure.input(getCriteriaInput).query(({ ctx, input }) => getCriteria(ctx.db, ctx.access.patientId, input.planId)),
  update: planEditorProcedure.input(updateCriteriaInput).mutation(({ ctx, input }) => updateCriteria(ctx.db, ctx.actor, input)),
});
