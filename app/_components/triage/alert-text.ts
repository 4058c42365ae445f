// Alerts in words: red-flag and pattern codes, kinds, plan-safety codes, and a safe reading of each alert's stored evidence.
import type { createTranslator, Messages } from 'next-intl';
import { z } from 'zod';
import { rescueAlertReasons, type RescueAlertReason } from '~/lib/adjuncts/rescue';
import { planSafetyCodes, type PlanSafetyCode } from '~/lib/alerts/plan-safety';
import { redFlagPatternCodes, redFlagVitalCodes, type PatternCode, type VitalCode } from '~/lib/checkins/red-flags';
import { redFlagCodes, type RedFlagCode } from '~/lib/checkins/types';
import { firedSchema } from '~/lib/criteria/types';

/** A translator for the `Alerts` namespace, from `useTranslations('Alerts')` or `await getTranslations('Alerts')`. */
export type AlertsTranslator = ReturnType<typeof createTranslator<Messages, 'Alerts'>>;

export type AlertCode = RedFlagCode | VitalCode | PatternCode;

export function isRedFlagCode(code: string): code is RedFlagCode {
  return (redFlagCodes as readonly string[]).includes(code);
}

export function isRescueCode(code: string): code is RescueAlertReason {
  return (rescueAlertReasons as readonly string[]).includes(code);
}

export function isPlanSafetyCode(code: string): code is PlanSafetyCode {
  return (planSafetyCodes as readonly string[]).includes(code);
}

export function isPatternCode(code: string): code is PatternCode {
  return (redFlagPatternCodes as readonly string[]).includes(code);
}

export function isVitalCode(code: string): code is VitalCode {
  return (redFlagVitalCodes as readonly string[]).includes(code);
}

/** A red-flag, vital-sign or pattern code in words; an unknown code (a newer server) is shown as it is rather than hidden. */
export function redFlagName(code: string, t: AlertsTranslator): string {
  return isRedFlagCode(code) || isVitalCode(code) || isPatternCode(code) ? t(`codes.${code}`) : code;
}

/** What kind of alert it is, in words: a red flag is told apart as reported, a vital sign or a pattern. */
export function alertKindName(alert: { kind: 'red-flag' | 'criterion' | 'missed-check-in' | 'rescue-medication' | 'plan-safety'; code: string }, t: AlertsTranslator): string {
  if (alert.kind === 'red-flag' && isPatternCode(alert.code)) return t('kind.pattern');
  if (alert.kind === 'red-flag' && isVitalCode(alert.code)) return t('kind.vital-sign');
  return t(`kind.${alert.kind}`);
}

// Evidence is stored as JSON: it is read through these schemas, never trusted as typed.
const redFlagEvidence = z.array(
  z.object({
    date: z.string(),
    value: z.union([z.number(), z.boolean()]),
    measure: z.enum(['reported', 'pain', 'agitation', 'sleepHours', 'sleepQuality', 'heartRate', 'systolic', 'diastolic']),
  }),
);
export type RedFlagEvidenceItem = z.infer<typeof redFlagEvidence>[number];

const firedEvidence = firedSchema;
export type FiredEvidence = z.infer<typeof firedEvidence>;

const rescueEvidence = z.object({
  therapyId: z.string(),
  reason: z.enum(rescueAlertReasons),
  daysUsed: z.number(),
  maxDays: z.number(),
  startedOn: z.string(),
  lastAllowedDay: z.string(),
  followUpOn: z.string(),
  stoppedOn: z.string().nullable(),
});
export type RescueEvidence = z.infer<typeof rescueEvidence>;

const planSafetyEvidence = z.object({ planId: z.string(), statusBefore: z.string(), stoppedVersion: z.number() });
export type PlanSafetyEvidenceItem = z.infer<typeof planSafetyEvidence>;

export type ParsedEvidence =
  | { kind: 'red-flag'; items: RedFlagEvidenceItem[] }
  | { kind: 'criterion'; fired: FiredEvidence }
  | { kind: 'rescue-medication'; rescue: RescueEvidence }
  | { kind: 'plan-safety'; stopped: PlanSafetyEvidenceItem }
  | { kind: 'unknown' };

export function parseEvidence(kind: string, evidence: unknown): ParsedEvidence {
  if (kind === 'red-flag') {
    const parsed = redFlagEvidence.safeParse(evidence);
    if (parsed.success) return { kind: 'red-flag', items: parsed.data };
  }
  if (kind === 'criterion') {
    const parsed = firedEvidence.safeParse(evidence);
    if (parsed.success) return { kind: 'criterion', fired: parsed.data };
  }
  if (kind === 'rescue-medication') {
    const parsed = rescueEvidence.safeParse(evidence);
    if (parsed.success) return { kind: 'rescue-medication', rescue: parsed.data };
  }
  if (kind === 'plan-safety') {
    const parsed = planSafetyEvidence.safeParse(evidence);
    if (parsed.success) return { kind: 'plan-safety', stopped: parsed.data };
  }
  return { kind: 'unknown' };
}

/** What an alert is about, in words: the red flag, or the criterion's own label from its evidence. */
export function alertWhat(alert: { kind: string; code: string; evidence: unknown }, t: AlertsTranslator): string {
  if (alert.kind === 'red-flag') return redFlagName(alert.code, t);
  if (alert.kind === 'criterion') {
    const parsed = parseEvidence('criterion', alert.evidence);
    return parsed.kind === 'criterion' ? parsed.fired.label : t('unknownCriterion');
  }
  if (alert.kind === 'missed-check-in') return t('kind.missed-check-in');
  if (alert.kind === 'rescue-medication') return isRescueCode(alert.code) ? t(`rescueCodes.${alert.code}`) : t('kind.rescue-medication');
  if (alert.kind === 'plan-safety') return isPlanSafetyCode(alert.code) ? t(`planSafetyCodes.${alert.code}`) : t('kind.plan-safety');
  return alert.code;
}

/** A red flag's measured value in words ("pain 7/10", "4 h of sleep", "systolic 190 mmHg"). */
export function measureText(item: RedFlagEvidenceItem, t: AlertsTranslator): string {
  const value = typeof item.value === 'number' ? item.value : 0;
  switch (item.measure) {
    case 'reported':
      return t('measure.reported');
    case 'pain':
      return t('measure.pain', { value });
    case 'agitation':
      return t('measure.agitation', { value });
    case 'sleepHours':
      return t('measure.sleepHours', { value });
    case 'sleepQuality':
      return t('measure.sleepQuality', { value });
    case 'heartRate':
      return t('measure.heartRate', { value });
    case 'systolic':
      return t('measure.systolic', { value });
    case 'diastolic':
      return t('measure.diastolic', { value });
  }
}
