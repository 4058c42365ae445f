// Property tests of the chart geometry: for any plan and any period of check-ins, everything drawn lies in the plot, in date order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreKeys, type ScoreKey } from '~/lib/checkins/types';
import { addDays, daysBetween } from '~/lib/dates';
import { PLOT } from './scale';
import { doseChartModel, type StepLike } from './step-path';
import { trendsChartModel } from './trends';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const BASE = '2026-01-01';

/** The points a path visits, in order (M, L, H, V and the h0 of a dot). */
function visits(d: string): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MLHVh])([^MLHVh]*)/g)) {
    const v = (args ?? '').trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (cmd === 'M' || cmd === 'L') [x = Number.NaN, y = Number.NaN] = v;
    else if (cmd === 'H') x = v[0] ?? Number.NaN;
    else if (cmd === 'V') y = v[0] ?? Number.NaN;
    else if (cmd === 'h') x += v[0] ?? Number.NaN;
    out.push({ x, y });
  }
  return out;
}

const inPlot = (p: { x: number; y: number }) => p.x >= 0 && p.x <= PLOT.width && p.y >= 0 && p.y <= PLOT.height;

const stepsArb: fc.Arbitrary<StepLike[]> = fc
  .record({
    offset: fc.integer({ min: -400, max: 400 }),
    lengths: fc.array(fc.integer({ min: 1, max: 42 }), { minLength: 1, maxLength: 40 }),
    dailies: fc.array(fc.integer({ min: 0, max: 320 }).map((h) => h / 4), { minLength: 40, maxLength: 40 }),
  })
  .map(({ offset, lengths, dailies }) => {
    let start = addDays(BASE, offset);
    return lengths.map((days, i) => {
      const step = { index: i, startDate: start, endDate: addDays(start, days - 1), days, dailyMg: dailies[i] ?? 0 };
      start = addDays(start, days);
      return step;
    });
  });

describe('the dose chart, for any plan', () => {
  it('draws every step inside the plot, in date order, one after the other', () => {
    fc.assert(
      fc.property(stepsArb, fc.integer({ min: 0, max: 320 }).map((h) => h / 4), fc.integer({ min: -500, max: 2000 }), (steps, currentMg, todayOffset) => {
        const today = addDays(BASE, todayOffset);
        const model = doseChartModel(steps, currentMg, today);
        if (!model) throw new Error('a plan with steps has a chart');
        // The lead-in and one segment per step, each inside the plot, starting where the last one ended.
        expect(model.segments).toHaveLength(steps.length + 1);
        model.segments.forEach((s, i) => {
          expect(inPlot({ x: s.x1, y: s.y }) && inPlot({ x: s.x2, y: s.y })).toBe(true);
          expect(s.x1).toBeLessThan(s.x2);
          if (i > 0) expect(s.x1).toBe(model.segments[i - 1]?.x2);
          if (i > 0) expect(s.startDate > (model.segments[i - 1]?.startDate ?? '')).toBe(true);
        });
        expect(model.segments[0]?.x1).toBe(0);
        expect(model.segments.at(-1)?.x2).toBe(PLOT.width);
        // The path visits only points in the plot, never going back in time.
        const path = visits(model.path);
        expect(path.every(inPlot)).toBe(true);
        path.forEach((p, i) => i > 0 && expect(p.x).toBeGreaterThanOrEqual(path[i - 1]?.x ?? 0));
        // The y axis starts at 0 and reaches the largest dose.
        expect(model.yTicks[0]).toEqual({ value: 0, y: PLOT.height });
        expect(model.yTicks.at(-1)?.value).toBeGreaterThanOrEqual(Math.max(currentMg, ...steps.map((s) => s.dailyMg)));
        // Ticks in order, inside the plot.
        model.xTicks.forEach((t, i) => {
          expect(t.x >= 0 && t.x <= PLOT.width).toBe(true);
          if (i > 0) expect(t.x).toBeGreaterThan(model.xTicks[i - 1]?.x ?? 0);
        });
        // Today is marked exactly when it falls in the drawn days, and the running step contains it.
        const inside = model.axis.from <= today && today <= model.axis.to;
        expect(model.today !== null).toBe(inside);
        if (model.today) expect(inPlot({ x: model.today.x, y: 0 })).toBe(true);
        if (model.running) {
          expect(model.today).not.toBeNull();
          expect(model.running.x1 <= (model.today?.x ?? -1) && (model.today?.x ?? Infinity) <= model.running.x2).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('has the empty state, and only it, for a plan without steps', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), (mg) => doseChartModel([], mg) === null), { numRuns: 20 });
  });
});

const dayArb = fc.record({
  planned: fc.option(fc.integer({ min: 0, max: 160 }).map((h) => h / 2), { nil: null }),
  taken: fc.option(fc.integer({ min: 0, max: 200 }).map((h) => h / 2), { nil: null }),
  scores: fc.dictionary(fc.constantFrom(...scoreKeys), fc.integer({ min: 0, max: 10 })),
});

describe('the trends chart, for any period', () => {
  it('draws every value inside the plot, in date order, with a dot per value', () => {
    fc.assert(
      fc.property(
        fc.array(dayArb, { minLength: 1, maxLength: 200 }),
        fc.subarray([...scoreKeys]),
        fc.array(fc.record({ at: fc.integer({ min: -5, max: 205 }), kind: fc.constantFrom('plan-change', 'red-flag') }), { maxLength: 10 }),
        fc.integer({ min: -5, max: 205 }),
        (values, metrics: ScoreKey[], events, todayAt) => {
          const to = addDays(BASE, values.length - 1);
          // Shuffled input: the model sorts by date itself.
          const days = values.map((v, i) => ({ date: addDays(BASE, i), plannedMg: v.planned, takenMg: v.taken, scores: v.scores })).reverse();
          const model = trendsChartModel({
            from: BASE, to, today: addDays(BASE, todayAt), days, metrics,
            bands: metrics.map((key) => ({ key, from: 7, to: 10 })),
            markers: events.map((e) => ({ date: addDays(BASE, e.at), kind: e.kind })),
          });
          const anything = days.some((d) => d.plannedMg !== null || d.takenMg !== null || metrics.some((k) => d.scores[k] !== undefined));
          expect(model !== null).toBe(anything);
          if (!model) return;
          expect(model.days).toBe(daysBetween(BASE, to) + 1);

          const lines = [model.planned.path, model.taken.line, model.taken.dots, ...model.scores.flatMap((s) => [s.series.line, s.series.dots])];
          for (const line of lines) expect(visits(line).every(inPlot)).toBe(true);
          // Lines run forward in time.
          for (const line of [model.planned.path, model.taken.line, ...model.scores.map((s) => s.series.line)]) {
            const path = visits(line);
            path.forEach((p, i) => i > 0 && expect(p.x).toBeGreaterThanOrEqual(path[i - 1]?.x ?? 0));
          }
          // One dot per recorded value (periods short enough for dots), and one point per value either way.
          expect(model.taken.points).toBe(days.filter((d) => d.takenMg !== null).length);
          if (model.days <= 120) expect(model.taken.dots.match(/h0/g)?.length ?? 0).toBe(model.taken.points);
          for (const s of model.scores) expect(s.series.points).toBe(days.filter((d) => d.scores[s.key] !== undefined).length);
          // Planned steps never overlap and stay in date order.
          model.planned.segments.forEach((s, i) => {
            expect(s.x1).toBeLessThan(s.x2);
            if (i > 0) expect(s.x1).toBeGreaterThanOrEqual(model.planned.segments[i - 1]?.x2 ?? 0);
          });
          // Bands and markers inside the plot; markers only for days in the period, one per kind and day.
          for (const b of model.bands) expect(0 <= b.y1 && b.y1 <= b.y2 && b.y2 <= PLOT.height).toBe(true);
          for (const m of model.markers) expect(m.x >= 0 && m.x <= PLOT.width && BASE <= m.date && m.date <= to).toBe(true);
          expect(new Set(model.markers.map((m) => `${m.date} ${m.kind}`)).size).toBe(model.markers.length);
          if (model.today) expect(model.today.x >= 0 && model.today.x <= PLOT.width).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
