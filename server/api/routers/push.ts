// Web Push for the signed-in person: the server's public key, their devices, and a test notification.
import { listDevices, sendTestNotification, subscribe, subscribePushInput, unsubscribe, unsubscribePushInput } from '~/server/notify/push-subscriptions';
import { vapidKeys } from '~/server/notify/push';
import { authedProcedure, router } from '../trpc';

export const pushRouter = router({
  /** The VAPID public key browsers subscribe with, or null when push is not set up on this server. */
  publicKey: authedProcedure.query(() => vapidKeys()?.publicKey ?? null),
  subscribe: authedProcedure.input(subscribePushInput).mutation(({ ctx, input }) => subscribe(ctx.db, ctx.actor, input)),
  unsubscribe: authedProcedure.input(unsubscribePushInput).mutation(({ ctx, input }) => unsubscribe(ctx.db, ctx.actor, input)),
  list: authedProcedure.query(({ ctx }) => listDevices(ctx.db, ctx.user.id)),
  test: authedProcedure.mutation(({ ctx }) => sendTestNotification(ctx.db, ctx.actor)),
});
