// The daily dose over time as a step chart drawn as plain svg (a server component on the plan pages), with the
// running step and today marked, a title and description for screen readers, and the same data as a table.
// It needs no client code; the plan editor's preview renders it in the browser as it is.
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import { ChartFrame, across, keepStroke } from '~/app/_components/charts/chart-frame';
import { doseChartModel } from '~/lib/charts/step-path';
import { PLOT } from '~/lib/charts/scale';
import { calendarDate, formatDay } from '~/lib/dates';
import type { TaperStep } from '~/lib/taper/types';

export interface DoseChartProps {
  steps: readonly TaperStep[];
  /** The dose before the first step: drawn as the starting level. */
  currentDailyMg: number;
  /** ISO date; when it falls inside the chart, the day (and the running step) is marked. */
  today?: string;
}

// High contrast on white (WCAG non-text contrast ≥ 3:1 for the line and the today marker); the shading is a background.
export const DOSE_LINE = '#115e59';
export const TODAY_LINE = '#b91c1c';
const RUNNING = '#fde68a';

export function DoseChart({ steps, currentDailyMg, today }: DoseChartProps) {
  const t = useTranslations('Taper');
  const format = useFormatter();
  const id = `dose-chart-${useId().replace(/[^\w-]/g, '')}`;
  const model = doseChartModel(steps, currentDailyMg, today);
  const first = steps[0];
  const last = steps.at(-1);
  if (!model || !first || !last) return <p className="text-slate-700">{t('chart.empty')}</p>;

  const summary = t('chart.summary', {
    fromMg: currentDailyMg,
    fromDate: formatDay(first.startDate, format),
    toMg: last.dailyMg,
    toDate: formatDay(last.startDate, format),
    steps: steps.length,
  });
  const running = model.running ? steps.find((s) => s.index === model.running?.index) : undefined;
  const tick = (iso: string) => format.dateTime(calendarDate(iso), { day: 'numeric', month: 'short', timeZone: 'UTC' });

  return (
    <div className="flex flex-col gap-2">
      <ChartFrame
        id={id}
        title={t('chart.title')}
        description={running ? `${summary} ${t('chart.runningDesc', { mg: running.dailyMg, date: formatDay(running.startDate, format) })}` : summary}
        xTicks={model.xTicks.map((x) => ({ ...x, text: tick(x.date) }))}
        left={{ label: t('chart.yLabel'), ticks: model.yTicks.map((y) => ({ y: y.y, text: format.number(y.value) })) }}
        xLabel={t('chart.xLabel')}
        above={
          model.today && (
            <span className="absolute bottom-full mb-1 -translate-x-1/2 text-sm font-semibold whitespace-nowrap text-red-700" style={across(model.today.x)}>
              {t('chart.today')}
            </span>
          )
        }
      >
        {model.running && <rect x={model.running.x1} width={model.running.x2 - model.running.x1} y={0} height={PLOT.height} fill={RUNNING} fillOpacity={0.7} />}
        <path d={model.path} fill="none" stroke={DOSE_LINE} strokeWidth={3} strokeLinejoin="miter" style={keepStroke} />
        {model.today && <line x1={model.today.x} x2={model.today.x} y1={0} y2={PLOT.height} stroke={TODAY_LINE} strokeWidth={2} strokeDasharray="6 4" style={keepStroke} />}
      </ChartFrame>
      {model.running && (
        <p className="flex items-center gap-2 text-sm text-slate-700">
          <span aria-hidden="true" className="inline-block h-3 w-6 rounded-sm" style={{ backgroundColor: RUNNING }} />
          {t('chart.runningKey')}
        </p>
      )}

      <details className="rounded-lg border border-slate-300 bg-white px-3 print:details-content:[content-visibility:visible]">
        <summary className="no-print cursor-pointer py-3 font-semibold text-brand-700">{t('chart.showData')}</summary>
        <table className="mb-3 w-full border-collapse text-left">
          <caption className="py-1 text-left font-semibold text-slate-900">{t('chart.dataCaption')}</caption>
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
