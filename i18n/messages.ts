// Merges the per-area message files of each language into one catalogue.
import type { Locale } from '~/lib/i18n/locales';
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
import twoStep from '~/messages/en/two-step.json';
import mail from '~/messages/en/mail.json';
import readAudit from '~/messages/en/read-audit.json';
import stored from '~/messages/en/stored.json';
import checkinsErrors from '~/messages/en/errors/checkins.json';
import validationErrors from '~/messages/en/errors/validation.json';
import taperErrors from '~/messages/en/errors/taper.json';

import commonEs from '~/messages/es/common.json';
import authEs from '~/messages/es/auth.json';
import clinicianEs from '~/messages/es/clinician.json';
import patientEs from '~/messages/es/patient.json';
import adminEs from '~/messages/es/admin.json';
import taperEs from '~/messages/es/taper.json';
import planEs from '~/messages/es/plan.json';
import checkinEs from '~/messages/es/checkin.json';
import triageEs from '~/messages/es/triage.json';
import adjunctsEs from '~/messages/es/adjuncts.json';
import goalsEs from '~/messages/es/goals.json';
import notesEs from '~/messages/es/notes.json';
import conversationEs from '~/messages/es/conversation.json';
import reviewsEs from '~/messages/es/reviews.json';
import trendsEs from '~/messages/es/trends.json';
import notificationsEs from '~/messages/es/notifications.json';
import contactsEs from '~/messages/es/contacts.json';
import pushEs from '~/messages/es/push.json';
import notifyEs from '~/messages/es/notify.json';
import exportsMessagesEs from '~/messages/es/exports.json';
import twoStepEs from '~/messages/es/two-step.json';
import mailEs from '~/messages/es/mail.json';
import readAuditEs from '~/messages/es/read-audit.json';
import storedEs from '~/messages/es/stored.json';
import checkinsErrorsEs from '~/messages/es/errors/checkins.json';
import validationErrorsEs from '~/messages/es/errors/validation.json';
import taperErrorsEs from '~/messages/es/errors/taper.json';

const en = { ...common, ...auth, ...clinician, ...patient, ...admin, ...taper, ...plan, ...checkin, ...triage, ...adjuncts, ...goals, ...notes, ...conversation, ...reviews, ...trends, ...notifications, ...contacts, ...push, ...notify, ...exportsMessages, ...twoStep, ...mail, ...readAudit, ...stored,
  // The server's messages a browser form also shows, when it checks answers with the server's own schema
  // before sending (the check-in): named by the same keys (i18n/errors.ts).
  ServerErrors: { checkins: checkinsErrors, validation: validationErrors },
  // The pure taper engine's refusals, which the plan editor's preview shows as it types.
  EngineErrors: { taper: taperErrors },
} as const;

export type Messages = typeof en;

// Every language has the same keys as English (i18n/catalogue.test.ts); the type says so too.
const es: Messages = { ...commonEs, ...authEs, ...clinicianEs, ...patientEs, ...adminEs, ...taperEs, ...planEs, ...checkinEs, ...triageEs, ...adjunctsEs, ...goalsEs, ...notesEs, ...conversationEs, ...reviewsEs, ...trendsEs, ...notificationsEs, ...contactsEs, ...pushEs, ...notifyEs, ...exportsMessagesEs, ...twoStepEs, ...mailEs, ...readAuditEs, ...storedEs,
  ServerErrors: { checkins: checkinsErrorsEs, validation: validationErrorsEs },
  EngineErrors: { taper: taperErrorsEs },
};

const catalogues: Record<Locale, Messages> = { en, es };


/** The catalogue of one language, at once: for the server's own messages (emails, notifications). */
export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  return catalogues[locale];
}
