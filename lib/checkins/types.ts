// The facts of a daily check-in that the pure rules (red flags, stop-go criteria) read, and what a submission answers.

/** Symptom scores, 0–10 except Penn spasm frequency (0–4). */
export const scoreKeys = [
  'spasticity', 'spasmFrequency', 'sleepQuality', 'restlessness', 'anxiety', 'mood', 'pain', 'headache', 'nausea', 'strengthMobility',
] as const;
export type ScoreKey = (typeof scoreKeys)[number];

export const scoreScale: Record<ScoreKey, { max: number; higherIs: 'worse' | 'better' }> = {
  spasticity: { max: 10, higherIs: 'worse' },
  spasmFrequency: { max: 4, higherIs: 'worse' },
  sleepQuality: { max: 10, higherIs: 'better' },
  restlessness: { max: 10, higherIs: 'worse' },
  anxiety: { max: 10, higherIs: 'worse' },
  mood: { max: 10, higherIs: 'better' },
  pain: { max: 10, higherIs: 'worse' },
  headache: { max: 10, higherIs: 'worse' },
  nausea: { max: 10, higherIs: 'worse' },
  strengthMobility: { max: 10, higherIs: 'better' },
};

/** The red-flag questions a patient answers every day (DOMAIN: "Red flags: urgent, never just a chart point"). */
export const redFlagCodes = [
  'hallucinations',
  'confusion',
  'seizure',
  'high-fever',
  'rigidity',
  'dark-urine-muscle-pain',
  'fast-heartbeat-or-unstable-bp',
  'fainting-or-sudden-immobility',
  'severe-anxiety-agitation',
  'self-harm-thoughts',
] as const;
export type RedFlagCode = (typeof redFlagCodes)[number];

export interface CheckInFacts {
  /** The patient's local date, YYYY-MM-DD. */
  localDate: string;
  scores: Partial<Record<ScoreKey, number>>;
  sleepHours: number | null;
  dosesPlanned: number;
  dosesMissed: number;
  /** Red-flag questions answered yes. */
  redFlags: RedFlagCode[];
  heartRate?: number | null;
  systolic?: number | null;
  diastolic?: number | null;
}

/** What a submission answers, stored with its idempotency key so a resend gets the same answer back (its
 *  schema, checkInResultSchema, is in ./inputs: this module is in the check-in page's first download, zod is not). */
export interface CheckInResult {
  checkInId: string;
  localDate: string;
  revision: number;
  redFlags: { code: string; kind: 'reported' | 'vital' | 'pattern' }[];
  urgent: boolean;
  alertsRaised: number;
}
