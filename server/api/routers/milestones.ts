// Milestones: recorded by the system; the patient and their team read them, the patient dismisses the celebration.
import { patientIdInput } from '~/lib/validation';
import { listMilestones, markMilestonesSeen } from '~/server/milestones/service';
import { markSeenInput } from '~/lib/milestones/inputs';
import { patientOrCareTeamProcedure, patientSelfProcedure, router } from '../trpc';

export const milestonesRouter = router({
  list: patientOrCareTeamProcedure.input(patientIdInput).query(({ ctx }) => listMilestones(ctx.db, ctx.access.patientId)),
  markSeen: patientSelfProcedure.input(markSeenInput).mutation(({ ctx, input }) => markMilestonesSeen(ctx.db, ctx.actor, input)),
});
