// The code systems, codes and profiles the FHIR export speaks, in one place, and the text helpers every mapper uses.
import type { RedFlagCode, ScoreKey } from '~/lib/checkins/types';
import type { CodeableConcept, Coding, Quantity } from './types';

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const SNOMED = 'http://snomed.info/sct';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const FLAG_CATEGORY = 'http://terminology.hl7.org/CodeSystem/flag-category';
export const GOAL_ACHIEVEMENT = 'http://terminology.hl7.org/CodeSystem/goal-achievement';
export const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

/** Taperline's own codes, for what no standard code names (most check-in scores, plan warnings, alerts). */
const TAPERLINE_FHIR = 'https://taperline.example/fhir/CodeSystem';
export const CHECK_IN_SYSTEM = `${TAPERLINE_FHIR}/check-in`;
export const PLAN_WARNING_SYSTEM = `${TAPERLINE_FHIR}/plan-warning`;
export const ALERT_SYSTEM = `${TAPERLINE_FHIR}/alert`;
export const RED_FLAG_SYSTEM = `${TAPERLINE_FHIR}/red-flag`;
export const DOSE_STATUS_SYSTEM = `${TAPERLINE_FHIR}/dose-status`;

/** Identifier systems: the record's own ids, so a resource can be traced back to its row. */
export const ID_SYSTEM = {
  patient: 'urn:taperline:patient',
  clinician: 'urn:taperline:clinician',
  plan: 'urn:taperline:plan',
  planVersion: 'urn:taperline:plan-version',
  checkIn: 'urn:taperline:check-in',
  alert: 'urn:taperline:alert',
  note: 'urn:taperline:note',
  goal: 'urn:taperline:goal',
  bundle: 'urn:taperline:export',
} as const;

export const PROFILE = {
  heartRate: 'http://hl7.org/fhir/StructureDefinition/heartrate',
  bloodPressure: 'http://hl7.org/fhir/StructureDefinition/bp',
} as const;

/** RxNorm 1292 is the baclofen ingredient: the export names the drug, the products live in the plan's text. */
export const BACLOFEN: CodeableConcept = {
  coding: [{ system: RXNORM, code: '1292', display: 'baclofen' }],
  text: 'Baclofen (oral)',
};

export const ORAL_ROUTE: CodeableConcept = {
  coding: [{ system: SNOMED, code: '26643006', display: 'Oral route' }],
  text: 'By mouth',
};

// Verified LOINC codes: 8867-4 heart rate; 85354-9 blood pressure panel, 8480-6 systolic, 8462-4 diastolic;
// 55758-7 PHQ-2 total score [Reported], items 44250-9 (little interest or pleasure) and 44255-8 (feeling down);
// 69725-0 (nervous, anxious or on edge) and 68509-9 (not able to stop or control worrying) are the GAD-7 items
// 1 and 2 that make up the GAD-2; 72514-3 pain severity 0-10 verbal numeric rating; 93832-4 sleep duration.
// 70274-6 is the GAD-7 total (0-21), not a GAD-2 total (0-6): claiming it for a two-item sum would mislead a
// receiving system, so the GAD-2 total carries a Taperline code.
export function loinc(code: string, display: string): Coding {
  return { system: LOINC, code, display };
}

export function local(code: string, display: string): Coding {
  return { system: CHECK_IN_SYSTEM, code, display };
}

export function category(code: 'vital-signs' | 'survey' | 'therapy', display: string): CodeableConcept[] {
  return [{ coding: [{ system: OBSERVATION_CATEGORY, code, display }] }];
}

export function mg(value: number): Quantity {
  return { value, unit: 'mg', system: UCUM, code: 'mg' };
}

/** The check-in scores: a LOINC code where one means exactly this, else a Taperline code. */
export const SCORE_CODES: Record<ScoreKey, { codings: Coding[]; text: string }> = {
  spasticity: { codings: [local('spasticity', 'Spasticity / muscle tightness (0-10)')], text: 'Spasticity / muscle tightness, 0 none to 10 worst possible' },
  spasmFrequency: { codings: [local('spasm-frequency', 'Penn spasm frequency (0-4)')], text: 'Penn spasm frequency, 0 none to 4 more than ten an hour' },
  sleepQuality: { codings: [local('sleep-quality', 'Sleep quality (0-10)')], text: 'Sleep quality, 0 terrible to 10 excellent' },
  restlessness: { codings: [local('restlessness', 'Restlessness / jitteriness (0-10)')], text: 'Restlessness / jitteriness, 0 to 10' },
  anxiety: { codings: [local('anxiety', 'Anxiety (0-10)')], text: 'Anxiety, 0 to 10' },
  mood: { codings: [local('mood', 'Mood (0-10)')], text: 'Mood, 0 to 10' },
  pain: {
    codings: [loinc('72514-3', 'Pain severity - 0-10 verbal numeric rating [Score] - Reported'), local('pain', 'Pain (0-10)')],
    text: 'Pain, 0 to 10',
  },
  headache: { codings: [local('headache', 'Headache (0-10)')], text: 'Headache, 0 to 10' },
  nausea: { codings: [local('nausea', 'Nausea (0-10)')], text: 'Nausea, 0 to 10' },
  strengthMobility: { codings: [local('strength-mobility', 'Strength or mobility (0-10)')], text: 'Strength or mobility, 0 to 10' },
};

export const RED_FLAG_TEXT: Record<RedFlagCode, string> = {
  hallucinations: 'hallucinations or delusions',
  confusion: 'confusion, disorientation, abnormal behaviour or reduced consciousness',
  seizure: 'seizure or convulsion',
  'high-fever': 'high fever',
  rigidity: 'marked rigidity or sudden severe return of spasticity',
  'dark-urine-muscle-pain': 'dark urine with muscle pain',
  'fast-heartbeat-or-unstable-bp': 'fast heartbeat or unstable blood pressure',
  'fainting-or-sudden-immobility': 'fainting or sudden loss of mobility',
  'severe-anxiety-agitation': 'severe anxiety or agitation',
  'self-harm-thoughts': 'thoughts of self-harm',
};

/**
 * A record's free text as a FHIR string, or undefined when nothing is left. FHIR strings may not be blank
 * nor hold control characters other than tab, CR and LF: those are replaced by a space rather than
 * refusing the whole export over a stray character a phone keyboard put in a note.
 */
export function fhirText(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  const cleaned = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ' ');
  return cleaned.trim() === '' ? undefined : cleaned;
}

/** Milligrams as people write them: no trailing zeros, no float dust (0.30000000000000004). */
export function mgText(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
