// The conversation: the patient and their care team read one thread of notes and plan comments (the patient
// only what is shared); the team sees and clears whether it is unread. Messages are written through
// notes.create and the plan's comment procedures.
import { patientIdInput } from '~/lib/validation';
import { conversationStatus, listConversation, markConversationRead } from '~/server/conversation/service';
import { careTeamProcedure, patientOrCareTeamProcedure, router } from '../trpc';

export const conversationRouter = router({
  list: patientOrCareTeamProcedure.input(patientIdInput).query(({ ctx }) => listConversation(ctx.db, ctx.access.patientId, ctx.access.kind === 'self' ? 'patient' : 'team')),
  status: careTeamProcedure.input(patientIdInput).query(({ ctx }) => conversationStatus(ctx.db, ctx.access.patientId)),
  markRead: careTeamProcedure.input(patientIdInput).mutation(({ ctx }) => markConversationRead(ctx.db, ctx.actor, ctx.access.patientId)),
});
