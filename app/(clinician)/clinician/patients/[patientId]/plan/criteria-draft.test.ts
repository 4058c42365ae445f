// The criteria editor's checks: the schema decides what is wrong, the editor's messages say it.
import { createFormatter, createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '~/i18n/messages';
import { blankDraft, changeRule, check, decodeMetric, encodeMetric, type RuleDraft } from './criteria-draft';

const messages = await loadMessages('en');
const t = createTranslator({ locale: 'en', messages, namespace: 'Criteria' });
const format = createFormatter({ locale: 'en', timeZone: 'UTC' });
const rule = (patch: Partial<RuleDraft>): RuleDraft => ({ ...blankDraft(), ...patch });

describe('check', () => {
  it('turns a good draft into a criterion labelled with the rule in words', () => {
    const { criterion, errors } = check(rule({}), t, format);
    expect(errors).toEqual({});
    expect(criterion).toMatchObject({ metric: { kind: 'score', key: 'spasticity' }, comparator: '>=', threshold: 7, windowDays: 7, minDays: 3, action: 'hold' });
    expect(criterion?.label).not.toBe('');
  });

  it('says what is wrong with each field', () => {
    const { criterion, errors } = check(rule({ threshold: '11', windowDays: '29', minDays: '0', label: 'x'.repeat(161) }), t, format);
    expect(criterion).toBeUndefined();
    expect(errors.threshold).toMatch(/goes from 0 to 10: choose a threshold in that range/);
    expect(errors.windowDays).toBe(t('errors.window', { max: 28 }));
    expect(errors.minDays).toBe(t('errors.minDays'));
    expect(errors.label).toBe(t('errors.label'));
  });

  it('refuses rules that never or always fire, and more days than the window', () => {
    expect(check(rule({ comparator: '>', threshold: '10' }), t, format).errors.threshold).toMatch(/never/);
    expect(check(rule({ comparator: '>=', threshold: '0' }), t, format).errors.threshold).toMatch(/always/);
    expect(check(rule({ threshold: 'x' }), t, format).errors.threshold).toBe(t('errors.thresholdNumber'));
    expect(check(rule({ minDays: '8' }), t, format).errors.minDays).toBe(t('errors.minDaysOver', { window: 7 }));
    expect(check(rule({ minDays: '8', windowDays: '7.5' }), t, format).errors.minDays).toBeUndefined();
  });
});

describe('drafts', () => {
  it('encodes metrics for the select and back', () => {
    for (const value of ['score:pain', 'change:mood', 'sleepHours', 'dosesMissed', 'noCheckIn']) {
      const metric = decodeMetric(value);
      expect(metric && encodeMetric(metric)).toBe(value);
    }
    expect(decodeMetric('score:nope')).toBeNull();
  });

  it('clears an old label when the rule changes under it, and keeps one typed here', () => {
    const old = rule({ label: 'Spasticity 7 or more' });
    expect(changeRule(old, { threshold: '8' })).toMatchObject({ label: '', labelCleared: true });
    const typed = changeRule(old, { label: 'Mine' });
    expect(changeRule(typed, { threshold: '8' })).toMatchObject({ label: 'Mine', labelTouched: true, labelCleared: false });
  });
});
