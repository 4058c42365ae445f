// The signed-in person's own notifications: the list, the unread count, marking read.
import { listNotificationsInput, markNotificationsReadInput } from '~/lib/notify/inputs';
import { listMyNotifications, markNotificationsRead, unreadNotificationCount } from '~/server/notify/inbox';
import { authedProcedure, router } from '../trpc';

export const notificationsRouter = router({
  list: authedProcedure.input(listNotificationsInput).query(({ ctx, input }) => listMyNotifications(ctx.db, ctx.actor.id, input)),
  unreadCount: authedProcedure.query(({ ctx }) => unreadNotificationCount(ctx.db, ctx.actor.id)),
  markRead: authedProcedure.input(markNotificationsReadInput).mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.actor, input)),
});
