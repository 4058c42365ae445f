// Taper plans: read by the patient and their care team, drafted and held by plan editors, started and
// changed by the team's prescriber, agreed by the patient.
import { patientIdInput } from '~/lib/validation';
import {
  activatePlan, addComment, agreePlan, completePlan, createPlan, diffPlanVersions, editPlanStep, extendPlan, getPlanVersion, getPlanView,
  pausePlan, proposePlan, resumePlan, slowPlan, stepBackPlan, stopPlan, updatePlan, planActorOf,
} from '~/server/plans/service';
import { commentInput, createPlanInput, diffInput, editStepInput, extendInput, requiredReasonTransitionInput, slowInput, stepBackInput, transitionInput, updatePlanInput, versionInput } from '~/lib/plans/inputs';
import type { PatientAccess } from '~/server/auth/policy';
import { doseChangeTomorrow } from '~/server/notify/reminders';
import { planEditorProcedure, patientOrCareTeamProcedure, patientSelfProcedure, prescriberProcedure, router } from '../trpc';

const viewerOf = (access: PatientAccess) => (access.kind === 'self' ? 'patient' : 'team') as 'patient' | 'team';

// Drafting (create, update) and holding the dose (pause, extend a step: protective, the doses stay) are any
// plan editor's; starting a plan and setting or changing its doses (propose, activate, resume, slow, stepBack,
// editStep, complete, stop) are a prescriber's on the team; agreeing and asking for a change are the patient's.
export const plansRouter = router({
  get: patientOrCareTeamProcedure.input(patientIdInput).query(({ ctx }) => getPlanView(ctx.db, ctx.access.patientId, viewerOf(ctx.access))),
  version: patientOrCareTeamProcedure.input(versionInput).query(({ ctx, input }) => getPlanVersion(ctx.db, input, viewerOf(ctx.access))),
  // The step starting tomorrow when it changes the doses: the patient's home page card (in the app only).
  doseChangeTomorrow: patientOrCareTeamProcedure.input(patientIdInput).query(({ ctx }) => doseChangeTomorrow(ctx.db, ctx.access.patientId)),
  diff: patientOrCareTeamProcedure.input(diffInput).query(({ ctx, input }) => diffPlanVersions(ctx.db, input, viewerOf(ctx.access))),
  create: planEditorProcedure.input(createPlanInput).mutation(({ ctx, input }) => createPlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  update: planEditorProcedure.input(updatePlanInput).mutation(({ ctx, input }) => updatePlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  propose: prescriberProcedure.input(transitionInput).mutation(({ ctx, input }) => proposePlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  activate: prescriberProcedure.input(transitionInput).mutation(({ ctx, input }) => activatePlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  pause: planEditorProcedure.input(requiredReasonTransitionInput).mutation(({ ctx, input }) => pausePlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  resume: prescriberProcedure.input(requiredReasonTransitionInput).mutation(({ ctx, input }) => resumePlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  extend: planEditorProcedure.input(extendInput).mutation(({ ctx, input }) => extendPlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  slow: prescriberProcedure.input(slowInput).mutation(({ ctx, input }) => slowPlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  stepBack: prescriberProcedure.input(stepBackInput).mutation(({ ctx, input }) => stepBackPlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  editStep: prescriberProcedure.input(editStepInput).mutation(({ ctx, input }) => editPlanStep(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  complete: prescriberProcedure.input(requiredReasonTransitionInput).mutation(({ ctx, input }) => completePlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  stop: prescriberProcedure.input(requiredReasonTransitionInput).mutation(({ ctx, input }) => stopPlan(ctx.db, planActorOf(ctx.actor, ctx.access), input)),
  agree: patientSelfProcedure.input(transitionInput).mutation(({ ctx, input }) => agreePlan(ctx.db, ctx.actor, input)),
  requestChange: patientSelfProcedure.input(commentInput).mutation(({ ctx, input }) => addComment(ctx.db, ctx.actor, input, 'change-request')),
  comment: patientOrCareTeamProcedure.input(commentInput).mutation(({ ctx, input }) => addComment(ctx.db, ctx.actor, input, 'comment')),
});
