// What the taper form shows under its fields: the engine's schedule for the input as it stands, or its
// refusal in the reader's language, and the warnings in words.
import { generateSchedule, LABEL_MAX_DAILY_MG, MAX_STEPS } from '~/lib/taper/engine';
import { TaperError, type PatientFacts, type Schedule, type TaperInput, type Warning } from '~/lib/taper/types';
import { engineErrorText, type EngineErrorTranslator } from './engine-error-text';
import type { TaperTranslator } from './take-text';

export interface TaperPreviewState {
  /** True when the engine proposes a schedule for the input as it stands. */
  valid: boolean;
  schedule: Schedule | null;
}

export type Preview = { kind: 'empty' } | { kind: 'schedule'; schedule: Schedule } | { kind: 'error'; message: string; field?: string };

/** The engine's refusal in the reader's language: the form's own words where it has them, else the engine's. */
export function guardrailMessage(error: TaperError, input: TaperInput, t: TaperTranslator, te: EngineErrorTranslator): string {
  switch (error.code) {
    case 'intrathecal-pump':
      return t('errors.intrathecal-pump');
    case 'no-formulations':
      return t('errors.no-formulations');
    case 'above-label-maximum':
      return t('errors.above-label-maximum', { max: LABEL_MAX_DAILY_MG });
    case 'target-above-current':
      return t('errors.target-above-current');
    case 'target-not-takeable':
      return t('errors.target-not-takeable', { mg: input.targetDailyMg });
    case 'current-not-takeable':
      return t('errors.current-not-takeable', { mg: input.currentDailyMg });
    case 'dose-not-takeable':
      return t('errors.dose-not-takeable');
    case 'too-many-steps':
      return t('errors.too-many-steps', { max: MAX_STEPS });
    case 'invalid-input':
      switch (error.field) {
        case 'currentDailyMg':
          return t('errors.invalid.currentDailyMg');
        case 'targetDailyMg':
          return t('errors.invalid.targetDailyMg');
        case 'doseTimes':
          return t('errors.invalid.doseTimes');
        case 'split':
          return t('errors.invalid.split');
        case 'stepDays':
          return t('errors.invalid.stepDays');
        case 'maxCutPercent':
          return t('errors.invalid.maxCutPercent');
        case 'startDate':
          return t('errors.invalid.startDate');
        case 'strategy.mgPerStep':
          return t('errors.invalid.strategy.mgPerStep');
        case 'strategy.percent':
          return t('errors.invalid.strategy.percent');
        case 'strategy.minCutMg':
          return t('errors.invalid.strategy.minCutMg');
        case 'stopAtMg':
          return t('errors.invalid.stopAtMg');
        case 'followUpDays':
          return t('errors.invalid.followUpDays');
        default:
          if (error.field?.endsWith('.minMeasurableMl')) return t('errors.invalid.minMeasurableMl');
          return error.field?.startsWith('formulations.') ? t('errors.invalid.formulations') : engineErrorText(error, te);
      }
    default:
      return engineErrorText(error, te);
  }
}

export function previewOf(input: TaperInput, currentDailyMg: string, patient: PatientFacts, t: TaperTranslator, te: EngineErrorTranslator): Preview {
  // Nothing typed yet is not an error worth an alert: the preview just waits.
  if (currentDailyMg.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'schedule', schedule: generateSchedule(input, patient) };
  } catch (error) {
    if (error instanceof TaperError) return { kind: 'error', message: guardrailMessage(error, input, t, te), field: error.field };
    return { kind: 'error', message: t('errors.unexpected') };
  }
}

export function warningText(w: Warning, t: TaperTranslator): { title: string; body: string } {
  switch (w.code) {
    case 'renal-impairment':
      return { title: t('warnings.renalTitle', { level: w.renalFunction }), body: t('warnings.renal') };
    case 'above-label-maximum':
      return { title: t('warnings.aboveLabelTitle'), body: t('warnings.aboveLabel', { mg: w.maxDailyMg, max: LABEL_MAX_DAILY_MG, reason: w.reason }) };
    case 'long-schedule':
      return { title: t('warnings.longTitle'), body: t('warnings.long', { steps: w.steps }) };
    case 'cut-above-cap': {
      const cuts = w.cuts.map((c) => t('warnings.cutItem', { number: c.index + 1, from: c.fromMg, to: c.toMg, percent: c.percent })).join('; ');
      return { title: t('warnings.aboveCapTitle'), body: t('warnings.aboveCap', { count: w.cuts.length, cap: w.capPercent, cuts }) };
    }
    case 'many-pieces':
      return { title: t('warnings.manyPiecesTitle'), body: t('warnings.manyPieces', { count: w.steps.length, max: w.maxPieces }) };
    case 'large-volume':
      return { title: t('warnings.largeVolumeTitle'), body: t('warnings.largeVolume', { count: w.steps.length, max: w.maxMl }) };
  }
}

export function stateOf(preview: Preview): TaperPreviewState {
  return preview.kind === 'schedule' ? { valid: true, schedule: preview.schedule } : { valid: false, schedule: null };
}
