// Taper plans: read by the patient and their care team, changed by plan editors, agreed by the patient.
import {
  activatePlan, addComment, agreePlan, completePlan, createPlan, diffPlanVersions, editPlanStep, extendPlan, getPlanVersion, getPlanView,
  pausePlan, proposePlan, resumePlan, slowPlan, stepBackPlan, stopPlan, updatePlan, type PlanActor,
} from '~/server/plans/service';
import {
  commentInput, createPlanInput, diffInput, editStepInput, extendInput, planRefInput, requiredReasonTransitionInput, slowInput, stepBackInput,
  transitionInput, updatePlanInput, versionInput,
} from '~/server/plans/validation';
import type { Actor } from '~/server/audit';
import type { PatientAccess } from '~/server/auth/policy';
import { patientEditProcedure, patientReadProcedure, patientSelfProcedure, router } from '../trpc';

const viewerOf = (access: PatientAccess) => (access.kind === 'self' ? 'patient' : 'team') as 'patient' | 'team';
/** The actor as the plan service needs it: whether they may prescribe decides who can accept a cut above the cap. */
const planActor = (ctx: { actor: Actor; access: PatientAccess }): PlanActor => ({ ...ctx.actor, mayPrescribe: ctx.access.kind === 'care-team' && ctx.access.mayEditPlan });

export const plansRouter = router({
  get: patientReadProcedure.input(planRefInput).query(({ ctx }) => getPlanView(ctx.db, ctx.access.patientId, viewerOf(ctx.access))),
  version: patientReadProcedure.input(versionInput).query(({ ctx, input }) => getPlanVersion(ctx.db, input, viewerOf(ctx.access))),
  diff: patientReadProcedure.input(diffInput).query(({ ctx, input }) => diffPlanVersions(ctx.db, input, viewerOf(ctx.access))),
  create: patientEditProcedure.input(createPlanInput).mutation(({ ctx, input }) => createPlan(ctx.db, planActor(ctx), input)),
  update: patientEditProcedure.input(updatePlanInput).mutation(({ ctx, input }) => updatePlan(ctx.db, planActor(ctx), input)),
  propose: patientEditProcedure.input(transitionInput).mutation(({ ctx, input }) => proposePlan(ctx.db, planActor(ctx), input)),
  activate: patientEditProcedure.input(transitionInput).mutation(({ ctx, input }) => activatePlan(ctx.db, planActor(ctx), input)),
  pause: patientEditProcedure.input(requiredReasonTransitionInput).mutation(({ ctx, input }) => pausePlan(ctx.db, planActor(ctx), input)),
  resume: patientEditProcedure.input(requiredReasonTransitionInput).mutation(({ ctx, input }) => resumePlan(ctx.db, planActor(ctx), input)),
  extend: patientEditProcedure.input(extendInput).mutation(({ ctx, input }) => extendPlan(ctx.db, planActor(ctx), input)),
  slow: patientEditProcedure.input(slowInput).mutation(({ ctx, input }) => slowPlan(ctx.db, planActor(ctx), input)),
  stepBack: patientEditProcedure.input(stepBackInput).mutation(({ ctx, input }) => stepBackPlan(ctx.db, planActor(ctx), input)),
  editStep: patientEditProcedure.input(editStepInput).mutation(({ ctx, input }) => editPlanStep(ctx.db, planActor(ctx), input)),
  complete: patientEditProcedure.input(requiredReasonTransitionInput).mutation(({ ctx, input }) => completePlan(ctx.db, planActor(ctx), input)),
  stop: patientEditProcedure.input(requiredReasonTransitionInput).mutation(({ ctx, input }) => stopPlan(ctx.db, planActor(ctx), input)),
  agree: patientSelfProcedure.input(transitionInput).mutation(({ ctx, input }) => agreePlan(ctx.db, ctx.actor, input)),
  requestChange: patientSelfProcedure.input(commentInput).mutation(({ ctx, input }) => addComment(ctx.db, ctx.actor, input, 'change-request')),
  comment: patientReadProcedure.input(commentInput).mutation(({ ctx, input }) => addComment(ctx.db, ctx.actor, input, 'comment')),
});
