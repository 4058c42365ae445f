// Alerts: the care team's to see and acknowledge, one at a time.
import { acknowledgeAlert, listAlerts } from '~/server/alerts/service';
import { acknowledgeAlertInput, listAlertsInput } from '~/lib/alerts/inputs';
import { careTeamProcedure, router } from '../trpc';

export const alertsRouter = router({
  list: careTeamProcedure.input(listAlertsInput).query(({ ctx, input }) => listAlerts(ctx.db, ctx.access.patientId, input.open)),
  acknowledge: careTeamProcedure.input(acknowledgeAlertInput).mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, ctx.actor, input)),
});
