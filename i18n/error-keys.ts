// The keys of the server's messages (i18n/errors.ts renders them): types and two identity functions only, so
// a schema shared with the browser names its messages without shipping any catalogue there.
import type commonEn from '~/messages/en/errors/common.json';
import type validationEn from '~/messages/en/errors/validation.json';
import type accessEn from '~/messages/en/errors/access.json';
import type edgeEn from '~/messages/en/errors/edge.json';
import type accountsEn from '~/messages/en/errors/accounts.json';
import type authEn from '~/messages/en/errors/auth.json';
import type invitesEn from '~/messages/en/errors/invites.json';
import type plansEn from '~/messages/en/errors/plans.json';
import type taperEn from '~/messages/en/errors/taper.json';
import type criteriaEn from '~/messages/en/errors/criteria.json';
import type decisionsEn from '~/messages/en/errors/decisions.json';
import type milestonesEn from '~/messages/en/errors/milestones.json';
import type reviewsEn from '~/messages/en/errors/reviews.json';
import type notesEn from '~/messages/en/errors/notes.json';
import type goalsEn from '~/messages/en/errors/goals.json';
import type adjunctsEn from '~/messages/en/errors/adjuncts.json';
import type patientsEn from '~/messages/en/errors/patients.json';
import type checkinsEn from '~/messages/en/errors/checkins.json';
import type notifyEn from '~/messages/en/errors/notify.json';
import type alertsEn from '~/messages/en/errors/alerts.json';
import type conversationEn from '~/messages/en/errors/conversation.json';
import type exportsEn from '~/messages/en/errors/exports.json';

/** The English catalogue's shape: every language has it (i18n/errors.ts). */
export type ErrorCatalogue = { common: typeof commonEn, validation: typeof validationEn, access: typeof accessEn, edge: typeof edgeEn, accounts: typeof accountsEn, auth: typeof authEn, invites: typeof invitesEn, plans: typeof plansEn, taper: typeof taperEn, criteria: typeof criteriaEn, decisions: typeof decisionsEn, milestones: typeof milestonesEn, reviews: typeof reviewsEn, notes: typeof notesEn, goals: typeof goalsEn, adjuncts: typeof adjunctsEn, patients: typeof patientsEn, checkins: typeof checkinsEn, notify: typeof notifyEn, alerts: typeof alertsEn, conversation: typeof conversationEn, exports: typeof exportsEn };

/** Every dotted path to a message in a catalogue. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** The key of one of the server's messages: `area.name`. */
export type ErrorKey = Leaves<ErrorCatalogue>;

/** The values an error message is written with (ICU arguments). */
export type ErrorValues = Record<string, string | number | Date>;

/** A message key with the values it needs. */
export interface ErrorMessage {
  key: ErrorKey;
  values?: ErrorValues;
}

/** What code hands to AppError or a field: a key, or a key with values. */
export type ErrorText = ErrorKey | ErrorMessage;

/** A key as the literal a zod schema takes for its message, checked against the catalogue when it compiles. */
export function ek(key: ErrorKey): ErrorKey {
  return key;
}

/** A key with its values. */
export function em(key: ErrorKey, values: ErrorValues): ErrorMessage {
  return { key, values };
}
