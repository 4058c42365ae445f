// Renders the trends view to HTML: the words for the patient and for the team, the tables, and every message it needs.
import { IntlProvider, type IntlError } from 'next-intl';
import { createElement, type ComponentProps, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadMessages, type Messages } from '~/i18n/messages';
import { defaultCriteria } from '~/lib/criteria/evaluate';
import { addDays } from '~/lib/dates';
import type { TaperStep } from '~/lib/taper/types';
import { adherence, criteriaBands, daySeries, weeklyAverages, type PlanVersionFacts } from '~/lib/trends/series';
import type { Trends } from '~/server/trends/service';
import { TrendsView } from './trends-view';

const messages: Messages = await loadMessages('en');
const errors: string[] = [];

function render(element: ReactElement): string {
  const props = { locale: 'en', messages, timeZone: 'UTC', onError: (e: IntlError) => { errors.push(e.message); } } as ComponentProps<typeof IntlProvider>;
  return renderToString(createElement(IntlProvider, props, element));
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/\s+/g, ' ');
}

const steps: TaperStep[] = [25, 20].map((mg, i) => ({
  index: i, startDate: addDays('2026-03-01', i * 7), endDate: addDays('2026-03-01', i * 7 + 6), days: 7, dailyMg: mg, cutMg: 5,
  doses: [{ time: '08:00', mg: mg / 2, take: [] }, { time: '20:00', mg: mg / 2, take: [] }], notes: [],
}));
const versions: PlanVersionFacts[] = [{ planId: 'p', version: 4, status: 'active', action: 'activate', effectiveFrom: '2026-03-01', steps }];
const metrics = ['spasticity', 'sleepQuality', 'pain'] as const;
const days = daySeries('2026-03-01', '2026-03-14', versions, [
  { localDate: '2026-03-03', doses: [{ takenMg: 12.5, status: 'taken' }, { takenMg: null, status: 'missed' }], scores: { spasticity: 6, sleepQuality: 4, pain: 3 }, redFlags: ['seizure'] },
], metrics);
const TODAY = '2026-03-14';
const REVIEW = 'Hold another week; phone on Friday.';

function trendsFor(viewer: 'patient' | 'team'): Trends {
  const bands = criteriaBands(defaultCriteria(), [...metrics]);
  return {
    viewer, range: '2w', from: '2026-03-01', to: TODAY, today: TODAY, metrics: [...metrics], days,
    weeks: weeklyAverages(days, TODAY, metrics), adherence: adherence(days, TODAY),
    bands: viewer === 'team' ? bands : bands.map(({ team: _team, ...b }) => b),
    markers: [
      { kind: 'plan-change', date: '2026-03-01', action: 'activate', version: 4 },
      { kind: 'red-flag', date: '2026-03-03', codes: ['seizure'] },
      viewer === 'team' ? { kind: 'weekly-review', date: '2026-03-10', decision: 'hold', summary: REVIEW } : { kind: 'weekly-review', date: '2026-03-10' },
      { kind: 'mdt-review', date: '2026-03-12', sharedSummary: 'We agreed to hold.' },
    ],
    hasPlan: true, hasCheckIns: true,
  };
}

describe('TrendsView', () => {
  it('shows the patient the ranges their team watches and the events, without the team’s words', () => {
    errors.length = 0;
    const html = text(render(createElement(TrendsView, { trends: trendsFor('patient') })));
    expect(errors).toEqual([]);
    expect(html).toContain('Spasticity 7 or more: your care team watches this range.');
    expect(html).toContain('Plan version 4: started');
    expect(html).toContain('Red flag: ');
    expect(html).toContain('Shared with you: We agreed to hold.');
    expect(html).not.toContain(REVIEW);
    for (const c of defaultCriteria()) expect(html).not.toContain(c.label);
  });

  it('gives the team the criteria in their own words and the review’s decision', () => {
    errors.length = 0;
    const html = text(render(createElement(TrendsView, { trends: trendsFor('team') })));
    expect(errors).toEqual([]);
    expect(html).toMatch(/Spasticity 7 or more on 3 of 7 days → hold \(“.+”\)/);
    expect(html).toContain(`Weekly review: hold. ${REVIEW}`);
    expect(html).toContain('Shared with the patient: We agreed to hold.');
  });

  it('has the chart’s data and the weekly averages as captioned tables, for the default scores only', () => {
    const raw = render(createElement(TrendsView, { trends: trendsFor('patient') }));
    const html = text(raw);
    expect(raw).toContain('<caption');
    expect(html).toContain('The chart’s data, day by day');
    expect(html).toContain('Weekly averages, oldest first');
    // 14 day rows + header, 2 week rows + header.
    expect(raw.match(/<tr/g)?.length).toBe(15 + 3);
    expect(html).toContain('Spasticity');
    expect(html).toContain('Sleep quality');
    // Pain can be chosen, but is not a column until it is.
    expect((html.match(/Pain/g) ?? []).length).toBe(1);
    // While the chart loads, the page says so.
    expect(html).toContain('Loading the chart…');
  });
});
