// The clinician's triage list of their own patients.
import { raiseRescueMedicationAlerts } from '~/server/adjuncts/alerts';
import { raiseMissedCheckInAlerts } from '~/server/alerts/missed';
import { listMyPatientIds, triageList } from '~/server/triage/service';
import { clinicianProcedure, router } from '../trpc';

export const triageRouter = router({
  // Missed check-ins are computed on read: the list first raises any that are due (idempotent).
  list: clinicianProcedure.query(async ({ ctx }) => {
    await raiseMissedCheckInAlerts(ctx.db, await listMyPatientIds(ctx.db, ctx.user.id));
    await raiseRescueMedicationAlerts(ctx.db, await listMyPatientIds(ctx.db, ctx.user.id));
    return triageList(ctx.db, ctx.user.id);
  }),
});
