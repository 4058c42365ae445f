'use client';
// The daily dose over time as a step chart, with a spoken summary and the same data as a table.
import { useFormatter, useTranslations } from 'next-intl';
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { addDays } from '~/lib/dates';
import type { TaperStep } from '~/lib/taper/types';
import { calendarDate, formatDay } from '~/lib/dates';

export interface DoseChartProps {
  steps: readonly TaperStep[];
  /** The dose before the first step: drawn as the starting point. */
  currentDailyMg: number;
  /** ISO date; when it falls inside the schedule, the running step and the day are marked. */
  today?: string;
}

// High contrast on white (WCAG non-text contrast ≥ 3:1 for the line and markers).
const LINE = '#115e59';
const TODAY = '#b91c1c';
const RUNNING = '#fde68a';
const GRID = '#cbd5e1';
const TEXT = '#334155';

const ms = (isoDate: string) => calendarDate(isoDate).getTime();

interface Point {
  t: number;
  mg: number;
}

/**
 * The line's corners: the current dose for a lead-in as long as the first step, each step from its
 * start, and the last step carried to the day after it ends so its width shows.
 */
function pointsFor(steps: readonly TaperStep[], currentDailyMg: number): Point[] {
  const first = steps[0];
  const last = steps.at(-1);
  if (!first || !last) return [];
  return [
    { t: ms(addDays(first.startDate, -first.days)), mg: currentDailyMg },
    ...steps.map((s) => ({ t: ms(s.startDate), mg: s.dailyMg })),
    { t: ms(addDays(last.endDate, 1)), mg: last.dailyMg },
  ];
}

export function DoseChart({ steps, currentDailyMg, today }: DoseChartProps) {
  const t = useTranslations('Taper');
  const format = useFormatter();
  const first = steps[0];
  const last = steps.at(-1);
  if (!first || !last) return <p className="text-slate-700">{t('chart.empty')}</p>;

  const points = pointsFor(steps, currentDailyMg);
  const summary = t('chart.summary', {
    fromMg: currentDailyMg,
    fromDate: formatDay(first.startDate, format),
    toMg: last.dailyMg,
    toDate: formatDay(last.startDate, format),
    steps: steps.length,
  });
  const inSchedule = today !== undefined && first.startDate <= today && today <= last.endDate;
  const running = inSchedule ? steps.find((s) => s.startDate <= today && today <= s.endDate) : undefined;
  const tick = (value: number) => format.dateTime(new Date(value), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const fullDate = (value: number) => format.dateTime(new Date(value), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

  return (
    <div className="flex flex-col gap-2">
      {/* The svg is decoration for assistive tech: the label says what it shows, the table below holds the numbers. */}
      <div role="img" aria-label={summary} className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 20, right: 16, bottom: 28, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
            {running && (
              <ReferenceArea x1={ms(running.startDate)} x2={ms(addDays(running.endDate, 1))} fill={RUNNING} fillOpacity={0.6} ifOverflow="hidden" />
            )}
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={tick}
              tick={{ fill: TEXT, fontSize: 13 }}
              stroke={TEXT}
              minTickGap={24}
              label={{ value: t('chart.xLabel'), position: 'insideBottom', offset: -18, fill: TEXT, fontSize: 14 }}
            />
            <YAxis
              dataKey="mg"
              domain={[0, 'auto']}
              allowDecimals
              tick={{ fill: TEXT, fontSize: 13 }}
              stroke={TEXT}
              width={48}
              label={{ value: t('chart.yLabel'), angle: -90, position: 'insideLeft', offset: 4, fill: TEXT, fontSize: 14, style: { textAnchor: 'middle' } }}
            />
            <Tooltip
              labelFormatter={(label) => (typeof label === 'number' ? fullDate(label) : label)}
              formatter={(value) => [typeof value === 'number' ? t('mgPerDay', { mg: value }) : value, null]}
              separator=""
            />
            {inSchedule && (
              <ReferenceLine x={ms(today)} stroke={TODAY} strokeWidth={2} strokeDasharray="6 4" label={{ value: t('chart.today'), position: 'top', fill: TODAY, fontSize: 14, fontWeight: 600 }} />
            )}
            <Line type="stepAfter" dataKey="mg" stroke={LINE} strokeWidth={3} dot={false} activeDot={{ r: 5 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>

      <details className="rounded-lg border border-slate-300 bg-white px-3">
        <summary className="cursor-pointer py-3 font-semibold text-brand-700">{t('chart.showData')}</summary>
        <table className="mb-3 w-full border-collapse text-left">
          <caption className="py-1 text-left font-semibold text-slate-900">
            {t('chart.dataCaption')}
          </caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-4 font-semibold">{t('chart.date')}</th>
              <th scope="col" className="py-1 text-right font-semibold">{t('chart.dose')}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="border-b border-slate-200">
              <th scope="row" className="py-1 pr-4 font-normal">{t('chart.before', { date: formatDay(first.startDate, format) })}</th>
              <td className="py-1 text-right tabular-nums">{format.number(currentDailyMg)}</td>
            </tr>
            {steps.map((s) => (
              <tr key={`${s.index}-${s.startDate}`} className="border-b border-slate-200" aria-current={s === running ? 'step' : undefined}>
                <th scope="row" className="py-1 pr-4 font-normal">{formatDay(s.startDate, format)}</th>
                <td className="py-1 text-right tabular-nums">{format.number(s.dailyMg)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
