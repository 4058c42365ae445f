// The signed-in person's own account, and resetting a forgotten password (public: the person cannot sign in).
import { changePassword, getAccount, setLocale, signOutEverywhere } from '~/server/accounts/service';
import { inspectPasswordReset, requestPasswordReset, resetPassword } from '~/server/accounts/password-reset';
import { changePasswordInput, setLocaleInput } from '~/lib/accounts/inputs';
import { inspectPasswordResetInput, requestPasswordResetInput, resetPasswordInput } from '~/lib/accounts/password-reset-inputs';
import { beginTwoStep, confirmTwoStep, passTwoStep, removeTwoStep, renewRecoveryCodes, twoStepStatus } from '~/server/accounts/two-step';
import { confirmTwoStepInput, passTwoStepInput, twoStepReauthInput } from '~/lib/accounts/two-step-inputs';
import { idleStatus } from '~/server/auth/idle';
import { authedProcedure, publicProcedure, router } from '../trpc';

/**
 * Two-step sign-in. The only procedures a session that still owes its second step may call (trpc.ts
 * SECOND_STEP_PATHS): its status, setting up an authenticator, and passing the step with a code.
 */
const twoStepRouter = router({
  status: authedProcedure.query(({ ctx }) => twoStepStatus(ctx.db, ctx.user)),
  begin: authedProcedure.input(twoStepReauthInput).mutation(({ ctx, input }) => beginTwoStep(ctx.db, ctx.user, ctx.actor, input, ctx.ip)),
  confirm: authedProcedure.input(confirmTwoStepInput).mutation(({ ctx, input }) => confirmTwoStep(ctx.db, ctx.user, ctx.sessionId, ctx.actor, input.code)),
  renewRecoveryCodes: authedProcedure.input(twoStepReauthInput).mutation(({ ctx, input }) => renewRecoveryCodes(ctx.db, ctx.user, ctx.actor, input, ctx.ip)),
  remove: authedProcedure.input(twoStepReauthInput).mutation(({ ctx, input }) => removeTwoStep(ctx.db, ctx.user, ctx.actor, input, ctx.ip)),
  pass: authedProcedure.input(passTwoStepInput).mutation(({ ctx, input }) => passTwoStep(ctx.db, ctx.user, ctx.sessionId, input.code, ctx.ip)),
});

export const accountRouter = router({
  twoStep: twoStepRouter,
  me: authedProcedure.query(({ ctx }) => getAccount(ctx.db, ctx.user.id)),
  /**
   * The time a staff session has left before it ends for inactivity. Called by the idle warning: as the
   * user's own request ("Stay signed in") it counts as activity; marked as background it only asks.
   */
  keepAlive: authedProcedure.query(({ ctx }) => idleStatus(ctx.session)),
  changePassword: authedProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx.db, ctx.actor, input)),
  setLocale: authedProcedure.input(setLocaleInput).mutation(({ ctx, input }) => setLocale(ctx.db, ctx.actor, input.locale)),
  signOutEverywhere: authedProcedure.mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx.actor)),
  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInput)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.db, { email: input.email, ip: ctx.ip, origin: ctx.origin, requestId: ctx.requestId })),
  inspectPasswordReset: publicProcedure.input(inspectPasswordResetInput).query(({ ctx, input }) => inspectPasswordReset(ctx.db, input.token)),
  resetPassword: publicProcedure
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, { token: input.token, password: input.password }, { requestId: ctx.requestId })),
});
