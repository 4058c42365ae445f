// The trends chart as plain svg, drawn on the server: planned dose as steps and dose taken on the left axis, every
// score on a 0–10 right axis (the score checkboxes show and hide them with CSS), criteria ranges as bands, events as markers.
import { useFormatter, useTranslations } from 'next-intl';
import { ChartFrame, across, keepStroke } from '~/app/_components/charts/chart-frame';
import { SeriesPaths } from '~/app/_components/charts/series';
import type { ScoreKey } from '~/lib/checkins/types';
import { PLOT } from '~/lib/charts/scale';
import { trendsChartModel } from '~/lib/charts/trends';
import type { Trends } from '~/server/trends/service';
import { MARKER_COLOURS, PLANNED, SCORE_STYLES, TAKEN_STYLE } from './colours';
import { ms } from './format';

export interface TrendsChartProps {
  trends: Trends;
  /** The scores drawn; each is drawn in a group named by its key, for the checkboxes to show or hide. */
  metrics: readonly ScoreKey[];
  id: string;
  summary: string;
}

const TODAY = '#334155';

export function TrendsChart({ trends, metrics, id, summary }: TrendsChartProps) {
  const t = useTranslations('Trends');
  const format = useFormatter();
  const model = trendsChartModel({ from: trends.from, to: trends.to, today: trends.today, days: trends.days, metrics, bands: trends.bands, markers: trends.markers });
  if (!model) return <p className="rounded-lg bg-slate-50 px-4 py-6 text-center text-slate-800">{t('chart.empty')}</p>;

  const tick = (iso: string) => format.dateTime(new Date(ms(iso)), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const byDay = new Map<number, (typeof model.markers)[number][]>();
  for (const m of model.markers) byDay.set(m.x, [...(byDay.get(m.x) ?? []), m]);

  return (
    <ChartFrame
      id={id}
      title={t('chart.title')}
      description={summary}
      xTicks={model.xTicks.map((x) => ({ ...x, text: tick(x.date) }))}
      left={{ label: t('chart.doseAxis'), ticks: model.mgTicks.map((y) => ({ y: y.y, text: format.number(y.value) })) }}
      right={{ label: t('chart.scoreAxis'), ticks: model.scoreTicks.map((y) => ({ y: y.y, text: format.number(y.value) })) }}
      above={[...byDay].map(([x, list]) => (
        <span key={x} className="absolute bottom-full mb-0.5 flex -translate-x-1/2 gap-0.5 text-sm leading-none font-bold" style={across(x)}>
          {list.map((m) => <span key={m.kind} style={{ color: MARKER_COLOURS[m.kind] }}>{t(`marker.${m.kind}`)}</span>)}
        </span>
      ))}
      plotOverlay={
        model.today && (
          <span aria-hidden="true" className="absolute top-1 ml-1 rounded-sm bg-white/85 px-0.5 text-xs leading-tight font-semibold text-slate-700" style={across(model.today.x)}>
            {t('chart.today')}
          </span>
        )
      }
    >
      {model.bands.map((b, i) => (
        <rect
          key={`band-${i}`}
          data-metric={b.key}
          x={0}
          width={PLOT.width}
          y={b.y1}
          height={Math.max(0, b.y2 - b.y1)}
          fill={SCORE_STYLES[b.key].colour}
          fillOpacity={0.1}
          stroke={SCORE_STYLES[b.key].colour}
          strokeOpacity={0.5}
          strokeDasharray="2 4"
          style={keepStroke}
        />
      ))}
      {model.markers.map((m) => (
        <line
          key={`${m.date}-${m.kind}`}
          x1={m.x}
          x2={m.x}
          y1={0}
          y2={PLOT.height}
          stroke={MARKER_COLOURS[m.kind]}
          strokeWidth={m.kind === 'red-flag' ? 2.5 : 1.5}
          strokeDasharray={m.kind === 'red-flag' ? undefined : '5 3'}
          style={keepStroke}
        />
      ))}
      {model.today && <line x1={model.today.x} x2={model.today.x} y1={0} y2={PLOT.height} stroke={TODAY} strokeWidth={2} strokeDasharray="2 3" style={keepStroke} />}
      <path d={model.planned.path} fill="none" stroke={PLANNED} strokeWidth={3} style={keepStroke} />
      <SeriesPaths line={model.taken.line} dots={model.taken.dots} style={TAKEN_STYLE} width={1.5} dotSize={8} />
      {model.scores.map((s) => (
        <g key={s.key} data-metric={s.key}>
          <SeriesPaths line={s.series.line} dots={s.series.dots} style={SCORE_STYLES[s.key]} />
        </g>
      ))}
    </ChartFrame>
  );
}
