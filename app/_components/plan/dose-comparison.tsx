// Two schedules' daily doses side by side by date (e.g. before an adjustment is saved); usable from server and client.
import { useFormatter, useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import { formatDay } from '~/app/_components/taper/schedule-table';
import { Badge } from '~/app/_components/ui';
import { compareDoses, type DoseStep } from '~/server/taper/diff';

export interface DoseComparisonProps {
  before: readonly DoseStep[];
  after: readonly DoseStep[];
  caption: ReactNode;
  /** ISO date. Unchanged periods that ended before it are folded into one line: past steps are never rewritten. */
  today?: string;
}

/**
 * One row per period in which neither schedule changes its dose. A changed row says so in words (and is
 * tinted). Dates are formatted one by one, not as ranges: Node's and the browser's ICU space a range's
 * dash differently, which would break hydration of a server-rendered table.
 */
export function DoseComparison({ before, after, caption, today }: DoseComparisonProps) {
  const t = useTranslations('Plan');
  const format = useFormatter();
  const captionId = `${useId()}-caption`;
  const rows = compareDoses(before, after);
  const isPast = (row: { to: string; changed: boolean }) => today !== undefined && row.to < today && !row.changed;
  const shown = rows.filter((row) => !isPast(row));
  const hidden = rows.length - shown.length;

  if (rows.length === 0) {
    return (
      <div>
        <p className="font-semibold text-slate-900">{caption}</p>
        <p className="text-slate-700">{t('doseComparison.empty')}</p>
      </div>
    );
  }

  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300">
      <table className="w-full border-collapse text-left text-base">
        <caption id={captionId} className="px-2 py-2 text-left font-semibold text-slate-900 sm:px-3">
          {caption}
          {today !== undefined && hidden > 0 && (
            <span className="block text-sm font-normal text-slate-700">{t('doseComparison.earlierHidden', { count: hidden, date: formatDay(today, format) })}</span>
          )}
        </caption>
        <thead className="bg-slate-100 text-slate-900">
          <tr>
            <th scope="col" className="px-2 py-2 font-semibold sm:px-3">{t('doseComparison.from')}</th>
            <th scope="col" className="px-2 py-2 font-semibold sm:px-3">{t('doseComparison.to')}</th>
            <th scope="col" className="px-2 py-2 text-right font-semibold sm:px-3">{t('doseComparison.before')}</th>
            <th scope="col" className="px-2 py-2 text-right font-semibold sm:px-3">{t('doseComparison.after')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.from} className={`border-t border-slate-200 align-top ${row.changed ? 'bg-amber-50' : ''}`}>
              <th scope="row" className={`px-2 py-2 font-normal whitespace-nowrap sm:px-3 ${row.changed ? 'border-l-4 border-amber-600' : ''}`}>
                {formatDay(row.from, format)}
              </th>
              <td className="px-2 py-2 whitespace-nowrap sm:px-3">{formatDay(row.to, format)}</td>
              <td className="px-2 py-2 text-right tabular-nums sm:px-3">{format.number(row.beforeMg)}</td>
              <td className="px-2 py-2 text-right sm:px-3">
                <span className={`tabular-nums ${row.changed ? 'font-semibold' : ''}`}>{format.number(row.afterMg)}</span>
                {row.changed && (
                  <span className="ml-1 inline-block">
                    <Badge tone="warning">{t('doseComparison.changed')}</Badge>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
