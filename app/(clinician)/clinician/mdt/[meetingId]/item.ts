// The shapes of a meeting's agenda items as the record shows them, and the date rule for the next review.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '~/server/api/root';

type Item = inferRouterOutputs<AppRouter>['mdt']['get']['items'][number];
export type VisibleItem = Extract<Item, { withheld: false }> & { nextReviewText: string | null };
export type ShownItem = VisibleItem | { id: string; withheld: true; teamSigned: boolean };

/** The day after `iso`: a next review is never on the meeting's own day. */
export function addOneDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
