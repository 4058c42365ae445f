// Milestones: recorded by the system; the patient and their team read them, the patient dismisses the celebration.
import { listMilestones, listMilestonesInput, markMilestonesSeen, markSeenInput } from '~/server/milestones/service';
import { patientOrCareTeamProcedure, patientSelfProcedure, router } from '../trpc';

export const milestonesRouter = router({
  list: patientOrCareTeamProcedure.input(listMilestonesInput).query(({ ctx }) => listMilestones(ctx.db, ctx.access.patientId)),
  markSeen: patientSelfProcedure.input(markSeenInput).mutation(({ ctx, input }) => markMilestonesSeen(ctx.db, ctx.actor, input)),
});
