'use client';
// The chart inspector, loaded on demand: laid over a server-drawn chart's plot, it reads out the step or day under
// the pointer, or the one chosen with the arrow keys (a slider for keyboards and screen readers).
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { PLOT } from '~/lib/charts/scale';
import type { InspectData } from './inspect-data';

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The plot's box inside the frame, kept up to date as the page resizes. */
function usePlotBox(frame: RefObject<HTMLDivElement | null>): Box | null {
  const [box, setBox] = useState<Box | null>(null);
  useEffect(() => {
    const outer = frame.current;
    const plot = outer?.querySelector<HTMLElement>('[data-chart-plot]');
    if (!outer || !plot) return;
    const measure = () => {
      const o = outer.getBoundingClientRect();
      const p = plot.getBoundingClientRect();
      setBox({ left: p.left - o.left, top: p.top - o.top, width: p.width, height: p.height });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(outer);
    observer.observe(plot);
    return () => observer.disconnect();
  }, [frame]);
  return box;
}

/** The scores hidden with the chart's checkboxes (space-separated), as a store React can subscribe to. */
function hiddenMetricsStore(frame: RefObject<HTMLDivElement | null>) {
  const scope = () => frame.current?.closest('[data-chart-scope]') ?? null;
  return {
    subscribe(onChange: () => void) {
      const element = scope();
      element?.addEventListener('change', onChange);
      return () => element?.removeEventListener('change', onChange);
    },
    snapshot(): string {
      const boxes = [...(scope()?.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-show]') ?? [])];
      return boxes.filter((b) => !b.checked).map((b) => b.value).join(' ');
    },
  };
}

export function Inspector({ data, frame }: { data: InspectData; frame: RefObject<HTMLDivElement | null> }) {
  const box = usePlotBox(frame);
  const store = useMemo(() => hiddenMetricsStore(frame), [frame]);
  const hidden = new Set(useSyncExternalStore(store.subscribe, store.snapshot, () => '').split(' '));
  const [index, setIndex] = useState(0);
  const slider = useRef<HTMLDivElement>(null);
  const count = data.rows.length;

  // Asked for with the button: the keyboard goes straight to the read-out, once it is there.
  const measured = box !== null;
  useEffect(() => {
    if (measured) slider.current?.focus();
  }, [measured]);

  const row = data.rows[Math.min(index, count - 1)];
  if (!box || !row) return null;

  const lines = data.columns
    .map((c, i) => ({ column: c, value: row.values[i] ?? null }))
    .filter(({ column }) => column.metric === undefined || !hidden.has(column.metric));
  const text = `${row.title}: ${lines.map(({ column, value }) => `${column.label} ${value ?? '–'}`).join('; ')}`;

  const at = (clientX: number, target: HTMLElement) => {
    const rect = target.getBoundingClientRect();
    const x = ((clientX - rect.left) / rect.width) * PLOT.width;
    const found = data.rows.findIndex((r) => x >= r.x1 && x < r.x2);
    setIndex(found >= 0 ? found : x < (data.rows[0]?.x1 ?? 0) ? 0 : count - 1);
  };
  const onPointer = (e: PointerEvent<HTMLDivElement>) => at(e.clientX, e.currentTarget);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.round(count / 10));
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowUp: index + 1, ArrowLeft: index - 1, ArrowDown: index - 1, PageUp: index + page, PageDown: index - page, Home: 0, End: count - 1 };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    setIndex(Math.max(0, Math.min(count - 1, next)));
  };

  const left = (row.x1 / PLOT.width) * 100;
  const right = (row.x2 / PLOT.width) * 100;
  const mid = (left + right) / 2;
  return (
    <div className="absolute" style={{ left: box.left, top: box.top, width: box.width, height: box.height }}>
      <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 border-x border-blue-700/60 bg-blue-700/10" style={{ left: `${left}%`, width: `max(2px, ${right - left}%)` }} />
      <div
        aria-hidden="true"
        className="pointer-events-none absolute top-2 z-10 max-w-[min(18rem,90%)] rounded-md border border-slate-400 bg-white/95 px-3 py-2 text-sm text-slate-900 shadow-md"
        style={mid > 50 ? { right: `calc(${100 - mid}% + 0.5rem)` } : { left: `calc(${mid}% + 0.5rem)` }}
      >
        <p className="font-semibold">{row.title}</p>
        <dl className="mt-1 grid grid-cols-[auto_auto] gap-x-3 gap-y-0.5">
          {lines.map(({ column, value }) => (
            <div key={column.label} className="contents">
              <dt className="text-slate-700">{column.label}</dt>
              <dd className="text-right tabular-nums">{value ?? '–'}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div
        ref={slider}
        role="slider"
        tabIndex={0}
        aria-label={data.labels.inspector}
        aria-valuemin={1}
        aria-valuemax={count}
        aria-valuenow={index + 1}
        aria-valuetext={text}
        aria-orientation="horizontal"
        className="absolute inset-0 cursor-crosshair touch-pan-y rounded-sm"
        onPointerMove={onPointer}
        onPointerDown={onPointer}
        onKeyDown={onKey}
      />
    </div>
  );
}
