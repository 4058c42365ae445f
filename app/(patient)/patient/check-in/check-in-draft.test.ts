// The check-in draft: what a day opens with, how typed answers become the API's input, and that the
// server's own schema finds the same problems here, under the form's field keys.
import { describe, expect, it } from 'vitest';
import { submitCheckInInput } from '~/lib/checkins/inputs';
import { detectRedFlags } from '~/lib/checkins/red-flags';
import {
  addExtra, apiFieldErrors, buildBody, draftOf, factsOfBody, offlineRedFlags, removeExtra, setExtra, setPlanned, setRedFlag, setScore, setScreener, uiKeyOf,
  validateDraft, type Draft, type DraftMessages,
} from './check-in-draft';
import { renderError, type ErrorKey } from '~/i18n/errors';
import type { CheckInDay, ExistingCheckIn } from './types';

const patientId = '7f0c3c8e-2d7b-4c6a-9a59-1a2b3c4d5e6f';
const messages: DraftMessages = { number: 'NUMBER', wholeNumber: 'WHOLE', time: 'TIME', emptyDose: 'EMPTY', bothOrNeither: 'BOTH', issue: (issue) => renderError({ key: issue.message as ErrorKey, values: boundsOf(issue) }, 'en') };
const boundsOf = (issue: object) => Object.fromEntries((['minimum', 'maximum'] as const).flatMap((k) => { const v = (issue as Record<string, unknown>)[k]; return typeof v === 'number' ? [[k, v]] : []; }));
const noScores = {
  spasticity: null, spasmFrequency: null, sleepQuality: null, restlessness: null, anxiety: null, mood: null, pain: null, headache: null, nausea: null, strengthMobility: null,
};

function dayOf(over: Partial<CheckInDay> = {}): CheckInDay {
  return {
    today: '2026-12-07',
    plannedDoses: [
      { time: '08:00', mg: 10, take: [] },
      { time: '20:00', mg: 10, take: [] },
    ],
    planStatus: 'active',
    existing: null,
    screenersDue: false,
    ...over,
  } as CheckInDay;
}

function existing(over: Partial<ExistingCheckIn>): ExistingCheckIn {
  return {
    doses: [], ...noScores, sleepHours: null, redFlags: [], stressors: '', activity: '', systolic: null, diastolic: null, heartRate: null,
    phq2: null, gad2: null, notes: '', ...over,
  } as ExistingCheckIn;
}

const validate = (draft: Draft, day = dayOf()) => validateDraft(draft, day, patientId, messages, submitCheckInInput);

function errorsOf(result: ReturnType<typeof validateDraft>) {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('draftOf', () => {
  it('opens empty on a day with no check-in', () => {
    const draft = draftOf(dayOf());
    expect(draft.planned).toEqual([{ choice: null, mg: '' }, { choice: null, mg: '' }]);
    expect(draft.extras).toEqual([]);
    expect(draft.scores).toEqual(noScores);
    expect([draft.sleepHours, draft.systolic, draft.notes, draft.redFlags, draft.phq2]).toEqual(['', '', '', [], [null, null]]);
  });

  it('opens with the answers saved today; a dose taken as planned before the plan changed shows as the amount taken', () => {
    const day = dayOf({
      existing: existing({
        doses: [
          { time: '08:00', plannedMg: 10, takenMg: 15, status: 'taken' },
          { time: '20:00', plannedMg: 10, takenMg: null, status: 'missed' },
          { time: '13:00', plannedMg: null, takenMg: 5, status: 'taken' },
        ],
        pain: 4, sleepHours: 7.5, systolic: 120, phq2: [1, 2], notes: 'ok',
      }),
    });
    const draft = draftOf(day);
    expect(draft.planned).toEqual([{ choice: 'changed', mg: '15' }, { choice: 'missed', mg: '' }]);
    expect(draft.extras).toEqual([{ id: 0, time: '13:00', mg: '5' }]);
    expect(draft.nextExtraId).toBe(1);
    expect([draft.scores.pain, draft.sleepHours, draft.systolic, draft.phq2, draft.notes]).toEqual([4, '7.5', '120', [1, 2], 'ok']);
  });
});

describe('changes', () => {
  it('never reuses an extra dose row’s id, so an old error cannot land on a new row', () => {
    let draft = draftOf(dayOf({ plannedDoses: [] }));
    draft = addExtra(addExtra(draft));
    draft = removeExtra(draft, 1);
    draft = addExtra(draft);
    expect(draft.extras.map((x) => x.id)).toEqual([0, 2]);
    expect(setExtra(draft, 2, { mg: '5' }).extras[1]).toEqual({ id: 2, time: '', mg: '5' });
  });

  it('sets a dose, a score, a red flag and one screener answer', () => {
    let draft = draftOf(dayOf({ screenersDue: true }));
    draft = setPlanned(draft, 1, { choice: 'missed' });
    draft = setScore(draft, 'pain', 3);
    draft = setRedFlag(setRedFlag(draft, 'seizure', true), 'confusion', true);
    draft = setRedFlag(draft, 'seizure', false);
    draft = setScreener(draft, 'gad2', 1, 2);
    expect([draft.planned[1]?.choice, draft.scores.pain, draft.redFlags, draft.gad2]).toEqual(['missed', 3, ['confusion'], [null, 2]]);
  });
});

describe('validateDraft', () => {
  it('builds the input the server takes: planned mg for "taken", null for "missed", later doses left out', () => {
    let draft = draftOf(dayOf());
    draft = setPlanned(draft, 0, { choice: 'taken' });
    draft = { ...setScore(draft, 'spasticity', 5), sleepHours: ' 7,5 ', systolic: '118', stressors: 'work' };
    const result = validate(draft);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body.doses).toEqual([{ time: '08:00', takenMg: 10, status: 'taken' }]);
    expect(result.targets).toEqual(['planned.0']);
    expect([result.body.sleepHours, result.body.systolic, result.body.diastolic, result.body.phq2]).toEqual([7.5, 118, null, null]);
    expect(submitCheckInInput.safeParse({ ...result.body, idempotencyKey: '0b6a1e0e-6c3e-4c57-9d3c-5d1d9a3b2c1f' }).success).toBe(true);
  });

  it('says which typed text is not a number, before asking the schema', () => {
    let draft = draftOf(dayOf());
    draft = setPlanned(draft, 0, { choice: 'changed', mg: '' });
    draft = { ...draft, heartRate: '72.5', sleepHours: 'lots', systolic: '999' };
    expect(errorsOf(validate(draft))).toEqual({ 'planned.0': ['NUMBER'], heartRate: ['WHOLE'], sleepHours: ['NUMBER'] });
  });

  it('finds what the server’s schema refuses, with its messages, keyed as the server would (field and section)', () => {
    let draft = draftOf(dayOf());
    draft = setPlanned(draft, 1, { choice: 'changed', mg: '500' });
    draft = { ...draft, systolic: '300', sleepHours: '25', notes: 'x'.repeat(2001) };
    expect(errorsOf(validate(draft))).toEqual({
      'planned.1': ['That dose is too high to be right.'],
      doses: ['That dose is too high to be right.'],
      systolic: ['That is too high to be right.'],
      sleepHours: ['At most 24 hours.'],
      notes: ['Use at most 2000 characters.'],
    });
  });

  it('checks only the typed text until the schema has loaded (the server checks the rest)', () => {
    const draft = { ...draftOf(dayOf()), systolic: '300', diastolic: 'high' };
    expect(errorsOf(validateDraft(draft, dayOf(), patientId, messages, null))).toEqual({ diastolic: ['NUMBER'] });
    const result = validateDraft({ ...draft, diastolic: '' }, dayOf(), patientId, messages, null);
    expect(result.ok && result.body.systolic).toBe(300);
  });

  it('keys an extra dose’s problems to its own row, and points out an empty row until it is filled or removed', () => {
    let draft = draftOf(dayOf({ plannedDoses: [] }));
    draft = addExtra(addExtra(addExtra(draft)));
    draft = setExtra(draft, 0, { time: '09:00', mg: '300' });
    draft = setExtra(draft, 2, { time: '', mg: '5' });
    expect(errorsOf(validate(draft, dayOf({ plannedDoses: [] })))).toEqual({ 'extra.1': ['EMPTY'], 'extra.2.time': ['TIME'] });
    draft = removeExtra(draft, 1);
    expect(errorsOf(validate(draft, dayOf({ plannedDoses: [] })))).toEqual({ 'extra.2.time': ['TIME'] });
    draft = setExtra(draft, 2, { time: '21:00' });
    expect(errorsOf(validate(draft, dayOf({ plannedDoses: [] })))).toEqual({ 'extra.0.mg': ['That dose is too high to be right.'], doses: ['That dose is too high to be right.'] });
  });

  it('asks for both screener answers or neither, and only when the screeners are shown', () => {
    const draft = setScreener(draftOf(dayOf()), 'phq2', 0, 1);
    expect(validate(draft).ok).toBe(true);
    expect(errorsOf(validate(draft, dayOf({ screenersDue: true })))).toEqual({ phq2: ['BOTH'] });
    const both = setScreener(draft, 'phq2', 1, 3);
    const result = validate(both, dayOf({ screenersDue: true }));
    expect(result.ok && result.body.phq2).toEqual([1, 3]);
  });
});

describe('server errors under the form’s keys', () => {
  it('maps dose paths to the dose sent in that place', () => {
    const targets = ['planned.1', 'extra.4'];
    expect(uiKeyOf('doses.0.takenMg', targets)).toBe('planned.1');
    expect(uiKeyOf('doses.1.time', targets)).toBe('extra.4.time');
    expect(uiKeyOf('doses.1.takenMg', targets)).toBe('extra.4.mg');
    expect(uiKeyOf('doses.2', targets)).toBe('doses.2');
    expect(uiKeyOf('scores.pain', targets)).toBe('scores.pain');
  });

  it('keys zod issues by full path and by top-level name, like the API', () => {
    const parsed = submitCheckInInput.safeParse({ patientId, idempotencyKey: 'nope', localDate: '2026-12-07', doses: [], scores: { ...noScores, pain: 11 } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(apiFieldErrors(parsed.error.issues, messages.issue)).toEqual({
      idempotencyKey: ['The submission key is not valid. Reload the page.'],
      'scores.pain': ['Choose 10 or less.'],
      scores: ['Choose 10 or less.'],
    });
  });
});

describe('red flags on the phone, before the server has the check-in (offline)', () => {
  const bodyOf = (change: (d: Draft) => Draft) => buildBody(change(draftOf(dayOf())), dayOf(), patientId, messages).body;

  it('finds each question answered yes and each vital sign beyond its limit, in the server’s order', () => {
    const body = bodyOf((d) => ({ ...setRedFlag(setRedFlag(d, 'self-harm-thoughts', true), 'hallucinations', true), heartRate: '130', systolic: '85' }));
    expect(offlineRedFlags(body).map((f) => [f.code, f.kind])).toEqual([
      ['hallucinations', 'reported'], ['self-harm-thoughts', 'reported'], ['high-heart-rate', 'vital'], ['low-systolic', 'vital'],
    ]);
  });

  it('finds none in a calm day', () => {
    expect(offlineRedFlags(bodyOf((d) => setScore(setScore(d, 'pain', 9), 'sleepQuality', 1)))).toEqual([]);
  });

  it('reads the answers as the server reads the saved row: blank scores left out, a flag ticked twice counted once', () => {
    const body = { ...bodyOf((d) => setScore({ ...d, sleepHours: '6,5' }, 'pain', 4)), redFlags: ['seizure', 'seizure'] as const };
    const facts = factsOfBody({ ...body, redFlags: [...body.redFlags] });
    expect(facts).toMatchObject({ localDate: '2026-12-07', scores: { pain: 4 }, sleepHours: 6.5, redFlags: ['seizure'] });
    expect(Object.keys(facts.scores)).toEqual(['pain']);
    // The same rules as the server, on today alone: the patterns over several days need the earlier check-ins.
    expect(offlineRedFlags({ ...body, redFlags: ['seizure'] })).toEqual(detectRedFlags(facts, []));
  });
});
