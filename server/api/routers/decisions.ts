// Step-end recommendations and the clinician's decisions.
import { getStepRecommendation, recordDecision } from '~/server/decisions/service';
import { recordDecisionInput } from '~/lib/decisions/inputs';
import { planActorOf } from '~/server/plans/service';
import { patientIdInput } from '~/lib/validation';
import { decisionNeedsPrescriber } from '~/server/auth/policy';
import { careTeamProcedure, planEditorProcedure, PRESCRIBER_ONLY_DECISION, requirePrescriber, router } from '../trpc';

export const decisionsRouter = router({
  recommendation: careTeamProcedure.input(patientIdInput).query(({ ctx }) => getStepRecommendation(ctx.db, ctx.access.patientId)),
  // Any plan editor may hold the dose (hold, pause); a decision that changes doses needs a prescriber.
  record: planEditorProcedure
    .input(recordDecisionInput)
    .use(({ ctx, input, next }) => {
      if (decisionNeedsPrescriber(input.decision)) requirePrescriber(ctx.access, PRESCRIBER_ONLY_DECISION);
      return next();
    })
    .mutation(({ ctx, input }) => recordDecision(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
});
