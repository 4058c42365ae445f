// The trends page's chart and its companions: which scores to show, the chart (plain svg from the server), its key,
// the events, and the same data as tables. Every available score is drawn and tabled; the checkboxes show and hide
// them with CSS alone (the rules below), so the patient's page needs no script for them.
import { useFormatter, useTranslations } from 'next-intl';
import { useId, type ComponentType, type ReactNode } from 'react';
import { LineSample } from '~/app/_components/charts/series';
import { redFlagName } from '~/app/_components/triage/alert-text';
import { scoreKeys, type ScoreKey } from '~/lib/checkins/types';
import type { Marker, Trends } from '~/server/trends/service';
import { MARKER_COLOURS, PLANNED, SCORE_STYLES, TAKEN_STYLE } from './colours';
import { ms } from './format';
import { TrendsChart } from './trends-chart';

const DEFAULT_SHOWN: readonly ScoreKey[] = ['spasticity', 'sleepQuality'];

/** Wraps the chart with extras for one audience (the care team's on-demand inspector); the patient's chart has none. */
export type ChartWrapper = ComponentType<{ trends: Trends; children: ReactNode }>;

/**
 * A score whose checkbox is cleared is hidden everywhere it appears (its line, band, key entry and table columns).
 * The key's "shaded" entry shows, and "no ranges" hides, while a checked score has a criteria band.
 */
function toggleRules(available: readonly ScoreKey[], banded: readonly ScoreKey[]): string {
  const scope = '[data-chart-scope]';
  const checked = (k: string, on: boolean) => `${scope}:has(input[data-show="${k}"]${on ? ':checked' : ':not(:checked)'})`;
  return [
    ...available.map((k) => `${checked(k, false)} [data-metric="${k}"]{display:none}`),
    `${scope} [data-legend-bands]{display:none}`,
    ...banded.map((k) => `${checked(k, true)} [data-legend-bands]{display:flex}`),
    ...banded.map((k) => `${checked(k, true)} [data-bands-none]{display:none}`),
  ].join('\n');
}

export function TrendsView({ trends, Wrapper }: { trends: Trends; Wrapper?: ChartWrapper }) {
  const t = useTranslations('Trends');
  const tPlan = useTranslations('Plan');
  const tAlerts = useTranslations('Alerts');
  const format = useFormatter();
  const chartId = `trends-chart-${useId().replace(/[^\w-]/g, '')}`;
  const available = scoreKeys.filter((k) => trends.metrics.includes(k));
  const bands = trends.bands.filter((b) => available.includes(b.key));
  const banded = [...new Set(bands.map((b) => b.key))];

  const day = (iso: string) => format.dateTime(new Date(ms(iso)), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  // Each end formatted on its own: Node's and the browser's ICU put different spaces around a range's dash,
  // and a server-rendered range that the browser formats differently breaks hydration.
  const weekDay = (iso: string) => format.dateTime(new Date(ms(iso)), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const shortDay = (iso: string) => format.dateTime(new Date(ms(iso)), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const num = (value: number | null | undefined) => (value === null || value === undefined ? t('table.none') : format.number(value));

  const eventText = (m: Marker): string[] => {
    switch (m.kind) {
      case 'plan-change':
        return [t('events.plan-change', { version: m.version, action: tPlan(`actions.${m.action as 'edit'}`) })];
      case 'red-flag':
        return [t('events.red-flag', { codes: m.codes.map((c) => redFlagName(c, tAlerts)).join('; ') })];
      case 'weekly-review':
        return [
          m.decision !== undefined && m.summary !== undefined
            ? t('events.weekly-review-team', { decision: t(`events.decisionNames.${m.decision as 'hold'}`), summary: m.summary })
            : t('events.weekly-review'),
        ];
      case 'mdt-review':
        return [
          t('events.mdt-review'),
          ...(m.sharedSummary ? [t(trends.viewer === 'team' ? 'events.teamSharedSummary' : 'events.sharedSummary', { summary: m.sharedSummary })] : []),
          ...(m.decisions ? [t('events.decisions', { decisions: m.decisions })] : []),
        ];
    }
  };
  const markersOn = new Map<string, Marker[]>();
  for (const m of trends.markers) markersOn.set(m.date, [...(markersOn.get(m.date) ?? []), m]);

  const planned = trends.days.filter((d) => d.plannedMg !== null);
  const checkIns = trends.days.filter((d) => d.checkedIn).length;
  const summaryValues = { from: day(trends.from), to: day(trends.to), checkIns, events: trends.markers.length };
  const summary =
    planned.length > 0
      ? t('chart.summary', { ...summaryValues, firstMg: planned[0]?.plannedMg ?? 0, lastMg: planned.at(-1)?.plannedMg ?? 0 })
      : t('chart.summaryNoPlan', summaryValues);
  const cell = 'px-2 py-1.5 text-right tabular-nums';
  const head = 'px-2 py-1.5 font-semibold';

  const chart = <TrendsChart trends={trends} metrics={available} id={chartId} summary={summary} />;

  return (
    <div data-chart-scope="" className="flex flex-col gap-6">
      <style>{toggleRules(available, banded)}</style>
      <fieldset className="no-print">
        <legend className="font-semibold text-slate-900">{t('metrics.legend')}</legend>
        <p className="text-sm text-slate-700">{t('metrics.hint')}</p>
        <div className="mt-2 flex flex-wrap gap-2">
          {available.map((key) => (
            <label key={key} className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input type="checkbox" name="show" value={key} data-show={key} className="size-5 accent-brand-700" defaultChecked={DEFAULT_SHOWN.includes(key)} />
              <LineSample style={SCORE_STYLES[key]} />
              {t(`metrics.${key}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="flex flex-col gap-3">
        {Wrapper ? <Wrapper trends={trends}>{chart}</Wrapper> : chart}
        <div>
          <h3 className="font-semibold text-slate-900">{t('legend.title')}</h3>
          <ul className="mt-1 grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-slate-800 sm:grid-cols-2">
            <li className="flex items-center gap-2"><LineSample style={{ colour: PLANNED, dash: '', dot: 'circle' }} width={3} dots={false} />{t('legend.planned')}</li>
            <li className="flex items-center gap-2"><LineSample style={TAKEN_STYLE} width={1.5} />{t('legend.taken')}</li>
            {available.map((key) => (
              <li key={key} data-metric={key} className="flex items-center gap-2">
                <LineSample style={SCORE_STYLES[key]} />
                {t('legend.score', { name: t(`metrics.${key}`) })}
              </li>
            ))}
            {(['plan-change', 'red-flag', 'weekly-review', 'mdt-review'] as const).map((kind) => (
              <li key={kind} className="flex items-center gap-2">
                <span aria-hidden="true" className="inline-block h-4 w-0.5" style={{ backgroundColor: MARKER_COLOURS[kind] }} />
                {t(`legend.${kind}`)}
              </li>
            ))}
            {trends.to > trends.today && (
              <li className="flex items-center gap-2"><span aria-hidden="true" className="inline-block h-4 w-0 border-l-2 border-dotted border-slate-700" />{t('legend.today')}</li>
            )}
            {bands.length > 0 && (
              <li data-legend-bands="" className="flex items-center gap-2"><span aria-hidden="true" className="inline-block h-3 w-6 border border-dashed border-slate-500 bg-slate-200" />{t('legend.bands')}</li>
            )}
          </ul>
        </div>
        <div>
          <h3 className="font-semibold text-slate-900">{t('bands.title')}</h3>
          <p data-bands-none="" className="text-sm text-slate-700">{t('bands.none')}</p>
          {bands.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-sm text-slate-800">
              {bands.map((b, i) => {
                const condition = t(`bands.${b.comparator}`, { threshold: b.threshold });
                return (
                  <li key={i} data-metric={b.key}>
                    {b.team
                      ? t('bands.team', { metric: t(`metrics.${b.key}`), condition, label: b.team.label, minDays: b.minDays, windowDays: b.windowDays, action: t(`bands.actions.${b.team.action}`) })
                      : t('bands.patient', { metric: t(`metrics.${b.key}`), condition })}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>

      <section aria-labelledby="trends-events">
        <h3 id="trends-events" className="font-semibold text-slate-900">{t('events.title')}</h3>
        {trends.markers.length === 0 ? (
          <p className="text-slate-700">{t('events.none')}</p>
        ) : (
          <ul className="mt-1 flex flex-col gap-1">
            {trends.markers.map((m, i) => (
              <li key={i} className="flex flex-wrap gap-x-3">
                <span className="min-w-28 font-medium tabular-nums">{day(m.date)}</span>
                <span className="flex-1" style={{ minWidth: '12rem' }}>
                  <span aria-hidden="true" className="mr-1 font-bold" style={{ color: MARKER_COLOURS[m.kind] }}>{t(`marker.${m.kind}`)}</span>
                  {eventText(m).map((line, j) => (
                    <span key={j} className={j === 0 ? '' : 'block text-slate-700'}>{line}</span>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="trends-weeks">
        <h3 id="trends-weeks" className="font-semibold text-slate-900">{t('weeks.title')}</h3>
        <p className="text-sm text-slate-700">{t('weeks.note')}</p>
        {/* Focusable so keyboard users can scroll a table wider than a phone. */}
        <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-700" tabIndex={0} role="region" aria-labelledby="trends-weeks">
          <table className="mt-1 w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t('weeks.caption')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className={head}>{t('weeks.week')}</th>
                <th scope="col" className={`${head} text-right`}>{t('weeks.checkIns')}</th>
                <th scope="col" className={`${head} text-right`}>{t('weeks.planned')}</th>
                <th scope="col" className={`${head} text-right`}>{t('weeks.taken')}</th>
                {available.map((k) => <th key={k} data-metric={k} scope="col" className={`${head} text-right`}>{t(`metrics.${k}`)}</th>)}
                <th scope="col" className={`${head} text-right`}>{t('weeks.redFlagDays')}</th>
                <th scope="col" className={`${head} text-right`}>{t('weeks.percentTaken')}</th>
              </tr>
            </thead>
            <tbody>
              {trends.weeks.map((w) => (
                <tr key={w.start} className="border-b border-slate-200">
                  <th scope="row" className="px-2 py-1.5 font-normal whitespace-nowrap">{t('weeks.range', { start: weekDay(w.start), end: weekDay(w.end) })}</th>
                  <td className={cell}>{format.number(w.checkIns)}/{format.number(w.days)}</td>
                  <td className={cell}>{num(w.plannedMg)}</td>
                  <td className={cell}>{num(w.takenMg)}</td>
                  {available.map((k) => <td key={k} data-metric={k} className={cell}>{num(w.scores[k])}</td>)}
                  <td className={cell}>{format.number(w.redFlagDays)}</td>
                  <td className={cell}>{w.percentTaken === null ? t('weeks.none') : t('weeks.percent', { percent: w.percentTaken })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {/* A printout cannot open a disclosure: print shows its content open. */}
      <details className="rounded-lg border border-slate-300 bg-white px-3 print:details-content:[content-visibility:visible]">
        <summary className="no-print cursor-pointer py-3 font-semibold text-brand-700">{t('table.show')}</summary>
        <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-700" tabIndex={0} role="region" aria-label={t('table.caption')}>
          <table className="mb-3 w-full border-collapse text-left text-sm">
            <caption className="py-1 text-left font-semibold text-slate-900">{t('table.caption')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className={head}>{t('table.date')}</th>
                <th scope="col" className={`${head} text-right`}>{t('table.planned')}</th>
                <th scope="col" className={`${head} text-right`}>{t('table.taken')}</th>
                {available.map((k) => <th key={k} data-metric={k} scope="col" className={`${head} text-right`}>{t(`metrics.${k}`)}</th>)}
                <th scope="col" className={head}>{t('table.events')}</th>
              </tr>
            </thead>
            <tbody>
              {trends.days.map((d) => (
                <tr key={d.date} className="border-b border-slate-200" aria-current={d.date === trends.today ? 'date' : undefined}>
                  <th scope="row" className="px-2 py-1.5 font-normal whitespace-nowrap">{shortDay(d.date)}</th>
                  <td className={cell}>{num(d.plannedMg)}</td>
                  <td className={cell}>{d.takenMg === null && !d.checkedIn && d.date <= trends.today ? t('table.notCheckedIn') : num(d.takenMg)}</td>
                  {available.map((k) => <td key={k} data-metric={k} className={cell}>{num(d.scores[k])}</td>)}
                  <td className="px-2 py-1.5">{(markersOn.get(d.date) ?? []).map((m) => eventText(m)[0]).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
