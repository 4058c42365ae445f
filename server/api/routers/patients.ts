// Patients as their care team works with them: the list, adding one, the record, its care team, and the patient's account.
import { auditCareTeamReads } from '~/server/audit/reads';
import { patientIdInput } from '~/lib/validation';
import {
  addCareTeamMember, getPatientRecord, invitePatient, listClinicianDirectory, listMyPatients, reissuePatientInviteLink, removeCareTeamMember, updateCareTeamMember,
  updatePatientProfile,
} from '~/server/patients/service';
import {
  addCareTeamMemberInput, addPatientInput, removeCareTeamMemberInput, setPatientAccountDisabledInput, updateCareTeamMemberInput, updatePatientProfileInput,
} from '~/lib/patients/inputs';
import { setPatientAccountDisabled } from '~/server/patients/account';
import { updateOwnContacts, updatePatientContacts } from '~/server/patients/contacts';
import { updateOwnContactsInput, updatePatientContactsInput } from '~/lib/contacts/inputs';
import {
  alongsideRead, careTeamProcedure, clinicianProcedure, patientOrCareTeamProcedure, patientSelfProcedure, planEditorProcedure, prescriberProcedure, router,
} from '../trpc';

export const patientsRouter = router({
  // Names, addresses and account states of every patient on the clinician's care teams: a read of each.
  listMine: clinicianProcedure.query(({ ctx }) => alongsideRead(auditCareTeamReads(ctx, ctx.user, 'patients.listMine'), listMyPatients(ctx.db, ctx.user.id))),
  clinicianDirectory: clinicianProcedure.query(({ ctx }) => listClinicianDirectory(ctx.db)),
  add: clinicianProcedure.input(addPatientInput).mutation(({ ctx, input }) => invitePatient(ctx.db, ctx.actor, input, ctx.origin)),
  get: patientOrCareTeamProcedure.input(patientIdInput).query(async ({ ctx }) => {
    const record = await getPatientRecord(ctx.db, ctx.access.patientId);
    return { ...record, access: ctx.access };
  }),
  updateProfile: planEditorProcedure.input(updatePatientProfileInput).mutation(({ ctx, input }) => updatePatientProfile(ctx.db, ctx.actor, input)),
  // Phone numbers are any team member's to keep up to date (a nurse taking a new number on a call), not only plan editors'.
  updateContacts: careTeamProcedure.input(updatePatientContactsInput).mutation(({ ctx, input }) => updatePatientContacts(ctx.db, ctx.actor, input)),
  // The patient's own number and emergency contact; the care-team number is not in this input at all.
  updateMyContacts: patientSelfProcedure.input(updateOwnContactsInput).mutation(({ ctx, input }) => updateOwnContacts(ctx.db, ctx.actor, input)),
  reissueInvite: planEditorProcedure.input(patientIdInput).mutation(({ ctx, input }) => reissuePatientInviteLink(ctx.db, ctx.actor, input.patientId, ctx.origin)),
  addCareTeamMember: planEditorProcedure.input(addCareTeamMemberInput).mutation(({ ctx, input }) => addCareTeamMember(ctx.db, ctx.actor, input)),
  updateCareTeamMember: planEditorProcedure.input(updateCareTeamMemberInput).mutation(({ ctx, input }) => updateCareTeamMember(ctx.db, ctx.actor, input)),
  removeCareTeamMember: planEditorProcedure.input(removeCareTeamMemberInput).mutation(({ ctx, input }) => removeCareTeamMember(ctx.db, ctx.actor, input)),
  // The patient's account is their care team's to manage, not an administrator's: a prescriber on the team.
  setAccountDisabled: prescriberProcedure.input(setPatientAccountDisabledInput).mutation(({ ctx, input }) => setPatientAccountDisabled(ctx.db, ctx.actor, input)),
});
