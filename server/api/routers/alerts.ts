// Alerts: the care team's to see and acknowledge, one at a time.
import { acknowledgeAlert, acknowledgeAlertInput, listAlerts, listAlertsInput } from '~/server/alerts/service';
import { careTeamReadProcedure, router } from '../trpc';

export const alertsRouter = router({
  list: careTeamReadProcedure.input(listAlertsInput).query(({ ctx, input }) => listAlerts(ctx.db, ctx.access.patientId, input.open)),
  acknowledge: careTeamReadProcedure.input(acknowledgeAlertInput).mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, ctx.actor, input)),
});
