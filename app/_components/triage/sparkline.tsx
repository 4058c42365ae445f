// A 14-day spasticity sparkline: a tiny inline SVG (cheap for hundreds of rows) with a spoken summary and gaps for missing days.
import { useTranslations } from 'next-intl';

const WIDTH = 112;
const HEIGHT = 32;
const PAD = 4;
/** Spasticity is scored 0–10: a fixed scale keeps every row comparable at a glance. */
const MAX = 10;

/** One value per day, oldest first; null for a day without a score. */
export type SparkValues = readonly (number | null)[];

/** Runs of consecutive days with a value: each run is drawn on its own, so a missing day leaves a gap. */
export function runsOf(points: SparkValues): { index: number; value: number }[][] {
  const runs: { index: number; value: number }[][] = [];
  let current: { index: number; value: number }[] = [];
  points.forEach((value, index) => {
    if (value === null) {
      if (current.length) runs.push(current);
      current = [];
    } else {
      current.push({ index, value });
    }
  });
  if (current.length) runs.push(current);
  return runs;
}

export function Sparkline({ points, className = '' }: { points: SparkValues; className?: string }) {
  const t = useTranslations('Triage.sparkline');
  const values = points.filter((v): v is number => v !== null);
  const missing = points.length - values.length;
  const latest = values.at(-1);
  const label =
    latest === undefined
      ? t('none', { days: points.length })
      : t('summary', { days: points.length, min: Math.min(...values), max: Math.max(...values), latest, missing });

  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  const x = (i: number) => PAD + i * step;
  const y = (v: number) => PAD + (1 - Math.min(Math.max(v, 0), MAX) / MAX) * (HEIGHT - 2 * PAD);
  const lastIndex = points.findLastIndex((v) => v !== null);

  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      focusable="false"
      className={`shrink-0 overflow-visible text-brand-800 ${className}`}
    >
      {/* The 0 and 10 lines frame the fixed scale. */}
      <line x1={PAD} x2={WIDTH - PAD} y1={y(0)} y2={y(0)} stroke="#94a3b8" strokeWidth={1} />
      <line x1={PAD} x2={WIDTH - PAD} y1={y(MAX)} y2={y(MAX)} stroke="#e2e8f0" strokeWidth={1} />
      {/* A missing day: a small hollow tick on the baseline, so a gap reads as "no check-in", not as a low score. */}
      {points.map((v, i) =>
        // The days never move within a row, so a day's place is its key.
        v === null ? <line key={i} x1={x(i)} x2={x(i)} y1={y(0) - 2} y2={y(0) + 2} stroke="#64748b" strokeWidth={1} /> : null,
      )}
      {runsOf(points).map((run) =>
        run.length > 1 ? (
          <polyline
            key={run[0]?.index}
            points={run.map((r) => `${x(r.index)},${y(r.value)}`).join(' ')}
            fill="none"
            stroke="currentColor"
            strokeWidth={1.75}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        ) : (
          <circle key={run[0]?.index} cx={x(run[0]?.index ?? 0)} cy={y(run[0]?.value ?? 0)} r={1.75} fill="currentColor" />
        ),
      )}
      {lastIndex >= 0 && <circle cx={x(lastIndex)} cy={y(points[lastIndex] ?? 0)} r={3} fill="currentColor" />}
    </svg>
  );
}
