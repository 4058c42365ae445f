// Merges the per-area message files of a locale into one catalogue.
import auth from '~/messages/en/auth.json';
import common from '~/messages/en/common.json';
import clinician from '~/messages/en/clinician.json';
import patient from '~/messages/en/patient.json';
import admin from '~/messages/en/admin.json';
import taper from '~/messages/en/taper.json';
import plan from '~/messages/en/plan.json';
import triage from '~/messages/en/triage.json';
import checkin from '~/messages/en/checkin.json';
import reviews from '~/messages/en/reviews.json';

const catalogues = { en: { ...common, ...auth, ...clinician, ...patient, ...admin, ...taper, ...plan, ...checkin, ...triage, ...reviews } } as const;

export type Messages = (typeof catalogues)['en'];

export async function loadMessages(locale: keyof typeof catalogues): Promise<Messages> {
  return catalogues[locale];
}
