// The clinic's contacts and escalation window: administrators read and change them; everyone signed in reads what patients' screens need.
import { getClinicContacts, getClinicSettings, updateClinicSettings } from '~/server/clinic/service';
import { updateClinicSettingsInput } from '~/lib/contacts/inputs';
import { adminProcedure, authedProcedure, router } from '../trpc';

export const clinicRouter = router({
  settings: adminProcedure.query(({ ctx }) => getClinicSettings(ctx.db)),
  update: adminProcedure.input(updateClinicSettingsInput).mutation(({ ctx, input }) => updateClinicSettings(ctx.db, ctx.actor, input)),
  // The clinic phone and crisis line only: nothing about on-call reaches a patient.
  contacts: authedProcedure.query(({ ctx }) => getClinicContacts(ctx.db)),
});
