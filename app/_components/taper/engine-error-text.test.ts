// The engine's refusals as the browser words them: in the page's language, from the same catalogue as the server's.
import { describe, expect, it } from 'vitest';
import { editStep } from '~/lib/taper/adjust';
import { generateSchedule } from '~/lib/taper/engine';
import { TaperError, type TaperInput } from '~/lib/taper/types';
import { createTranslator } from 'use-intl/core';
import { messagesFor } from '~/i18n/messages';
import { engineErrorText, type EngineErrorTranslator } from './engine-error-text';

const te = (locale: 'en' | 'es') => createTranslator({ locale, messages: messagesFor(locale), namespace: 'EngineErrors' }) as unknown as EngineErrorTranslator;

const input: TaperInput = {
  currentDailyMg: 30,
  doseTimes: ['08:00', '14:00', '22:00'],
  split: { kind: 'even' },
  formulations: [{ kind: 'tablet', strengthMg: 5, scored: true }],
  strategy: { kind: 'fixed', mgPerStep: 5 },
  stepDays: 14,
  targetDailyMg: 0,
  startDate: '2026-03-01',
  maxCutPercent: 50,
};

function refusal(run: () => unknown): TaperError {
  try {
    run();
  } catch (error) {
    if (error instanceof TaperError) return error;
    throw error;
  }
  throw new Error('expected a TaperError');
}

describe('engineErrorText', () => {
  it('words a refusal with its values in the reader’s language', () => {
    const plan = { input, steps: generateSchedule(input, { hasIntrathecalPump: false, renalFunction: 'normal' }).steps };
    const error = refusal(() => editStep(plan, '2026-03-01', 2, { dailyMg: 17.25 }));
    expect(error.message).toBe('taper.notTakeable');
    expect(engineErrorText(error, te('en'))).toBe('17.25 mg a day cannot be given with the formulations listed.');
    expect(engineErrorText(error, te('es'))).toBe('17,25 mg al día no se pueden dar con las presentaciones indicadas.');
  });

  it('words a refusal without values', () => {
    const error = refusal(() => generateSchedule({ ...input, slowFactor: 2 }, { hasIntrathecalPump: false, renalFunction: 'normal' }));
    expect(engineErrorText(error, te('es'))).toBe('El factor para ir más despacio es mayor que 0 y como máximo 1.');
    expect(engineErrorText(error, te('en'))).toBe('The slowing factor is more than 0 and at most 1.');
  });
});
