// Adjunct therapies of a plan: read by the patient and the team, changed by plan editors.
import { addAdjunct, listAdjuncts, stopAdjunct, updateAdjunct } from '~/server/adjuncts/service';
import { addAdjunctInput, listAdjunctsInput, stopAdjunctInput, updateAdjunctInput } from '~/lib/adjuncts/inputs';
import { planEditorProcedure, patientOrCareTeamProcedure, router } from '../trpc';

export const adjunctsRouter = router({
  list: patientOrCareTeamProcedure.input(listAdjunctsInput).query(({ ctx, input }) => listAdjuncts(ctx.db, ctx.access.patientId, input.planId)),
  add: planEditorProcedure.input(addAdjunctInput).mutation(({ ctx, input }) => addAdjunct(ctx.db, ctx.actor, input)),
  update: planEditorProcedure.input(updateAdjunctInput).mutation(({ ctx, input }) => updateAdjunct(ctx.db, ctx.actor, input)),
  stop: planEditorProcedure.input(stopAdjunctInput).mutation(({ ctx, input }) => stopAdjunct(ctx.db, ctx.actor, input)),
});
