// Goals: the care team sets, revises and closes them; the patient and the team read them and record progress.
import {
  createGoal, createGoalInput, listGoals, listGoalsInput, recordProgress, recordProgressInput, reviseGoal, reviseGoalInput, setGoalStatus, setGoalStatusInput,
} from '~/server/goals/service';
import { careTeamReadProcedure, patientReadProcedure, router } from '../trpc';

export const goalsRouter = router({
  list: patientReadProcedure.input(listGoalsInput).query(({ ctx }) => listGoals(ctx.db, ctx.access.patientId)),
  create: careTeamReadProcedure.input(createGoalInput).mutation(({ ctx, input }) => createGoal(ctx.db, ctx.actor, input)),
  revise: careTeamReadProcedure.input(reviseGoalInput).mutation(({ ctx, input }) => reviseGoal(ctx.db, ctx.actor, input)),
  setStatus: careTeamReadProcedure.input(setGoalStatusInput).mutation(({ ctx, input }) => setGoalStatus(ctx.db, ctx.actor, input)),
  recordProgress: patientReadProcedure.input(recordProgressInput).mutation(({ ctx, input }) => recordProgress(ctx.db, ctx.actor, input)),
});
