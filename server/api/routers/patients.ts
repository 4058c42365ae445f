// Patients as their care team works with them: the list, adding one, the record and its care team.
import {
  addCareTeamMember, addCareTeamMemberInput, addPatient, addPatientInput, getPatientRecord, listClinicianDirectory, listMyPatients,
  reissuePatientInvite, reissuePatientInviteInput, removeCareTeamMember, removeCareTeamMemberInput, updateCareTeamMember,
  updateCareTeamMemberInput, updatePatientProfile, updatePatientProfileInput,
} from '~/server/patients/service';
import { sendInviteMail } from '~/server/mail';
import { clinicianProcedure, patientEditProcedure, patientReadProcedure, router } from '../trpc';
import { inviteLink } from './links';

export const patientsRouter = router({
  listMine: clinicianProcedure.query(({ ctx }) => listMyPatients(ctx.db, ctx.user.id)),
  clinicianDirectory: clinicianProcedure.query(({ ctx }) => listClinicianDirectory(ctx.db)),
  add: clinicianProcedure.input(addPatientInput).mutation(async ({ ctx, input }) => {
    const created = await addPatient(ctx.db, ctx.actor, input);
    const link = inviteLink(ctx.origin, created.token);
    const emailed = await sendInviteMail({ to: input.email, name: input.name, link, expiresAt: created.expiresAt });
    return { patientId: created.patientId, inviteLink: link, expiresAt: created.expiresAt, emailed };
  }),
  get: patientReadProcedure.query(async ({ ctx }) => {
    const record = await getPatientRecord(ctx.db, ctx.access.patientId);
    return { ...record, access: ctx.access };
  }),
  updateProfile: patientEditProcedure.input(updatePatientProfileInput).mutation(({ ctx, input }) => updatePatientProfile(ctx.db, ctx.actor, input)),
  reissueInvite: patientEditProcedure.input(reissuePatientInviteInput).mutation(async ({ ctx, input }) => {
    const invite = await reissuePatientInvite(ctx.db, ctx.actor, input.patientId);
    return { inviteLink: inviteLink(ctx.origin, invite.token), expiresAt: invite.expiresAt };
  }),
  addCareTeamMember: patientEditProcedure.input(addCareTeamMemberInput).mutation(({ ctx, input }) => addCareTeamMember(ctx.db, ctx.actor, input)),
  updateCareTeamMember: patientEditProcedure.input(updateCareTeamMemberInput).mutation(({ ctx, input }) => updateCareTeamMember(ctx.db, ctx.actor, input)),
  removeCareTeamMember: patientEditProcedure.input(removeCareTeamMemberInput).mutation(({ ctx, input }) => removeCareTeamMember(ctx.db, ctx.actor, input)),
});
