// Renders the triage pieces to HTML and checks their words: sparkline summaries, rules in words, alerts and check-ins.
import { createFormatter, createTranslator, IntlProvider } from 'next-intl';
import { createElement, type ComponentProps, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadMessages, type Messages } from '~/i18n/messages';
import { redFlagPatternCodes, redFlagVitalCodes } from '~/lib/checkins/red-flags';
import { redFlagCodes } from '~/lib/checkins/types';
import { defaultCriteria } from '~/lib/criteria/evaluate';
import type { Criterion } from '~/lib/criteria/types';
import { AlertEvidence } from './alert-evidence';
import { alertKindName, alertWhat, parseEvidence, redFlagName } from './alert-text';
import { ReasonBadge } from './badges';
import { SafetyReasons } from './safety-reasons';
import { CheckInTable } from './checkin-table';
import { metricValueText, ruleText } from './criterion-text';
import { runsOf, Sparkline, type SparkValues } from './sparkline';
import type { CheckInRow } from './types';

const messages: Messages = await loadMessages('en');
const ta = createTranslator({ locale: 'en', messages, namespace: 'Alerts' });
const tc = createTranslator({ locale: 'en', messages, namespace: 'Criteria' });
const format = createFormatter({ locale: 'en', timeZone: 'UTC' });

function render(element: ReactElement): string {
  // Children go in as createElement's third argument; the cast only tells the types they are coming.
  const props = { locale: 'en', messages, timeZone: 'UTC' } as ComponentProps<typeof IntlProvider>;
  return renderToString(createElement(IntlProvider, props, element));
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/\s+/g, ' ');
}

const days = (values: (number | null)[]): SparkValues => values;

describe('Sparkline', () => {
  it('summarises range, latest value and missing days in its label', () => {
    const html = render(createElement(Sparkline, { points: days([3, 4, null, 5, 7, null, 6, 7, 5, 4, 3, 5, 6, 7]) }));
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="Spasticity over 14 days: from 3 to 7, latest 7; 2 days without a check-in score"');
  });

  it('says so when there is nothing to draw', () => {
    const html = render(createElement(Sparkline, { points: days(Array.from({ length: 14 }, () => null)) }));
    expect(html).toContain('aria-label="Spasticity over 14 days: no check-in scores"');
    expect(html).not.toContain('<polyline');
  });

  it('leaves a gap for each missing day: one line per run of days', () => {
    expect(runsOf(days([1, 2, null, 3, null, null, 4, 5, 6])).map((r) => r.map((p) => p.value))).toEqual([[1, 2], [3], [4, 5, 6]]);
    const html = render(createElement(Sparkline, { points: days([1, 2, null, 3, null, null, 4, 5, 6]) }));
    expect(html.match(/<polyline/g)).toHaveLength(2);
  });
});

describe('rules in words', () => {
  const [spasticityHold, sleepSlow, noCheckIn] = defaultCriteria();

  it('reads the default criteria as sentences', () => {
    expect(spasticityHold && ruleText(spasticityHold, tc, format)).toBe('Spasticity ≥ 7 on 3 of the last 7 days → hold');
    expect(sleepSlow && ruleText(sleepSlow, tc, format)).toBe('Sleep quality ≤ 3 on 4 of the last 7 days → slow');
    expect(noCheckIn && ruleText(noCheckIn, tc, format)).toBe('No check-in on each of the last 3 days → notify the team');
  });

  it('signs a change from baseline and reads a one-day window plainly', () => {
    const rule: Criterion = { id: 'x', label: '', metric: { kind: 'changeFromBaseline', key: 'pain' }, comparator: '>=', threshold: 2, windowDays: 1, minDays: 1, action: 'urgent' };
    expect(ruleText(rule, tc, format)).toBe('Change in pain from baseline ≥ +2 on the latest day → urgent alert');
  });

  it('gives each metric its unit', () => {
    expect(metricValueText({ kind: 'sleepHours' }, 4.5, tc, format)).toBe('4.5 h');
    expect(metricValueText({ kind: 'score', key: 'spasmFrequency' }, 3, tc, format)).toBe('3/4');
    expect(metricValueText({ kind: 'dosesMissed' }, 2, tc, format)).toBe('2 doses missed');
    expect(metricValueText({ kind: 'noCheckIn' }, 1, tc, format)).toBe('no check-in');
    expect(metricValueText(undefined, 7, tc, format)).toBe('7');
  });
});

describe('alerts in words', () => {
  it('has words for every reported, vital-sign and pattern red flag', () => {
    for (const code of [...redFlagCodes, ...redFlagVitalCodes, ...redFlagPatternCodes]) expect(redFlagName(code, ta)).not.toBe(code);
  });

  it('tells a vital-sign red flag and a pattern apart from a reported one', () => {
    expect(alertKindName({ kind: 'red-flag', code: 'high-systolic' }, ta)).toBe('Vital sign beyond its alert limit');
    expect(alertKindName({ kind: 'red-flag', code: 'escalating-pain' }, ta)).toBe('Red-flag pattern');
    expect(alertKindName({ kind: 'red-flag', code: 'seizure' }, ta)).toBe('Red flag reported');
    expect(alertKindName({ kind: 'criterion', code: 'c1' }, ta)).toBe('Stop-go criterion');
  });

  it('shows a vital sign with its value and unit', () => {
    const html = text(render(createElement(AlertEvidence, { kind: 'red-flag', evidence: [{ date: '2026-03-10', value: 190, measure: 'systolic' }] })));
    expect(html).toContain('Entered by the patient in the check-in of Mar 10, 2026: systolic 190 mmHg.');
    const pulse = text(render(createElement(AlertEvidence, { kind: 'red-flag', evidence: [{ date: '2026-03-10', value: 130, measure: 'heartRate' }] })));
    expect(pulse).toContain('heart rate 130/min');
  });

  it('names a criterion alert by the label in its evidence, and survives evidence it cannot read', () => {
    const fired = { criterionId: 'c1', label: 'Short sleep', action: 'notify', windowStart: '2026-03-01', windowEnd: '2026-03-07', matched: [{ date: '2026-03-02', value: 4 }] };
    expect(alertWhat({ kind: 'criterion', code: 'c1', evidence: fired }, ta)).toBe('Short sleep');
    expect(alertWhat({ kind: 'criterion', code: 'c1', evidence: { nonsense: true } }, ta)).toBe('A stop-go criterion');
    expect(parseEvidence('red-flag', 'garbage')).toEqual({ kind: 'unknown' });
  });

  it('names a plan-safety alert by its code, and an unknown one by its kind', () => {
    expect(alertWhat({ kind: 'plan-safety', code: 'intrathecal-pump-recorded', evidence: {} }, ta)).toBe('Intrathecal pump recorded: the taper plan was stopped');
    expect(alertWhat({ kind: 'plan-safety', code: 'from-a-newer-server', evidence: {} }, ta)).toBe('Plan safety');
    const stopped = text(render(createElement(AlertEvidence, { kind: 'plan-safety', evidence: { planId: 'p', statusBefore: 'active', stoppedVersion: 7 } })));
    expect(stopped).toContain('The plan, running until then, was stopped as version 7.');
  });

  it('shows the days and values behind an alert', () => {
    const pattern = [2, 3, 4].map((d, i) => ({ date: `2026-03-0${d}`, value: 5 + i, measure: 'pain' }));
    expect(text(render(createElement(AlertEvidence, { kind: 'red-flag', evidence: pattern })))).toContain('Mar 4, 2026: pain 7/10');
    const fired = { criterionId: 'c1', label: 'Short sleep', action: 'notify', windowStart: '2026-03-01', windowEnd: '2026-03-07', matched: [{ date: '2026-03-02', value: 4 }] };
    const html = text(render(createElement(AlertEvidence, { kind: 'criterion', evidence: fired, metric: { kind: 'sleepHours' } })));
    expect(html).toContain('Met on 1 day between Mar 1, 2026 and Mar 7, 2026');
    expect(html).toContain('Mar 2, 2026: 4 h');
  });

  it('says why a recommendation is not go: each red flag with its date, each urgent rule with its days', () => {
    const urgent = { criterionId: 'u1', label: 'Anxiety 8 or more: urgent', action: 'urgent' as const, windowStart: '2026-03-04', windowEnd: '2026-03-04', matched: [{ date: '2026-03-04', value: 8 }] };
    const html = text(render(createElement(SafetyReasons, {
      safety: [{ kind: 'red-flag', code: 'high-systolic', date: '2026-03-02' }, { kind: 'urgent-criterion', fired: urgent }],
      metrics: { u1: { kind: 'score', key: 'anxiety' } },
    })));
    expect(html).toContain('Not “go”, because of these during the step:');
    expect(html).toContain('Red flag on Mar 2, 2026: High systolic blood pressure');
    expect(html).toContain('Urgent rule met: Anxiety 8 or more: urgent');
    expect(html).toContain('Mar 4, 2026: 8/10');
    expect(render(createElement(SafetyReasons, { safety: [] }))).toBe('');
  });

  it('gives a reason badge words, not only a color', () => {
    expect(text(render(createElement(ReasonBadge, { reason: 'decision-due' })))).toContain('Decision due');
  });
});

describe('CheckInTable', () => {
  const row = {
    id: 'a', patientId: 'p', localDate: '2026-03-05', planId: null, planVersion: null, stepIndex: null,
    doses: [
      { time: '08:00', plannedMg: 10, takenMg: null, status: 'missed' },
      { time: '20:00', plannedMg: 10, takenMg: 10, status: 'taken' },
    ],
    spasticity: 6, spasmFrequency: 2, sleepQuality: null, sleepHours: 5.5, restlessness: null, anxiety: null, mood: null, pain: null, headache: null,
    nausea: null, strengthMobility: null, redFlags: ['seizure'], stressors: '', activity: '', systolic: null, diastolic: null, heartRate: null,
    phq2: null, gad2: null, notes: '', revision: 2, createdAt: new Date(), updatedAt: new Date(),
  } satisfies CheckInRow;

  it('has a caption, header scopes, and each day in words', () => {
    const html = render(createElement(CheckInTable, { checkIns: [row], days: 14 }));
    expect(html).toContain('<caption class="sr-only">Check-ins of the last 14 days, newest first</caption>');
    expect(html).toContain('scope="row"');
    const words = text(html);
    expect(words).toContain('Thu, Mar 5');
    expect(words).toContain('corrected');
    expect(words).toContain('1 of 2');
    expect(words).toContain('not answered');
    expect(words).toContain('5.5 h');
    expect(words).toContain('Seizure or convulsion');
  });

  it('says when there are no check-ins', () => {
    expect(text(render(createElement(CheckInTable, { checkIns: [], days: 14 })))).toContain('No check-ins in the last 14 days.');
  });
});
