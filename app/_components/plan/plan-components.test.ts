// Renders the plan-change components to HTML (no DOM needed) and checks their words, structure and accessibility hooks.
import { IntlProvider } from 'next-intl';
import { createElement, type ComponentProps, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadMessages, type Messages } from '~/i18n/messages';
import { addDays } from '~/lib/dates';
import type { PlanChange } from '~/lib/taper/diff';
import type { TaperStep } from '~/lib/taper/types';
import { DoseComparison } from './dose-comparison';
import { PlanChangeList } from './plan-changes';

const messages: Messages = await loadMessages('en');

function render(element: ReactElement): string {
  // Children go in as createElement's third argument; the cast only tells the types they are coming.
  const props = { locale: 'en', messages, timeZone: 'UTC' } as ComponentProps<typeof IntlProvider>;
  return renderToString(createElement(IntlProvider, props, element));
}

/** The HTML as text, with tags and entities folded away, for matching sentences. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

/** The text of each list item, in order. */
function items(html: string): string[] {
  return [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) => text(m[1] ?? '').trim());
}

function stepsOf(start: string, currentMg: number, parts: [days: number, mg: number][]): TaperStep[] {
  let from = start;
  let previous = currentMg;
  return parts.map(([days, dailyMg], index) => {
    const step: TaperStep = { index, startDate: from, endDate: addDays(from, days - 1), days, dailyMg, cutMg: previous - dailyMg, doses: [], notes: [] };
    from = addDays(from, days);
    previous = dailyMg;
    return step;
  });
}

describe('PlanChangeList', () => {
  const changes: PlanChange[] = [
    { kind: 'dose', from: '2027-03-03', to: '2027-03-16', beforeMg: 15, afterMg: 17.5 },
    { kind: 'dose', from: '2027-03-17', to: '2027-03-17', beforeMg: 10, afterMg: 12.5 },
    { kind: 'dose', from: '2027-03-18', to: null, beforeMg: 5, afterMg: 0 },
    { kind: 'endDate', before: '2027-03-01', after: '2027-03-22' },
    { kind: 'stepDays', before: 14, after: 21 },
    { kind: 'stepLength', index: 3, before: 14, after: 21 },
    { kind: 'stepCount', before: 6, after: 8 },
    { kind: 'cutKind', before: { kind: 'fixed', mgPerStep: 5 }, after: { kind: 'percent', percent: 10, minCutMg: 2.5, maxCutMg: 10 } },
    { kind: 'cutPercent', before: 10, after: 8 },
    { kind: 'maxCutPercent', before: 25, after: 20 },
    { kind: 'slowFactor', before: 1, after: 0.75 },
    { kind: 'target', before: 5, after: 0 },
    { kind: 'stopAt', before: null, after: 2.5 },
    { kind: 'followUp', before: 14, after: 28 },
    { kind: 'highDoseReason', before: null, after: 'Long-standing high dose' },
    { kind: 'doseTimes', before: ['08:00', '22:00'], after: ['08:00', '14:00', '22:00'] },
    { kind: 'split', before: { kind: 'even' }, after: { kind: 'weighted', shares: [{ time: '08:00', share: 0.25 }, { time: '14:00', share: 0.25 }, { time: '22:00', share: 0.5 }] } },
    { kind: 'dropOrder', before: ['14:00', '08:00'], after: ['08:00', '14:00'] },
    { kind: 'formulationAdded', formulation: { kind: 'tablet', strengthMg: 5, scored: true } },
    { kind: 'formulationRemoved', formulation: { kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 } },
  ];
  const html = render(createElement(PlanChangeList, { changes }));

  it('says every change in clinical words, dates as calendar days and a stop as stopped', () => {
    expect(items(html)).toEqual([
      'Mar 3 – 16, 2027: 17.5 mg/day instead of 15 mg/day',
      'Mar 17, 2027: 12.5 mg/day instead of 10 mg/day',
      'From Mar 18, 2027: stopped instead of 5 mg/day',
      'Ends Mar 22, 2027 instead of Mar 1, 2027',
      'Steps last 21 days instead of 14',
      'Step 4 lasts 21 days instead of 14',
      '8 steps instead of 6',
      'Each cut: 10% of the current dose (at least 2.5 mg, at most 10 mg) instead of 5 mg/day less at each step',
      'Each cut is 8% of the current dose instead of 10%',
      'No cut above 20% of the dose it cuts from, instead of 25%',
      'Cuts are 75% of the planned size instead of 100%',
      'Target: stopping baclofen instead of 5 mg/day',
      'Stop from 2.5 mg/day or less instead of from the usual threshold (the lowest dose the products reach within the cap, at most 5 mg/day)',
      'Follow-up at the target lasts 28 days instead of 14',
      'Reason for a dose above the label maximum: “Long-standing high dose”',
      'Dose times 08:00, 14:00, and 22:00 instead of 08:00 and 22:00',
      'The day’s dose is split as 25% at 08:00, 25% at 14:00, and 50% at 22:00 instead of evenly',
      'When the dose is too small for every dose time, left out first: 08:00, then 14:00 instead of 14:00, then 08:00',
      'Added: 5 mg tablets, scored',
      'Removed: 1 mg/mL liquid (5 mg/5 mL), measured to 0.5 mL',
    ]);
  });

  it('groups the changes under headings, doses by date first', () => {
    const headings = [...html.matchAll(/<h3[^>]*>(.*?)<\/h3>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Doses by date', 'Steps and dates', 'Cuts and limits', 'Dose times', 'Products']);
    // Each list is named by its heading.
    const labelled = [...html.matchAll(/<section aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(labelled).toHaveLength(5);
    for (const id of labelled) expect(html).toContain(`id="${id}"`);
  });

  it('says so when nothing but the plan’s state changed', () => {
    expect(text(render(createElement(PlanChangeList, { changes: [] })))).toContain('No change to the doses or the plan’s settings');
  });

  it('shows only the groups that have changes, at the heading level asked for', () => {
    const one = render(createElement(PlanChangeList, { changes: [{ kind: 'formulationAdded', formulation: { kind: 'tablet', strengthMg: 10, scored: false } }], headingLevel: 4 }));
    expect([...one.matchAll(/<h4[^>]*>(.*?)<\/h4>/g)].map((m) => m[1])).toEqual(['Products']);
    expect(items(one)).toEqual(['Added: 10 mg tablets, not scored']);
  });
});

describe('DoseComparison', () => {
  const before = stepsOf('2027-03-03', 20, [[14, 15], [14, 10], [14, 5]]);
  const after = stepsOf('2027-03-03', 20, [[14, 15], [21, 10], [14, 5]]);
  const html = render(createElement(DoseComparison, { before, after, caption: 'Doses before and after extending step 2' }));

  it('is a captioned table in a focusable region named by its caption, with the four columns', () => {
    const captionId = html.match(/<caption id="([^"]+)"/)?.[1];
    expect(captionId).toBeDefined();
    expect(html).toMatch(new RegExp(`role="region" aria-labelledby="${captionId}" tabindex="0"`, 'i'));
    expect(text(html)).toContain('Doses before and after extending step 2');
    expect([...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1])).toEqual(['From', 'To', 'Before (mg/day)', 'After (mg/day)']);
  });

  it('has one row per period, and says in words which ones changed', () => {
    const rows = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].slice(1).map((m) => text(m[1] ?? '').trim());
    expect(rows).toEqual([
      'Mar 3, 2027 Mar 16, 2027 15 15',
      'Mar 17, 2027 Mar 30, 2027 10 10',
      'Mar 31, 2027 Apr 6, 2027 5 10 Changed',
      'Apr 7, 2027 Apr 20, 2027 5 5',
    ]);
  });

  it('stacks the same periods as labelled cards for phones', () => {
    const cardsId = html.match(/<ol aria-labelledby="([^"]+)"/)?.[1];
    expect(cardsId).toBeDefined();
    expect(html).toContain(`<p id="${cardsId}"`);
    const cards = [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) => text(m[1] ?? '').trim());
    expect(cards).toEqual([
      'From Mar 3, 2027 To Mar 16, 2027 Before (mg/day) 15 After (mg/day) 15',
      'From Mar 17, 2027 To Mar 30, 2027 Before (mg/day) 10 After (mg/day) 10',
      'From Mar 31, 2027 To Apr 6, 2027 Before (mg/day) 5 After (mg/day) 10 Changed',
      'From Apr 7, 2027 To Apr 20, 2027 Before (mg/day) 5 After (mg/day) 5',
    ]);
  });

  it('folds unchanged periods that ended before today into one line', () => {
    const later = render(createElement(DoseComparison, { before, after, caption: 'Doses', today: '2027-04-01' }));
    expect(text(later)).toContain('2 earlier periods before Apr 1, 2027 not shown: past doses are never changed.');
    expect(later).not.toContain('Mar 3, 2027');
    expect(later).not.toContain('Mar 17, 2027');
    expect(later).toContain('Mar 31, 2027');
    // A changed period is never folded away, even a past one.
    const past = render(createElement(DoseComparison, { before, after, caption: 'Doses', today: '2027-04-10' }));
    expect(text(past)).toContain('Mar 31, 2027 Apr 6, 2027 5 10 Changed');
  });

  it('says when there is nothing to compare', () => {
    expect(text(render(createElement(DoseComparison, { before: [], after: [], caption: 'Doses' })))).toContain('There are no doses to compare.');
  });
});
