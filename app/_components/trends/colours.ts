// The trends chart's colours, dashes and dots, shared by the chart and its HTML key. Each colour is at least 3:1
// against white (WCAG non-text contrast), and no two lines differ by colour alone: each has its own dash and dot.
import type { ScoreKey } from '~/lib/checkins/types';
import type { Marker } from '~/server/trends/service';

export const PLANNED = '#115e59';
export const TAKEN = '#1e3a8a';

/** A dot drawn as a line cap: round or square, filled or hollow (white inside). */
export type DotShape = 'circle' | 'square' | 'ring' | 'hollow-square';

export interface LineStyle {
  colour: string;
  /** An svg stroke-dasharray; '' for a solid line. */
  dash: string;
  dot: DotShape;
}

export const TAKEN_STYLE: LineStyle = { colour: TAKEN, dash: '5 4', dot: 'square' };

export const SCORE_STYLES: Record<ScoreKey, LineStyle> = {
  spasticity: { colour: '#7c3aed', dash: '', dot: 'ring' },
  sleepQuality: { colour: '#b45309', dash: '10 4', dot: 'hollow-square' },
  spasmFrequency: { colour: '#be185d', dash: '2 3', dot: 'circle' },
  restlessness: { colour: '#4d7c0f', dash: '10 3 2 3', dot: 'ring' },
  anxiety: { colour: '#0369a1', dash: '6 3', dot: 'hollow-square' },
  mood: { colour: '#15803d', dash: '', dot: 'circle' },
  pain: { colour: '#9f1239', dash: '2 3', dot: 'ring' },
  headache: { colour: '#4338ca', dash: '10 4', dot: 'circle' },
  nausea: { colour: '#0e7490', dash: '6 3', dot: 'square' },
  strengthMobility: { colour: '#57534e', dash: '10 3 2 3', dot: 'hollow-square' },
};

export const SCORE_COLOURS: Record<ScoreKey, string> = Object.fromEntries(Object.entries(SCORE_STYLES).map(([k, s]) => [k, s.colour])) as Record<ScoreKey, string>;

export const MARKER_COLOURS: Record<Marker['kind'], string> = {
  'plan-change': '#334155',
  'red-flag': '#b91c1c',
  'weekly-review': '#0369a1',
  'mdt-review': '#6d28d9',
};
