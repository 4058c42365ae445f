// The server's messages to people (refusals, conflicts, field errors), keyed by area and name with ICU
// parameters, in every language: messages/<locale>/errors/<area>.json. Code names a message by its key
// (`ek('plans.staleVersion')` from i18n/error-keys.ts, checked against the English catalogue when it compiles); the answer is
// written in the reader's language where it leaves the server (server/api/trpc.ts), and in English for logs
// and tests (AppError's own message).
import { createTranslator } from 'use-intl/core';
import { defaultLocale, isLocale, type Locale } from '~/lib/i18n/locales';
import type { ErrorCatalogue, ErrorKey, ErrorText, ErrorValues } from './error-keys';

export { ek, em, type ErrorKey, type ErrorMessage, type ErrorText, type ErrorValues } from './error-keys';
import commonEn from '~/messages/en/errors/common.json';
import validationEn from '~/messages/en/errors/validation.json';
import accessEn from '~/messages/en/errors/access.json';
import edgeEn from '~/messages/en/errors/edge.json';
import accountsEn from '~/messages/en/errors/accounts.json';
import authEn from '~/messages/en/errors/auth.json';
import invitesEn from '~/messages/en/errors/invites.json';
import plansEn from '~/messages/en/errors/plans.json';
import taperEn from '~/messages/en/errors/taper.json';
import criteriaEn from '~/messages/en/errors/criteria.json';
import decisionsEn from '~/messages/en/errors/decisions.json';
import milestonesEn from '~/messages/en/errors/milestones.json';
import reviewsEn from '~/messages/en/errors/reviews.json';
import notesEn from '~/messages/en/errors/notes.json';
import goalsEn from '~/messages/en/errors/goals.json';
import adjunctsEn from '~/messages/en/errors/adjuncts.json';
import patientsEn from '~/messages/en/errors/patients.json';
import checkinsEn from '~/messages/en/errors/checkins.json';
import notifyEn from '~/messages/en/errors/notify.json';
import alertsEn from '~/messages/en/errors/alerts.json';
import conversationEn from '~/messages/en/errors/conversation.json';
import exportsEn from '~/messages/en/errors/exports.json';
import commonEs from '~/messages/es/errors/common.json';
import validationEs from '~/messages/es/errors/validation.json';
import accessEs from '~/messages/es/errors/access.json';
import edgeEs from '~/messages/es/errors/edge.json';
import accountsEs from '~/messages/es/errors/accounts.json';
import authEs from '~/messages/es/errors/auth.json';
import invitesEs from '~/messages/es/errors/invites.json';
import plansEs from '~/messages/es/errors/plans.json';
import taperEs from '~/messages/es/errors/taper.json';
import criteriaEs from '~/messages/es/errors/criteria.json';
import decisionsEs from '~/messages/es/errors/decisions.json';
import milestonesEs from '~/messages/es/errors/milestones.json';
import reviewsEs from '~/messages/es/errors/reviews.json';
import notesEs from '~/messages/es/errors/notes.json';
import goalsEs from '~/messages/es/errors/goals.json';
import adjunctsEs from '~/messages/es/errors/adjuncts.json';
import patientsEs from '~/messages/es/errors/patients.json';
import checkinsEs from '~/messages/es/errors/checkins.json';
import notifyEs from '~/messages/es/errors/notify.json';
import alertsEs from '~/messages/es/errors/alerts.json';
import conversationEs from '~/messages/es/errors/conversation.json';
import exportsEs from '~/messages/es/errors/exports.json';

const en: ErrorCatalogue = { common: commonEn, validation: validationEn, access: accessEn, edge: edgeEn, accounts: accountsEn, auth: authEn, invites: invitesEn, plans: plansEn, taper: taperEn, criteria: criteriaEn, decisions: decisionsEn, milestones: milestonesEn, reviews: reviewsEn, notes: notesEn, goals: goalsEn, adjuncts: adjunctsEn, patients: patientsEn, checkins: checkinsEn, notify: notifyEn, alerts: alertsEn, conversation: conversationEn, exports: exportsEn };


// Under Next.js the catalogues arrive compiled (next.config.mjs): a message is then a string or an array.
type Leaf = string | readonly unknown[];
type Tree = { readonly [key: string]: Leaf | Tree };
// Every language has the same keys as English (i18n/catalogue.test.ts); the type says so too.
const es: ErrorCatalogue = { common: commonEs, validation: validationEs, access: accessEs, edge: edgeEs, accounts: accountsEs, auth: authEs, invites: invitesEs, plans: plansEs, taper: taperEs, criteria: criteriaEs, decisions: decisionsEs, milestones: milestonesEs, reviews: reviewsEs, notes: notesEs, goals: goalsEs, adjuncts: adjunctsEs, patients: patientsEs, checkins: checkinsEs, notify: notifyEs, alerts: alertsEs, conversation: conversationEs, exports: exportsEs };

const catalogues: Record<Locale, Tree> = { en: en as Tree, es: es as Tree };

const isLeaf = (node: Leaf | Tree): node is Leaf => typeof node === 'string' || Array.isArray(node);

function lookup(tree: Tree, key: string): Leaf | undefined {
  let node: Leaf | Tree = tree;
  for (const part of key.split('.')) {
    if (isLeaf(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Tree)[part] as Leaf | Tree;
  }
  return isLeaf(node) ? node : undefined;
}

/** True when `text` is the key of one of the server's messages (a zod issue's message may be one). */
export function isErrorKey(text: string): text is ErrorKey {
  return lookup(catalogues.en, text) !== undefined;
}

const translators = new Map<Locale, ReturnType<typeof makeTranslator>>();
function makeTranslator(locale: Locale) {
  // ICU strings under tests and scripts, compiled ones under Next.js: the translator takes either.
  return createTranslator({ locale, messages: catalogues[locale] as Record<string, unknown> });
}

/**
 * A message in a language. A text that is not a key is returned as it is (a zod message written as text),
 * and a value a message does not name is ignored.
 */
export function renderError(text: ErrorText | string, locale: string | null | undefined = defaultLocale): string {
  const lang: Locale = isLocale(locale) ? locale : defaultLocale;
  const { key, values } = typeof text === 'string' ? { key: text, values: undefined } : text;
  if (!isErrorKey(key)) return key;
  let t = translators.get(lang);
  if (!t) translators.set(lang, (t = makeTranslator(lang)));
  return (t as (k: string, v?: ErrorValues) => string)(key, values);
}
