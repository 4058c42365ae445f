// Merges the per-area message files of a locale into one catalogue.
import common from '~/messages/en/common.json';
import auth from '~/messages/en/auth.json';
import clinician from '~/messages/en/clinician.json';
import patient from '~/messages/en/patient.json';
import admin from '~/messages/en/admin.json';
import taper from '~/messages/en/taper.json';
import plan from '~/messages/en/plan.json';
import checkin from '~/messages/en/checkin.json';
import triage from '~/messages/en/triage.json';
import adjuncts from '~/messages/en/adjuncts.json';
import goals from '~/messages/en/goals.json';
import notes from '~/messages/en/notes.json';
import conversation from '~/messages/en/conversation.json';
import reviews from '~/messages/en/reviews.json';
import trends from '~/messages/en/trends.json';
import notifications from '~/messages/en/notifications.json';
import contacts from '~/messages/en/contacts.json';
import push from '~/messages/en/push.json';

import notify from '~/messages/en/notify.json';
import exportsMessages from '~/messages/en/exports.json';
import readAudit from '~/messages/en/read-audit.json';

const catalogues = { en: { ...common, ...auth, ...clinician, ...patient, ...admin, ...taper, ...plan, ...checkin, ...triage, ...adjuncts, ...goals, ...notes, ...conversation, ...reviews, ...trends, ...notifications, ...contacts, ...push, ...notify, ...exportsMessages, ...readAudit } } as const;

export type Messages = (typeof catalogues)['en'];

export async function loadMessages(locale: keyof typeof catalogues): Promise<Messages> {
  return catalogues[locale];
}
