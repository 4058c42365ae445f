// Administration: clinician (and administrator) accounts, and each clinician's profession and prescribing right.
import { createStaffAccount, listStaff, reissueStaffInvite, setUserDisabled, updateClinician } from '~/server/accounts/service';
import { createStaffInput, reissueStaffInviteInput, setUserDisabledInput, updateClinicianInput } from '~/lib/accounts/inputs';
import { adminProcedure, router } from '../trpc';
import { deliverInvite } from './links';

export const adminRouter = router({
  listStaff: adminProcedure.query(({ ctx }) => listStaff(ctx.db)),
  createStaff: adminProcedure.input(createStaffInput).mutation(async ({ ctx, input }) => {
    const created = await createStaffAccount(ctx.db, ctx.actor, input);
    return { userId: created.userId, ...(await deliverInvite(ctx.origin, { ...created, email: input.email, name: input.name })) };
  }),
  reissueInvite: adminProcedure.input(reissueStaffInviteInput).mutation(async ({ ctx, input }) => {
    return deliverInvite(ctx.origin, await reissueStaffInvite(ctx.db, ctx.actor, input.userId));
  }),
  setDisabled: adminProcedure.input(setUserDisabledInput).mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.actor, input)),
  updateClinician: adminProcedure.input(updateClinicianInput).mutation(({ ctx, input }) => updateClinician(ctx.db, ctx.actor, input)),
});
