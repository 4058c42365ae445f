// Daily check-ins: the patient submits their own; the patient and their care team read them.
import { getCheckInDay, listCheckIns, submitCheckIn } from '~/server/checkins/service';
import { listCheckInsInput, submitCheckInInput } from '~/lib/checkins/inputs';
import { patientIdInput } from '~/lib/validation';
import { patientOrCareTeamProcedure, patientSelfProcedure, router } from '../trpc';

export const checkinsRouter = router({
  day: patientSelfProcedure.input(patientIdInput).query(({ ctx }) => getCheckInDay(ctx.db, ctx.access.patientId)),
  submit: patientSelfProcedure.input(submitCheckInInput).mutation(({ ctx, input }) => submitCheckIn(ctx.db, ctx.actor, input)),
  list: patientOrCareTeamProcedure.input(listCheckInsInput).query(({ ctx, input }) => listCheckIns(ctx.db, ctx.access.patientId, input.days)),
});
