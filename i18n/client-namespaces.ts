// Which message namespaces each part of the app sends to the browser: the ones its components use, not
// the whole catalogue (about 80 KB in the HTML of every page). A part is a route group whose layout mounts
// <ClientMessages area="(group)">; every other page gets 'root' from the root layout. A nested provider
// replaces its parent's messages, so each list stands on its own. client-namespaces.test.ts walks each
// part's imports and fails when a component there uses a namespace its list lacks.
import type { Messages } from 'next-intl';

export const clientNamespaces = {
  root: ['Common', 'Errors'],
  '(account)': ['Account', 'Common', 'Contacts', 'IdleTimeout', 'NotifySettings', 'Push', 'TwoStep'],
  '(admin)': ['Admin', 'Common', 'Contacts', 'IdleTimeout', 'InviteLink', 'Notifications'],
  '(auth)': ['Auth', 'Common', 'Invite', 'PasswordReset', 'TwoStep'],
  '(clinician)': [
    'Adjuncts', 'Alerts', 'Clinician', 'Common', 'Contacts', 'Conversation', 'Criteria', 'Decision', 'EngineErrors', 'Errors', 'Exports', 'Goals', 'IdleTimeout', 'InviteLink', 'Mdt',
    'Milestones', 'Notes', 'Notifications', 'PatientRecord', 'Plan', 'ReviewBadge', 'Taper', 'Trends', 'Triage', 'WeeklyReview',
  ],
  '(patient)': ['Alerts', 'CheckIn', 'Common', 'Contacts', 'Conversation', 'Goals', 'Milestones', 'Notes', 'Plan', 'ServerErrors', 'Taper', 'Trends'],
  // The offline shell of the check-in (public/sw.js keeps it): the form and the urgent-care screen.
  '(offline)': ['CheckIn', 'Common', 'Contacts', 'ServerErrors', 'Taper'],
} as const satisfies Record<string, readonly (keyof Messages)[]>;

export type ClientArea = keyof typeof clientNamespaces;
