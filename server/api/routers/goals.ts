// Goals: the care team sets, revises and closes them; the patient and the team read them and record progress.
import { patientIdInput } from '~/lib/validation';
import { createGoal, listGoals, recordProgress, reviseGoal, setGoalStatus } from '~/server/goals/service';
import { createGoalInput, recordProgressInput, reviseGoalInput, setGoalStatusInput } from '~/lib/goals/inputs';
import { careTeamProcedure, patientOrCareTeamProcedure, router } from '../trpc';

export const goalsRouter = router({
  list: patientOrCareTeamProcedure.input(patientIdInput).query(({ ctx }) => listGoals(ctx.db, ctx.access.patientId)),
  create: careTeamProcedure.input(createGoalInput).mutation(({ ctx, input }) => createGoal(ctx.db, ctx.actor, input)),
  revise: careTeamProcedure.input(reviseGoalInput).mutation(({ ctx, input }) => reviseGoal(ctx.db, ctx.actor, input)),
  setStatus: careTeamProcedure.input(setGoalStatusInput).mutation(({ ctx, input }) => setGoalStatus(ctx.db, ctx.actor, input)),
  recordProgress: patientOrCareTeamProcedure.input(recordProgressInput).mutation(({ ctx, input }) => recordProgress(ctx.db, ctx.actor, input)),
});
