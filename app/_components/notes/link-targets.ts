// What a new note may link to, as the notes form offers it: short lists, a choice named by one string, and the
// preselection a deep link (?alert=, ?review=, ?mdt=, ?plan=) asks for. Ids only ever travel in the URL.

export interface LinkTargets {
  plan: { planId: string; version: number } | null;
  /** Labelled by the page, in the viewer's words and time zone. Only ever filled for the care team. */
  alerts: { id: string; label: string }[];
  reviews: { id: string; periodStart: string; periodEnd: string }[];
  mdtItems: { id: string; heldOn: string }[];
}

/** The select's value: 'none', 'plan', or a kind and an id. */
export type LinkChoice = string;

export const LINK_NONE = 'none';

/** The newest `count` rows (already newest first), and the one a deep link names even when it is older. */
export function recent<T extends { id: string }>(rows: readonly T[], count: number, keep: string | undefined): T[] {
  const head = rows.slice(0, count);
  const kept = keep === undefined || head.some((r) => r.id === keep) ? undefined : rows.find((r) => r.id === keep);
  return kept ? [...head, kept] : head;
}

type Search = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The ids a deep link names; anything else in the URL is ignored. */
export function linkParams(search: Search) {
  return { alert: one(search.alert), review: one(search.review), mdt: one(search.mdt), plan: one(search.plan) !== undefined };
}

/** The choice a deep link asks for, if it names something on offer; otherwise nothing is preselected. */
export function preselected(search: Search, targets: LinkTargets): LinkChoice {
  const p = linkParams(search);
  if (p.alert && targets.alerts.some((a) => a.id === p.alert)) return `alert:${p.alert}`;
  if (p.review && targets.reviews.some((r) => r.id === p.review)) return `review:${p.review}`;
  if (p.mdt && targets.mdtItems.some((m) => m.id === p.mdt)) return `mdt:${p.mdt}`;
  if (p.plan && targets.plan) return 'plan';
  return LINK_NONE;
}

/** The link fields of `notes.create` for a choice; a choice no longer on offer links nothing. */
export function linkInput(choice: LinkChoice, targets: LinkTargets) {
  if (choice === 'plan' && targets.plan) return { planId: targets.plan.planId, planVersion: targets.plan.version };
  const [kind, id] = choice.split(':', 2);
  if (!id) return {};
  if (kind === 'alert' && targets.alerts.some((a) => a.id === id)) return { alertId: id };
  if (kind === 'review' && targets.reviews.some((r) => r.id === id)) return { weeklyReviewId: id };
  if (kind === 'mdt' && targets.mdtItems.some((m) => m.id === id)) return { mdtItemId: id };
  return {};
}
