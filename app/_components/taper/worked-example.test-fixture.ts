// The engine's worked example (60 mg/day TID on 10 mg scored tablets, 10% per 2 weeks, cap 25%), shared by
// the taper components' tests.
import type { TaperInput } from '~/lib/taper/types';

export const workedExample: TaperInput = {
  currentDailyMg: 60,
  doseTimes: ['08:00', '14:00', '22:00'],
  split: { kind: 'even' },
  formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
  strategy: { kind: 'percent', percent: 10, minCutMg: 2.5, maxCutMg: 10 },
  stepDays: 14,
  targetDailyMg: 0,
  startDate: '2026-12-01',
  maxCutPercent: 25,
};
