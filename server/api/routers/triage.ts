// The clinician's triage list of their own patients.
import { raiseRescueMedicationAlerts } from '~/server/adjuncts/alerts';
import { raiseMissedCheckInAlerts } from '~/server/alerts/missed';
import { triageList } from '~/server/triage/service';
import { clinicianProcedure, router } from '../trpc';

export const triageRouter = router({
  // Missed check-ins and rescue medication past its limits are computed on read: the list first raises any that are due (idempotent).
  list: clinicianProcedure.query(async ({ ctx }) => {
    const mine = { careTeamOf: ctx.user.id };
    // Independent of each other: both run at once, and the list waits for both.
    await Promise.all([raiseMissedCheckInAlerts(ctx.db, mine), raiseRescueMedicationAlerts(ctx.db, mine)]);
    return triageList(ctx.db, ctx.user.id);
  }),
});
