// The notes form's link choice and the links shown on notes: what is offered, what a deep link preselects,
// what reaches notes.create, and where each link on a note goes, for the care team and for the patient.
import { IntlProvider } from 'next-intl';
import { createElement, type ComponentProps, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadMessages, type Messages } from '~/i18n/messages';
import type { NoteView } from '~/server/notes/service';
import { LINK_NONE, linkInput, preselected, recent, type LinkTargets } from './link-targets';
import { LinkSelect } from './link-select';
import { NoteItem } from './note-item';

const messages: Messages = await loadMessages('en');

function render(element: ReactElement): string {
  const props = { locale: 'en', messages, timeZone: 'UTC' } as ComponentProps<typeof IntlProvider>;
  return renderToString(createElement(IntlProvider, props, element));
}

const ALERT = '11111111-1111-4111-8111-111111111111';
const REVIEW = '22222222-2222-4222-8222-222222222222';
const ITEM = '33333333-3333-4333-8333-333333333333';
const MEETING = '44444444-4444-4444-8444-444444444444';
const PLAN = '55555555-5555-4555-8555-555555555555';
const PATIENT = '66666666-6666-4666-8666-666666666666';

const targets: LinkTargets = {
  plan: { planId: PLAN, version: 3 },
  alerts: [{ id: ALERT, label: 'Confusion (Red flag reported), raised Nov 24, 2026, 10:00 AM' }],
  reviews: [{ id: REVIEW, periodStart: '2026-11-10', periodEnd: '2026-11-16' }],
  mdtItems: [{ id: ITEM, heldOn: '2026-11-20' }],
};

describe('link choices', () => {
  it('keeps the newest rows, and an older one a deep link names', () => {
    const rows = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
    expect(recent(rows, 2, undefined).map((r) => r.id)).toEqual(['a', 'b']);
    expect(recent(rows, 2, 'b').map((r) => r.id)).toEqual(['a', 'b']);
    expect(recent(rows, 2, 'd').map((r) => r.id)).toEqual(['a', 'b', 'd']);
    expect(recent(rows, 2, 'not-there').map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('preselects only what a deep link names and is on offer', () => {
    expect(preselected({ alert: ALERT }, targets)).toBe(`alert:${ALERT}`);
    expect(preselected({ review: REVIEW }, targets)).toBe(`review:${REVIEW}`);
    expect(preselected({ mdt: ITEM }, targets)).toBe(`mdt:${ITEM}`);
    expect(preselected({ plan: '1' }, targets)).toBe('plan');
    expect(preselected({}, targets)).toBe(LINK_NONE);
    // An alert the viewer is not offered (the patient is offered none), or a repeated parameter, preselects nothing.
    expect(preselected({ alert: ALERT }, { ...targets, alerts: [] })).toBe(LINK_NONE);
    expect(preselected({ alert: [ALERT, ALERT] }, targets)).toBe(LINK_NONE);
  });

  it('turns the choice into exactly one link of notes.create', () => {
    expect(linkInput(LINK_NONE, targets)).toEqual({});
    expect(linkInput('plan', targets)).toEqual({ planId: PLAN, planVersion: 3 });
    expect(linkInput(`alert:${ALERT}`, targets)).toEqual({ alertId: ALERT });
    expect(linkInput(`review:${REVIEW}`, targets)).toEqual({ weeklyReviewId: REVIEW });
    expect(linkInput(`mdt:${ITEM}`, targets)).toEqual({ mdtItemId: ITEM });
    expect(linkInput(`alert:${REVIEW}`, targets)).toEqual({});
    expect(linkInput('plan', { ...targets, plan: null })).toEqual({});
  });
});

describe('LinkSelect', () => {
  it('offers nothing by default, then the plan, alerts, weekly reviews and team reviews, with the chosen one selected', () => {
    const html = render(createElement(LinkSelect, { viewer: 'clinician', targets, value: `alert:${ALERT}`, onChange: () => undefined, error: [] }));
    expect(html).toContain('This message is about');
    expect(html).toMatch(/<option value="none">Nothing<\/option>/);
    expect(html).toContain('Plan version 3');
    expect(html).toMatch(new RegExp(`<option value="alert:${ALERT}" selected="">Confusion \\(Red flag reported\\)`));
    expect(html).toContain('Weekly review Nov 10, 2026 to Nov 16, 2026');
    expect(html).toContain('Team review of Nov 20, 2026');
    expect(html).not.toContain('aria-invalid');
  });

  it('shows the server’s refusal beside the select and ties it to it', () => {
    const refusal = 'Alerts are the care team’s working tool: link them from a care-team-only note.';
    const html = render(createElement(LinkSelect, { viewer: 'clinician', targets, value: `alert:${ALERT}`, onChange: () => undefined, error: [refusal] }));
    expect(html).toContain('aria-invalid="true"');
    const described = /aria-describedby="([^"]+)"/.exec(html)?.[1] ?? '';
    const errorId = described.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeDefined();
    expect(html).toContain(`id="${errorId}"`);
    expect(html).toContain('Alerts are the care team’s working tool');
  });

  it('gives the patient only what is on offer to them, with their own hint', () => {
    const html = render(createElement(LinkSelect, { viewer: 'patient', targets: { ...targets, alerts: [], reviews: [] }, value: LINK_NONE, onChange: () => undefined, error: [] }));
    expect(html).toContain('the plan or the team review this message is about');
    expect(html).not.toContain('Recent alerts');
    expect(html).not.toContain('Weekly reviews');
    expect(html).toContain('Team review of Nov 20, 2026');
  });
});

describe('links on a note', () => {
  const note: NoteView = {
    id: '77777777-7777-4777-8777-777777777777', body: 'About the flags.', visibility: 'team', authorId: 'x', authorName: 'Dr Who', authorRole: 'clinician',
    authorDiscipline: 'prescriber', createdAt: new Date('2026-11-24T10:00:00Z'), corrects: null, correctedBy: null,
    plan: { planId: PLAN, version: 3 },
    alert: { id: ALERT, kind: 'red-flag', severity: 'urgent', code: 'confusion', createdAt: new Date('2026-11-24T09:00:00Z') },
    weeklyReview: { id: REVIEW, periodStart: '2026-11-10', periodEnd: '2026-11-16' },
    mdtItem: { id: ITEM, meetingId: MEETING, heldOn: '2026-11-20' },
  };
  const item = (viewer: 'clinician' | 'patient', n: NoteView) =>
    render(createElement(NoteItem, { note: n, viewer, viewerId: 'me', patientId: PATIENT, time: (d: Date) => d.toISOString() }));

  it('takes the care team to the alert, the review and the meeting themselves', () => {
    const html = item('clinician', note);
    expect(html).toContain(`href="/clinician/patients/${PATIENT}/plan"`);
    expect(html).toContain(`href="/clinician/patients/${PATIENT}#alert-${ALERT}"`);
    expect(html).toContain(`href="/clinician/patients/${PATIENT}/review#review-${REVIEW}"`);
    expect(html).toContain(`href="/clinician/mdt/${MEETING}"`);
  });

  it('takes the patient to their plan and team reviews, and names a weekly review without a link to a page they cannot open', () => {
    const html = item('patient', { ...note, visibility: 'shared', alert: null });
    expect(html).toContain('href="/patient/plan"');
    expect(html).toContain(`href="/patient/reviews#review-${ITEM}"`);
    expect(html).toContain('Weekly review Nov 10, 2026 to Nov 16, 2026');
    expect(html).not.toContain('/review#');
    expect(html).not.toContain('/clinician/');
  });
});
