// Multidisciplinary review meetings: the caller's own agenda and meetings (clinician tier); a meeting's record,
// signatures and finalising (attendee tier); one patient's item (attendee on that patient's care team); and
// the shared outcomes a patient reads.
import { addDissent, createMeeting, finaliseMeeting, getMeeting, listMeetings, listSharedOutcomes, mdtAgenda, recordItem, signMeeting } from '~/server/reviews/mdt';
import { addDissentInput, createMeetingInput, finaliseMeetingInput, meetingIdInput, recordItemInput, signMeetingInput } from '~/lib/reviews/inputs';
import { patientIdInput } from '~/lib/validation';
import { clinicianProcedure, mdtAttendeeProcedure, mdtItemProcedure, patientOrCareTeamProcedure, router } from '../trpc';

export const mdtRouter = router({
  agenda: clinicianProcedure.query(({ ctx }) => mdtAgenda(ctx.db, ctx.user.id)),
  list: clinicianProcedure.query(({ ctx }) => listMeetings(ctx.db, ctx.user.id)),
  create: clinicianProcedure.input(createMeetingInput).mutation(({ ctx, input }) => createMeeting(ctx.db, ctx.actor, input)),
  get: mdtAttendeeProcedure.input(meetingIdInput).query(({ ctx }) => getMeeting(ctx.db, ctx.meeting)),
  sign: mdtAttendeeProcedure.input(signMeetingInput).mutation(({ ctx, input }) => signMeeting(ctx.db, ctx.actor, ctx.meeting, input)),
  finalise: mdtAttendeeProcedure.input(finaliseMeetingInput).mutation(({ ctx, input }) => finaliseMeeting(ctx.db, ctx.actor, ctx.meeting, input)),
  recordItem: mdtItemProcedure.input(recordItemInput).mutation(({ ctx, input }) => recordItem(ctx.db, ctx.actor, { ...ctx.item, meetingId: ctx.meeting.meetingId }, input)),
  addDissent: mdtItemProcedure.input(addDissentInput).mutation(({ ctx, input }) => addDissent(ctx.db, ctx.actor, { ...ctx.item, meetingId: ctx.meeting.meetingId }, input)),
  sharedOutcomes: patientOrCareTeamProcedure.input(patientIdInput).query(({ ctx }) => listSharedOutcomes(ctx.db, ctx.access.patientId)),
});
