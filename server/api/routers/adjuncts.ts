// Adjunct therapies of a plan: read by the patient and the team, changed by plan editors.
import { addAdjunct, listAdjuncts, stopAdjunct, updateAdjunct } from '~/server/adjuncts/service';
import { addAdjunctInput, listAdjunctsInput, stopAdjunctInput, updateAdjunctInput } from '~/server/adjuncts/validation';
import { patientEditProcedure, patientReadProcedure, router } from '../trpc';

export const adjunctsRouter = router({
  list: patientReadProcedure.input(listAdjunctsInput).query(({ ctx, input }) => listAdjuncts(ctx.db, ctx.access.patientId, input.planId)),
  add: patientEditProcedure.input(addAdjunctInput).mutation(({ ctx, input }) => addAdjunct(ctx.db, ctx.actor, input)),
  update: patientEditProcedure.input(updateAdjunctInput).mutation(({ ctx, input }) => updateAdjunct(ctx.db, ctx.actor, input)),
  stop: patientEditProcedure.input(stopAdjunctInput).mutation(({ ctx, input }) => stopAdjunct(ctx.db, ctx.actor, input)),
});
