// Invitations, opened by people who are not signed in yet.
import { acceptInvite, inspectInvite } from '~/server/invites/service';
import { publicProcedure, router } from '../trpc';
import { inviteInspectInput, acceptInviteInput } from '~/lib/invites/inputs';


export const invitesRouter = router({
  inspect: publicProcedure.input(inviteInspectInput).query(({ ctx, input }) => inspectInvite(ctx.db, input.token)),
  accept: publicProcedure
    .input(acceptInviteInput)
    .mutation(({ ctx, input }) => acceptInvite(ctx.db, { token: input.token, password: input.password }, { requestId: ctx.requestId })),
});
