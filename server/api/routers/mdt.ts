// Multidisciplinary review meetings: the caller's own agenda and meetings (clinician tier); a meeting's record,
// signatures and finalising (attendee tier); one patient's item (attendee on that patient's care team); and
// the shared outcomes a patient reads.
import { addDissent, createMeeting, finaliseMeeting, getMeeting, listMeetings, listSharedOutcomes, mdtAgenda, recordItem, signMeeting } from '~/server/reviews/mdt';
import { addDissentInput, createMeetingInput, finaliseMeetingInput, meetingIdInput, recordItemInput, signMeetingInput } from '~/lib/reviews/inputs';
import { patientIdInput } from '~/lib/validation';
import { auditReads } from '~/server/audit/reads';
import { alongsideRead, clinicianProcedure, mdtAttendeeProcedure, mdtItemProcedure, patientOrCareTeamProcedure, router } from '../trpc';

export const mdtRouter = router({
  // The patients it proposes, each a read (known only once the list is made: the agenda is no hot path).
  agenda: clinicianProcedure.query(async ({ ctx }) => {
    const rows = await mdtAgenda(ctx.db, ctx.user.id);
    return alongsideRead(auditReads(ctx, ctx.user, rows.map((r) => r.patientId), 'mdt.agenda', true), Promise.resolve(rows));
  }),
  list: clinicianProcedure.query(({ ctx }) => listMeetings(ctx.db, ctx.user.id)),
  create: clinicianProcedure.input(createMeetingInput).mutation(({ ctx, input }) => createMeeting(ctx.db, ctx.actor, input)),
  // The items of the patients whose care team the caller is on are shown (the others are withheld): a read of each.
  get: mdtAttendeeProcedure.input(meetingIdInput).query(({ ctx }) => {
    const shown = ctx.meeting.items.filter((i) => i.onTeam).map((i) => i.patientId);
    return alongsideRead(auditReads(ctx, ctx.user, shown, 'mdt.get', true), getMeeting(ctx.db, ctx.meeting));
  }),
  sign: mdtAttendeeProcedure.input(signMeetingInput).mutation(({ ctx, input }) => signMeeting(ctx.db, ctx.actor, ctx.meeting, input)),
  finalise: mdtAttendeeProcedure.input(finaliseMeetingInput).mutation(({ ctx, input }) => finaliseMeeting(ctx.db, ctx.actor, ctx.meeting, input)),
  recordItem: mdtItemProcedure.input(recordItemInput).mutation(({ ctx, input }) => recordItem(ctx.db, ctx.actor, { ...ctx.item, meetingId: ctx.meeting.meetingId }, input)),
  addDissent: mdtItemProcedure.input(addDissentInput).mutation(({ ctx, input }) => addDissent(ctx.db, ctx.actor, { ...ctx.item, meetingId: ctx.meeting.meetingId }, input)),
  sharedOutcomes: patientOrCareTeamProcedure.input(patientIdInput).query(({ ctx }) => listSharedOutcomes(ctx.db, ctx.access.patientId)),
});
