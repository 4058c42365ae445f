// Daily check-ins: the patient submits their own; the patient and their care team read them.
import { z } from 'zod';
import { getCheckInDay, listCheckIns, submitCheckIn } from '~/server/checkins/service';
import { submitCheckInInput } from '~/lib/checkins/validation';
import { uuidSchema } from '~/lib/validation';
import { patientOrCareTeamProcedure, patientSelfProcedure, router } from '../trpc';

export const checkinsRouter = router({
  day: patientSelfProcedure.input(z.strictObject({ patientId: uuidSchema })).query(({ ctx }) => getCheckInDay(ctx.db, ctx.access.patientId)),
  submit: patientSelfProcedure.input(submitCheckInInput).mutation(({ ctx, input }) => submitCheckIn(ctx.db, ctx.actor, input)),
  list: patientOrCareTeamProcedure
    .input(z.strictObject({ patientId: uuidSchema, days: z.number().int().min(1).max(366).default(14) }))
    .query(({ ctx, input }) => listCheckIns(ctx.db, ctx.access.patientId, input.days)),
});
