// What to take at one dose time, in words ("1½ × 10 mg tablets"), as a component and as a pure helper.
import { useTranslations, type createTranslator, type Messages } from 'next-intl';
import type { TakeItem } from '~/lib/taper/types';

/** A translator for the `Taper` namespace, from `useTranslations('Taper')` or `await getTranslations('Taper')`. */
export type TaperTranslator = ReturnType<typeof createTranslator<Messages, 'Taper'>>;

/** A count of half tablets as a number of tablets: 1 → "½", 2 → "1", 3 → "1½". */
export function halvesText(halves: number, t: TaperTranslator): string {
  const whole = Math.floor(halves / 2);
  if (halves % 2 === 0) return t('take.whole', { whole });
  return whole === 0 ? t('take.half') : t('take.wholeAndHalf', { whole });
}

export function takeItemText(item: TakeItem, t: TaperTranslator): string {
  return item.kind === 'tablet'
    ? t('take.tablet', { amount: halvesText(item.halves, t), strength: item.strengthMg, halves: item.halves })
    : t('take.liquid', { ml: item.ml, mgPerMl: item.mgPerMl });
}

/** "1 × 10 mg tablet + ½ × 5 mg tablet"; "Nothing" for an empty list (a 0 mg dose). */
export function takeText(take: readonly TakeItem[], t: TaperTranslator): string {
  if (take.length === 0) return t('take.nothing');
  return take.map((item) => takeItemText(item, t)).join(t('take.separator'));
}

/** Renders in server and client components alike: it only reads messages, no client state. */
export function TakeText({ take, className }: { take: readonly TakeItem[]; className?: string }) {
  const t = useTranslations('Taper');
  return <span className={className}>{takeText(take, t)}</span>;
}
