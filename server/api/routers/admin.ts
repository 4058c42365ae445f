// Administration: clinician (and administrator) accounts, and each clinician's profession and prescribing right.
import { inviteStaff, listStaff, reissueStaffInviteLink, setUserDisabled, updateClinician } from '~/server/accounts/service';
import { createStaffInput, reissueStaffInviteInput, setUserDisabledInput, updateClinicianInput } from '~/lib/accounts/inputs';
import { retryDeliveryInput } from '~/lib/notify/inputs';
import { listFailedDeliveries, retryDelivery } from '~/server/notify/inbox';
import { adminResetTwoStep } from '~/server/accounts/two-step';
import { resetTwoStepInput } from '~/lib/accounts/two-step-inputs';
import { adminProcedure, router } from '../trpc';

export const adminRouter = router({
  listStaff: adminProcedure.query(({ ctx }) => listStaff(ctx.db)),
  createStaff: adminProcedure.input(createStaffInput).mutation(({ ctx, input }) => inviteStaff(ctx.db, ctx.actor, input, ctx.origin)),
  reissueInvite: adminProcedure.input(reissueStaffInviteInput).mutation(({ ctx, input }) => reissueStaffInviteLink(ctx.db, ctx.actor, input.userId, ctx.origin)),
  setDisabled: adminProcedure.input(setUserDisabledInput).mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.actor, input)),
  updateClinician: adminProcedure.input(updateClinicianInput).mutation(({ ctx, input }) => updateClinician(ctx.db, ctx.actor, input)),
  /** Removes a person's lost authenticator and recovery codes, and ends their sessions. */
  resetTwoStep: adminProcedure.input(resetTwoStepInput).mutation(({ ctx, input }) => adminResetTwoStep(ctx.db, ctx.actor, input.userId)),
  failedDeliveries: adminProcedure.query(({ ctx }) => listFailedDeliveries(ctx.db)),
  retryDelivery: adminProcedure.input(retryDeliveryInput).mutation(({ ctx, input }) => retryDelivery(ctx.db, ctx.actor, input.deliveryId)),
});
