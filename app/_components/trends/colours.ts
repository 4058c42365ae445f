// The trends chart's colours, shared by the chart and its HTML key: each at least 3:1 against white (WCAG non-text contrast).
import type { ScoreKey } from '~/lib/checkins/types';
import type { Marker } from '~/server/trends/service';

export const PLANNED = '#115e59';
export const TAKEN = '#1e3a8a';

export const SCORE_COLOURS: Record<ScoreKey, string> = {
  spasticity: '#7c3aed',
  sleepQuality: '#b45309',
  spasmFrequency: '#be185d',
  restlessness: '#4d7c0f',
  anxiety: '#0369a1',
  mood: '#15803d',
  pain: '#9f1239',
  headache: '#4338ca',
  nausea: '#0e7490',
  strengthMobility: '#57534e',
};

export const MARKER_COLOURS: Record<Marker['kind'], string> = {
  'plan-change': '#334155',
  'red-flag': '#b91c1c',
  'weekly-review': '#0369a1',
  'mdt-review': '#6d28d9',
};
