// Multidisciplinary review meetings: clinician procedures keyed by meeting (attendance checked by the service),
// and the shared outcomes a patient reads.
import { z } from 'zod';
import {
  addDissent, addDissentInput, createMeeting, createMeetingInput, finaliseMeeting, finaliseMeetingInput, getMeeting, listMeetings, listSharedOutcomes,
  mdtAgenda, meetingIdInput, recordItem, recordItemInput,
} from '~/server/reviews/mdt';
import { uuidSchema } from '~/server/shared/validation';
import { clinicianProcedure, patientReadProcedure, router } from '../trpc';

export const mdtRouter = router({
  agenda: clinicianProcedure.query(({ ctx }) => mdtAgenda(ctx.db, ctx.user.id)),
  list: clinicianProcedure.query(({ ctx }) => listMeetings(ctx.db, ctx.user.id)),
  get: clinicianProcedure.input(meetingIdInput).query(({ ctx, input }) => getMeeting(ctx.db, ctx.user.id, input.meetingId)),
  create: clinicianProcedure.input(createMeetingInput).mutation(({ ctx, input }) => createMeeting(ctx.db, ctx.actor, input)),
  recordItem: clinicianProcedure.input(recordItemInput).mutation(({ ctx, input }) => recordItem(ctx.db, ctx.actor, input)),
  addDissent: clinicianProcedure.input(addDissentInput).mutation(({ ctx, input }) => addDissent(ctx.db, ctx.actor, input)),
  finalise: clinicianProcedure.input(finaliseMeetingInput).mutation(({ ctx, input }) => finaliseMeeting(ctx.db, ctx.actor, input)),
  sharedOutcomes: patientReadProcedure.input(z.strictObject({ patientId: uuidSchema })).query(({ ctx }) => listSharedOutcomes(ctx.db, ctx.access.patientId)),
});
