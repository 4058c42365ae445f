// The clinician's triage list of their own patients.
import { raiseRescueMedicationAlerts } from '~/server/adjuncts/alerts';
import { raiseMissedCheckInAlerts } from '~/server/alerts/missed';
import { listMyPatientIds, triageList } from '~/server/triage/service';
import { clinicianProcedure, router } from '../trpc';

export const triageRouter = router({
  // Missed check-ins and rescue medication past its limits are computed on read: the list first raises any that are due (idempotent).
  list: clinicianProcedure.query(async ({ ctx }) => {
    const patientIds = await listMyPatientIds(ctx.db, ctx.user.id);
    await raiseMissedCheckInAlerts(ctx.db, patientIds);
    await raiseRescueMedicationAlerts(ctx.db, patientIds);
    return triageList(ctx.db, ctx.user.id);
  }),
});
