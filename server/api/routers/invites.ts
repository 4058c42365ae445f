// Invitations, opened by people who are not signed in yet.
import { z } from 'zod';
import { passwordSchema } from '~/server/auth/password';
import { acceptInvite, inspectInvite } from '~/server/invites/service';
import { publicProcedure, router } from '../trpc';

const tokenSchema = z.string().min(20, 'This invitation link is not valid.').max(100, 'This invitation link is not valid.');

export const inviteInspectInput = z.strictObject({ token: tokenSchema });
export const acceptInviteInput = z
  .strictObject({ token: tokenSchema, password: passwordSchema, confirmPassword: z.string().max(256) })
  .refine((v) => v.password === v.confirmPassword, { message: 'The two passwords do not match.', path: ['confirmPassword'] });

export const invitesRouter = router({
  inspect: publicProcedure.input(inviteInspectInput).query(({ ctx, input }) => inspectInvite(ctx.db, input.token)),
  accept: publicProcedure
    .input(acceptInviteInput)
    .mutation(({ ctx, input }) => acceptInvite(ctx.db, { token: input.token, password: input.password }, { requestId: ctx.requestId })),
});
