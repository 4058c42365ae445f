// The signed-in person's own account, and resetting a forgotten password (public: the person cannot sign in).
import { changePassword, getAccount, signOutEverywhere } from '~/server/accounts/service';
import { inspectPasswordReset, requestPasswordReset, resetPassword } from '~/server/accounts/password-reset';
import { changePasswordInput } from '~/lib/accounts/inputs';
import { inspectPasswordResetInput, requestPasswordResetInput, resetPasswordInput } from '~/lib/accounts/password-reset-inputs';
import { idleStatus } from '~/server/auth/idle';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const accountRouter = router({
  me: authedProcedure.query(({ ctx }) => getAccount(ctx.db, ctx.user.id)),
  /**
   * The time a staff session has left before it ends for inactivity. Called by the idle warning: as the
   * user's own request ("Stay signed in") it counts as activity; marked as background it only asks.
   */
  keepAlive: authedProcedure.query(({ ctx }) => idleStatus(ctx.session)),
  changePassword: authedProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx.db, ctx.actor, input)),
  signOutEverywhere: authedProcedure.mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx.actor)),
  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInput)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.db, { email: input.email, ip: ctx.ip, origin: ctx.origin, requestId: ctx.requestId })),
  inspectPasswordReset: publicProcedure.input(inspectPasswordResetInput).query(({ ctx, input }) => inspectPasswordReset(ctx.db, input.token)),
  resetPassword: publicProcedure
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, { token: input.token, password: input.password }, { requestId: ctx.requestId })),
});
