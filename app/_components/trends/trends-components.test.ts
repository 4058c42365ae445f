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

  it('has the chart’s data and the weekly averages as captioned tables, every score in them, shown or hidden by its checkbox', () => {
    const raw = render(createElement(TrendsView, { trends: trendsFor('patient') }));
    const html = text(raw);
    expect(raw).toContain('<caption');
    expect(html).toContain('The chart’s data, day by day');
    expect(html).toContain('Weekly averages, oldest first');
    // 14 day rows + header, 2 week rows + header.
    expect(raw.match(/<tr/g)?.length).toBe(15 + 3);
    // Spasticity and sleep quality are shown at first; pain can be chosen: its column, line and key are there, hidden by CSS until it is.
    const box = (key: string) => raw.match(new RegExp(`<input type="checkbox" data-show="${key}"[^>]*>`))?.[0] ?? '';
    expect(box('spasticity')).toContain('checked=""');
    expect(box('sleepQuality')).toContain('checked=""');
    expect(box('pain')).not.toContain('checked');
    // Header and 14 days in the data table, header and 2 weeks in the weekly one.
    expect(raw.match(/<t[hd] data-metric="pain"/g)?.length).toBe(15 + 3);
    expect(raw).toContain('<g data-metric="pain">');
    expect(raw).toContain('[data-chart-scope]:has(input[data-show="pain"]:not(:checked)) [data-metric="pain"]{display:none}');
  });

  it('draws the chart on the server as a named, described svg, with no chart library', () => {
    const raw = render(createElement(TrendsView, { trends: trendsFor('patient') }));
    const svg = /<svg role="img" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"/.exec(raw);
    expect(svg).not.toBeNull();
    expect(raw).toContain(`<title id="${svg?.[1]}">Dose and scores over time</title>`);
    expect(raw).toMatch(new RegExp(`<desc id="${svg?.[2]}">Chart from Mar 1, 2026 to Mar 14, 2026: planned dose from 25 to 20 mg/day; 1 check-in; 4 events.`));
    expect(raw).not.toContain('recharts');
  });

  it('says there is nothing to chart when the period has no dose and no scores', () => {
    const empty = { ...trendsFor('patient'), days: days.map((d) => ({ ...d, plannedMg: null, takenMg: null, scores: {} })) };
    expect(text(render(createElement(TrendsView, { trends: empty })))).toContain('No check-ins yet and no planned dose in this period: there is nothing to chart.');
  });
});
