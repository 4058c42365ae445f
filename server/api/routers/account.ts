// The signed-in person's own account.
import { changePassword, getAccount, signOutEverywhere } from '~/server/accounts/service';
import { changePasswordInput } from '~/lib/accounts/inputs';
import { authedProcedure, router } from '../trpc';

export const accountRouter = router({
  me: authedProcedure.query(({ ctx }) => getAccount(ctx.db, ctx.user.id)),
  changePassword: authedProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx.db, ctx.actor, input)),
  signOutEverywhere: authedProcedure.mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx.actor)),
});
