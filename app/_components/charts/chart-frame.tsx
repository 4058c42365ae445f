// The frame of a chart drawn on the server: an svg stretched over the plot (named by its title and described),
// with the axis labels as HTML around it so they keep their size on a phone and on a desktop alike.
// No hooks and no client code: server pages render it as plain HTML, and client forms can render it too.
import type { CSSProperties, ReactNode } from 'react';
import { PLOT, type AxisTick } from '~/lib/charts/scale';

export interface ValueTick {
  y: number;
  text: string;
}

export interface DateTick extends AxisTick {
  text: string;
}

/** Where a plot coordinate sits, as a share of the plot box. */
export const across = (x: number): CSSProperties => ({ left: `${x / (PLOT.width / 100)}%` });
export const down = (y: number): CSSProperties => ({ top: `${y / (PLOT.height / 100)}%` });

/** Shown on a narrow chart, a wide one, or both: a phone has room for about four dates. */
export function tickClass(t: AxisTick): string {
  return t.narrow && t.wide ? '' : t.narrow ? '@lg:hidden' : 'hidden @lg:block';
}

/** Lines keep their width and dashes whatever the plot is stretched to. */
export const keepStroke = { vectorEffect: 'non-scaling-stroke' } as const;

export const GRID = '#cbd5e1';
export const AXIS = '#64748b';

export function ChartFrame({
  id,
  title,
  description,
  xTicks,
  left,
  right,
  xLabel,
  above,
  children,
  plotOverlay,
}: {
  /** Unique on the page: the svg is named by `${id}-title` and described by `${id}-desc`. */
  id: string;
  title: string;
  description: string;
  xTicks: readonly DateTick[];
  left: { label: string; ticks: readonly ValueTick[] };
  right?: { label: string; ticks: readonly ValueTick[] };
  xLabel?: string;
  /** Labels over the plot's top edge (today, events), placed with `across`. */
  above?: ReactNode;
  /** The svg's content, in plot coordinates (PLOT.width × PLOT.height). */
  children: ReactNode;
  /** HTML laid over the plot box, e.g. labels inside it. */
  plotOverlay?: ReactNode;
}) {
  return (
    <div data-chart-frame="" className="@container">
      <div className={`relative h-64 pt-8 pl-11 @lg:h-80 ${right ? 'pr-9' : 'pr-3'} ${xLabel ? 'pb-12' : 'pb-8'}`}>
        <span aria-hidden="true" className="absolute top-0 left-0 text-xs font-semibold text-slate-700">{left.label}</span>
        {right && <span aria-hidden="true" className="absolute top-0 right-0 text-xs font-semibold text-slate-700">{right.label}</span>}
        <div data-chart-plot="" className="relative h-full">
          <svg
            role="img"
            aria-labelledby={`${id}-title`}
            aria-describedby={`${id}-desc`}
            viewBox={`0 0 ${PLOT.width} ${PLOT.height}`}
            preserveAspectRatio="none"
            className="absolute inset-0 block size-full overflow-visible"
          >
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{description}</desc>
            <g stroke={GRID} strokeWidth={1} strokeDasharray="3 3" fill="none">
              {left.ticks.map((t) => <line key={t.y} x1={0} x2={PLOT.width} y1={t.y} y2={t.y} style={keepStroke} />)}
              {xTicks.map((t) => <line key={t.date} className={tickClass(t)} x1={t.x} x2={t.x} y1={0} y2={PLOT.height} style={keepStroke} />)}
            </g>
            {children}
            <path d={`M0 0V${PLOT.height}H${PLOT.width}${right ? `V0` : ''}`} fill="none" stroke={AXIS} strokeWidth={1.5} style={keepStroke} />
          </svg>
          {/* The numbers are in the table beside the chart: these labels are for the eye only. */}
          <div aria-hidden="true" className="text-xs text-slate-700 tabular-nums">
            {left.ticks.map((t) => (
              <span key={t.y} className="absolute right-full mr-1.5 -translate-y-1/2 leading-none" style={down(t.y)}>{t.text}</span>
            ))}
            {right?.ticks.map((t) => (
              <span key={t.y} className="absolute left-full ml-1.5 -translate-y-1/2 leading-none" style={down(t.y)}>{t.text}</span>
            ))}
            {xTicks.map((t) => (
              <span key={t.date} className={`absolute top-full mt-2 -translate-x-1/2 leading-none whitespace-nowrap ${tickClass(t)}`} style={across(t.x)}>
                {t.text}
              </span>
            ))}
            {xLabel && <span className="absolute top-full left-1/2 mt-7 -translate-x-1/2 font-semibold">{xLabel}</span>}
          </div>
          {above && <div aria-hidden="true">{above}</div>}
          {plotOverlay}
        </div>
      </div>
    </div>
  );
}
