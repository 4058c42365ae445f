// Alerts: the care team's to see and acknowledge, one at a time.
import { acknowledgeAlert, listAlerts } from '~/server/alerts/service';
import { acknowledgeAlertInput, listAlertsInput } from '~/lib/alerts/inputs';
import { alertNotificationsInput } from '~/lib/notify/inputs';
import { alertNotificationHistory } from '~/server/notify/inbox';
import { careTeamProcedure, router } from '../trpc';

export const alertsRouter = router({
  list: careTeamProcedure.input(listAlertsInput).query(({ ctx, input }) => listAlerts(ctx.db, ctx.access.patientId, input.open)),
  /** Who the alert's notices went to, on which channel, whether they arrived, and each escalation. */
  notifications: careTeamProcedure.input(alertNotificationsInput).query(({ ctx, input }) => alertNotificationHistory(ctx.db, ctx.access.patientId, input.alertId)),
  acknowledge: careTeamProcedure.input(acknowledgeAlertInput).mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, ctx.actor, input)),
});
