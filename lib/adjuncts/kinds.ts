// The kinds of support in the order forms offer them, free of the database schema so the browser can import it.
import type { adjunctKinds } from '~/lib/enums';

export type AdjunctKind = (typeof adjunctKinds)[number];

export const adjunctKindOptions = [
  'physiotherapy', 'exercise', 'stretching', 'mindfulness', 'sleep-hygiene', 'heat-cold', 'tens', 'massage',
  'hydration-nutrition', 'social-support', 'rescue-medication', 'other',
] as const satisfies readonly AdjunctKind[];

/** Fails to compile when the schema gains a kind this list does not offer. */
export type EveryKindOffered = [Exclude<AdjunctKind, (typeof adjunctKindOptions)[number]>] extends [never] ? true : never;
export const everyKindOffered: EveryKindOffered = true;

/** The kinds in words, for the exports (FHIR activities, the clinical summary), which are written in English. */
export const adjunctKindLabels: Record<AdjunctKind, string> = {
  physiotherapy: 'Physiotherapy',
  exercise: 'Gentle exercise',
  stretching: 'Stretching',
  mindfulness: 'Mindfulness',
  'sleep-hygiene': 'Sleep hygiene',
  'heat-cold': 'Heat or cold',
  tens: 'TENS',
  massage: 'Massage',
  'hydration-nutrition': 'Hydration and nutrition',
  'social-support': 'Social support',
  'rescue-medication': 'Rescue medication',
  other: 'Other',
};
