'use client';
// The trends chart: planned dose as steps and dose taken on the left axis, chosen scores on a 0–10 right axis, criteria ranges as bands, events as markers.
import { useFormatter, useTranslations } from 'next-intl';
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScoreKey } from '~/lib/checkins/types';
import type { Trends } from '~/server/trends/service';
import { ms } from './format';
import { MARKER_COLOURS, PLANNED, SCORE_COLOURS, TAKEN } from './colours';

const GRID = '#cbd5e1';
const TEXT = '#334155';

export interface TrendsChartProps {
  trends: Trends;
  metrics: readonly ScoreKey[];
  summary: string;
}

type Row = { t: number; planned: number | null; taken: number | null } & Partial<Record<ScoreKey, number>>;

export function TrendsChart({ trends, metrics, summary }: TrendsChartProps) {
  const t = useTranslations('Trends');
  const format = useFormatter();
  const rows: Row[] = trends.days.map((d) => ({ t: ms(d.date), planned: d.plannedMg, taken: d.takenMg, ...d.scores }));
  // The last planned step is carried one day on, so the final day's width shows as a step.
  const last = trends.days.at(-1);
  if (last) rows.push({ t: ms(last.date) + 86_400_000, planned: last.plannedMg, taken: null });
  const domain = [ms(trends.from), ms(trends.to) + 86_400_000];
  const tick = (value: number) => format.dateTime(new Date(value), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const fullDate = (value: number) => format.dateTime(new Date(value), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const names: Record<string, string> = { planned: t('chart.planned'), taken: t('chart.taken'), ...Object.fromEntries(metrics.map((k) => [k, t(`metrics.${k}`)])) };
  const bands = trends.bands.filter((b) => metrics.includes(b.key));
  // Several events of a kind on one day (a plan agreed and started) share one marker: the events list names each.
  const markers = [...new Map(trends.markers.map((m) => [`${m.date} ${m.kind}`, m])).values()];

  return (
    // The svg is decoration for assistive tech: the label summarises it, the tables below hold the numbers.
    <div role="img" aria-label={summary} className="h-72 w-full sm:h-96 print:h-80">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 22, right: 4, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={tick} tick={{ fill: TEXT, fontSize: 12 }} stroke={TEXT} minTickGap={28} />
          <YAxis
            yAxisId="mg"
            domain={[0, 'auto']}
            allowDecimals={false}
            tick={{ fill: TEXT, fontSize: 12 }}
            stroke={TEXT}
            width={44}
            label={{ value: t('chart.doseAxis'), angle: -90, position: 'insideLeft', offset: 10, fill: TEXT, fontSize: 13, style: { textAnchor: 'middle' } }}
          />
          <YAxis
            yAxisId="score"
            orientation="right"
            domain={[0, 10]}
            ticks={[0, 2, 4, 6, 8, 10]}
            tick={{ fill: TEXT, fontSize: 12 }}
            stroke={TEXT}
            width={36}
            label={{ value: t('chart.scoreAxis'), angle: 90, position: 'insideRight', offset: 8, fill: TEXT, fontSize: 13, style: { textAnchor: 'middle' } }}
          />
          {bands.map((b, i) => (
            <ReferenceArea key={`band-${i}`} yAxisId="score" y1={b.from} y2={b.to} fill={SCORE_COLOURS[b.key]} fillOpacity={0.1} stroke={SCORE_COLOURS[b.key]} strokeOpacity={0.4} strokeDasharray="2 4" ifOverflow="hidden" />
          ))}
          {markers.map((m, i) => (
            <ReferenceLine
              key={`marker-${i}`}
              yAxisId="mg"
              x={ms(m.date)}
              stroke={MARKER_COLOURS[m.kind]}
              strokeWidth={m.kind === 'red-flag' ? 2.5 : 1.5}
              strokeDasharray={m.kind === 'red-flag' ? undefined : '5 3'}
              label={{ value: t(`marker.${m.kind}`), position: 'top', fill: MARKER_COLOURS[m.kind], fontSize: 13, fontWeight: 700 }}
            />
          ))}
          {trends.to > trends.today && (
            <ReferenceLine
              yAxisId="mg"
              x={ms(trends.today)}
              stroke={TEXT}
              strokeWidth={2}
              strokeDasharray="2 3"
              label={{ value: t('chart.today'), position: 'insideTopLeft', fill: TEXT, fontSize: 13, fontWeight: 600 }}
            />
          )}
          <Tooltip
            labelFormatter={(label) => (typeof label === 'number' ? fullDate(label) : String(label))}
            formatter={(value, name) => [
              typeof value === 'number' ? (name === 'planned' || name === 'taken' ? t('chart.mg', { mg: value }) : t('chart.score', { value })) : String(value),
              names[String(name)] ?? String(name),
            ]}
          />
          <Line yAxisId="mg" type="stepAfter" dataKey="planned" name="planned" stroke={PLANNED} strokeWidth={3} dot={false} activeDot={{ r: 4 }} isAnimationActive={false} connectNulls={false} />
          <Line
            yAxisId="mg"
            type="linear"
            dataKey="taken"
            name="taken"
            stroke={TAKEN}
            strokeWidth={1.5}
            strokeDasharray="4 3"
            dot={{ r: 4, fill: TAKEN, stroke: TAKEN }}
            activeDot={{ r: 6 }}
            isAnimationActive={false}
            connectNulls={false}
          />
          {metrics.map((key) => (
            <Line
              key={key}
              yAxisId="score"
              type="linear"
              dataKey={key}
              name={key}
              stroke={SCORE_COLOURS[key]}
              strokeWidth={2}
              dot={{ r: 3, fill: '#fff', stroke: SCORE_COLOURS[key], strokeWidth: 2 }}
              activeDot={{ r: 5 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
