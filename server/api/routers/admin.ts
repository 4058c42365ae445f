// Administration: clinician (and administrator) accounts.
import {
  createStaffAccount, createStaffInput, listStaff, reissueStaffInvite, reissueStaffInviteInput, setUserDisabled, setUserDisabledInput,
} from '~/server/accounts/service';
import { sendInviteMail } from '~/server/mail';
import { adminProcedure, router } from '../trpc';
import { inviteLink } from './links';

export const adminRouter = router({
  listStaff: adminProcedure.query(({ ctx }) => listStaff(ctx.db)),
  createStaff: adminProcedure.input(createStaffInput).mutation(async ({ ctx, input }) => {
    const created = await createStaffAccount(ctx.db, ctx.actor, input);
    const link = inviteLink(ctx.origin, created.token);
    const emailed = await sendInviteMail({ to: input.email, name: input.name, link, expiresAt: created.expiresAt });
    return { userId: created.userId, inviteLink: link, expiresAt: created.expiresAt, emailed };
  }),
  reissueInvite: adminProcedure.input(reissueStaffInviteInput).mutation(async ({ ctx, input }) => {
    const invite = await reissueStaffInvite(ctx.db, ctx.actor, input.userId);
    return { inviteLink: inviteLink(ctx.origin, invite.token), expiresAt: invite.expiresAt };
  }),
  setDisabled: adminProcedure.input(setUserDisabledInput).mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.actor, input)),
});
