// The signed-in person's own notification settings: which channels, quiet hours, and their role's notices.
import { updateNotificationSettingsInput } from '~/lib/notify/inputs';
import { getMySettings, updateMySettings } from '~/server/notify/settings-service';
import { authedProcedure, router } from '../trpc';

export const notificationSettingsRouter = router({
  get: authedProcedure.query(({ ctx }) => getMySettings(ctx.db, ctx.actor)),
  update: authedProcedure.input(updateNotificationSettingsInput).mutation(({ ctx, input }) => updateMySettings(ctx.db, ctx.actor, input)),
});
