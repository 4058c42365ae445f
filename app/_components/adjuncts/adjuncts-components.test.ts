// Renders the supports pieces to HTML and checks their words: rescue limits for the team and the patient, and rescue alerts.
import { createTranslator, IntlProvider } from 'next-intl';
import { createElement, type ComponentProps, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AlertEvidence } from '~/app/_components/triage/alert-evidence';
import { alertWhat, parseEvidence } from '~/app/_components/triage/alert-text';
import { loadMessages, type Messages } from '~/i18n/messages';
import { rescueState } from '~/lib/adjuncts/rescue';
import type { AdjunctView } from '~/server/adjuncts/service';
import { RescueLimits } from './rescue-limits';

const messages: Messages = await loadMessages('en');
const ta = createTranslator({ locale: 'en', messages, namespace: 'Alerts' });

function render(element: ReactElement): string {
  const props = { locale: 'en', messages, timeZone: 'UTC' } as ComponentProps<typeof IntlProvider>;
  return renderToString(createElement(IntlProvider, props, element));
}
function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');
}

const course = { startedOn: '2026-03-01', stoppedOn: null, maxDays: 5, followUpOn: '2026-03-08' };
const view = (today: string, over: Partial<AdjunctView> = {}): AdjunctView => ({
  id: 'a1', kind: 'rescue-medication', name: 'Diazepam 2 mg', notes: '', startedOn: course.startedOn, stoppedOn: null, stopReason: '', maxDays: 5,
  stopCriteria: 'Stop when spasms settle', followUpOn: course.followUpOn, version: 1, stopped: false, rescue: rescueState(course, today), ...over,
});

describe('RescueLimits', () => {
  it('shows the day against the maximum, the days left, the last day, the follow-up and the stop criteria', () => {
    const out = text(render(createElement(RescueLimits, { adjunct: view('2026-03-03') })));
    expect(out).toContain('Day 3 of at most 5 days');
    expect(out).toMatch(/\(\s*2 days left\s*\)/);
    expect(out).toContain('Last allowed day Mar 5, 2026');
    expect(out).toContain('Follow-up Mar 8, 2026');
    expect(out).toContain('Stop criteria Stop when spasms settle');
    expect(out).not.toContain('Past its');
  });

  it('flags a course past its maximum and its follow-up', () => {
    const out = text(render(createElement(RescueLimits, { adjunct: view('2026-03-09') })));
    expect(out).toContain('Day 9 of at most 5 days');
    expect(out).toContain('Past its maximum days');
    expect(out).toContain('Past its follow-up date');
    expect(out).not.toContain('left');
  });
});

describe('rescue-medication alerts in words', () => {
  const evidence = {
    therapyId: 'a1', planId: 'p1', reason: 'past-max-days', daysUsed: 7, maxDays: 3, startedOn: '2026-03-01', lastAllowedDay: '2026-03-03', followUpOn: '2026-03-05', stoppedOn: null,
  };

  it('names what went past which limit', () => {
    expect(alertWhat({ kind: 'rescue-medication', code: 'past-max-days', evidence }, ta)).toBe('Rescue medication used past its maximum days');
    expect(alertWhat({ kind: 'rescue-medication', code: 'past-follow-up', evidence }, ta)).toBe('Rescue medication still in use after its follow-up date');
    expect(alertWhat({ kind: 'rescue-medication', code: 'from-a-newer-server', evidence }, ta)).toBe('Rescue medication past its limits');
  });

  it('reads the evidence through its schema, and shows the days, limit and dates', () => {
    expect(parseEvidence('rescue-medication', { nonsense: true })).toEqual({ kind: 'unknown' });
    const out = text(render(createElement(AlertEvidence, { kind: 'rescue-medication', evidence })));
    expect(out).toContain('Used on 7 days, from Mar 1, 2026; the maximum is 3 days (last allowed day Mar 3, 2026).');
    expect(out).toContain('Follow-up date: Mar 5, 2026.');
    expect(out).not.toContain('Recorded as stopped');
  });
});
