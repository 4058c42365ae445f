// Which message namespaces each part of the app sends to the browser: the ones its components use, not
// the whole catalogue (about 80 KB in the HTML of every page). A part is a folder whose layout mounts
// <ClientMessages area="folder"> (or is `messagesLayout('folder')`): a route group, or one page of one;
// every other page gets 'root' from the root layout. A nested provider
// replaces its parent's messages, so each list stands on its own. client-namespaces.test.ts walks each
// part's imports and fails when a component there uses a namespace its list lacks.
import type { Messages } from 'next-intl';

/** A namespace, or one part of it (`CheckIn.offline`). */
export type ClientNamespace = keyof Messages | `${keyof Messages}.${string}`;

export const clientNamespaces = {
  root: ['Common', 'Errors'],
  '(account)': ['Account', 'Common', 'Contacts', 'IdleTimeout', 'NotifySettings', 'Push', 'TwoStep'],
  '(admin)': ['Admin', 'Common', 'Contacts', 'IdleTimeout', 'InviteLink', 'Notifications'],
  '(auth)': ['Auth', 'Common', 'Invite', 'PasswordReset', 'TwoStep'],
  '(clinician)': [
    'Adjuncts', 'Alerts', 'Clinician', 'Common', 'Contacts', 'Conversation', 'Criteria', 'Decision', 'EngineErrors', 'Errors', 'Exports', 'Goals', 'IdleTimeout', 'InviteLink', 'Mdt',
    'Milestones', 'Notes', 'Notifications', 'PatientRecord', 'Plan', 'ReviewBadge', 'Taper', 'Trends', 'Triage', 'WeeklyReview',
  ],
  // The patient's frame, then each patient page on its own: a phone receives the messages of the page it
  // opens (the whole patient list was about 60 KB of every patient page's HTML).
  // A name with a dot sends that part of a namespace only: the frame shows the offline banner, not the form.
  '(patient)': ['CheckIn.offline', 'Common'],
  '(patient)/patient/(home)': ['Common', 'Milestones', 'Taper'],
  '(patient)/patient/check-in': ['CheckIn', 'Common', 'Contacts', 'ServerErrors', 'Taper'],
  '(patient)/patient/plan': ['Common', 'Plan', 'Taper'],
  '(patient)/patient/trends': ['Alerts', 'Common', 'Plan', 'Trends'],
  '(patient)/patient/notes': ['Common', 'Conversation', 'Notes'],
  '(patient)/patient/goals': ['Common', 'Goals', 'Milestones'],
  '(patient)/patient/reviews': ['Common'],
  '(patient)/patient/who-looked': ['Common'],
  // The offline shell of the check-in (public/sw.js keeps it): the form and the urgent-care screen.
  '(offline)': ['CheckIn', 'Common', 'Contacts', 'ServerErrors', 'Taper'],
} as const satisfies Record<string, readonly ClientNamespace[]>;

export type ClientArea = keyof typeof clientNamespaces;
