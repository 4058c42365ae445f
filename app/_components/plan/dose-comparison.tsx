// Two schedules' daily doses side by side by date (e.g. before an adjustment is saved); usable from server and client.
import { useFormatter, useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import { formatDay } from '~/lib/dates';
import { Badge } from '~/app/_components/ui';
import { compareDoses, type DoseRow, type DoseStep } from '~/lib/taper/diff';

export interface DoseComparisonProps {
  before: readonly DoseStep[];
  after: readonly DoseStep[];
  caption: ReactNode;
  /** ISO date. Unchanged periods that ended before it are folded into one line: past steps are never rewritten. */
  today?: string;
}

/**
 * One row per period in which neither schedule changes its dose: a table on wide screens, stacked cards on
 * phones (four columns of dates and doses do not fit 390 px). A changed row says so in words (and is
 * tinted). Dates are formatted one by one, not as ranges: Node's and the browser's ICU space a range's
 * dash differently, which would break hydration of a server-rendered table.
 */
export function DoseComparison({ before, after, caption, today }: DoseComparisonProps) {
  const t = useTranslations('Plan');
  const format = useFormatter();
  const id = useId();
  const tableCaptionId = `${id}-table-caption`;
  const cardsCaptionId = `${id}-cards-caption`;
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

  const note = today !== undefined && hidden > 0 ? t('doseComparison.earlierHidden', { count: hidden, date: formatDay(today, format) }) : null;
  const marker = (row: DoseRow) =>
    row.changed && (
      <span className="ml-1 inline-block">
        <Badge tone="warning">{t('doseComparison.changed')}</Badge>
      </span>
    );

  return (
    <div>
      {/* The table and the cards are both in the DOM; display:none keeps the hidden one from assistive tech too. */}
      <div role="region" aria-labelledby={tableCaptionId} tabIndex={0} className="hidden overflow-x-auto rounded-lg border border-slate-300 sm:block">
        <table className="w-full border-collapse text-left text-base">
          <caption id={tableCaptionId} className="px-3 py-2 text-left font-semibold text-slate-900">
            {caption}
            {note && <span className="block text-sm font-normal text-slate-700">{note}</span>}
          </caption>
          <thead className="bg-slate-100 text-slate-900">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">{t('doseComparison.from')}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t('doseComparison.to')}</th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">{t('doseComparison.before')}</th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">{t('doseComparison.after')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.from} className={`border-t border-slate-200 align-top ${row.changed ? 'bg-amber-50' : ''}`}>
                <th scope="row" className={`px-3 py-2 font-normal whitespace-nowrap ${row.changed ? 'border-l-4 border-amber-600' : ''}`}>
                  {formatDay(row.from, format)}
                </th>
                <td className="px-3 py-2 whitespace-nowrap">{formatDay(row.to, format)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{format.number(row.beforeMg)}</td>
                <td className="px-3 py-2 text-right whitespace-nowrap">
                  <span className={`tabular-nums ${row.changed ? 'font-semibold' : ''}`}>{format.number(row.afterMg)}</span>
                  {marker(row)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="sm:hidden">
        <p id={cardsCaptionId} className="font-semibold text-slate-900">{caption}</p>
        {note && <p className="text-sm text-slate-700">{note}</p>}
        <ol aria-labelledby={cardsCaptionId} className="mt-2 flex flex-col gap-2">
          {shown.map((row) => (
            <li key={row.from} className={`rounded-lg border p-3 ${row.changed ? 'border-l-4 border-amber-600 bg-amber-50' : 'border-slate-300 bg-white'}`}>
              <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
                <div>
                  <dt className="text-sm text-slate-700">{t('doseComparison.from')}</dt>
                  <dd>{formatDay(row.from, format)}</dd>
                </div>
                <div>
                  <dt className="text-sm text-slate-700">{t('doseComparison.to')}</dt>
                  <dd>{formatDay(row.to, format)}</dd>
                </div>
                <div>
                  <dt className="text-sm text-slate-700">{t('doseComparison.before')}</dt>
                  <dd className="tabular-nums">{format.number(row.beforeMg)}</dd>
                </div>
                <div>
                  <dt className="text-sm text-slate-700">{t('doseComparison.after')}</dt>
                  <dd>
                    <span className={`tabular-nums ${row.changed ? 'font-semibold' : ''}`}>{format.number(row.afterMg)}</span>
                    {marker(row)}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
