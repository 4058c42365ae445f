// The read audit's words and grouping: pages without ids, topics a patient can read, reads by day and person.
import { describe, expect, it } from 'vitest';
import { groupReadsByDay, type OthersRead } from './group';
import { pageRoute, readTopic } from './what';

const ID = '0b6f3a52-58a4-4c39-9b38-1f0d2f6a7e11';

describe('pageRoute', () => {
  it('takes ids and the query out of a page’s path', () => {
    expect(pageRoute(`/clinician/patients/${ID}/plan?tab=steps`)).toBe('/clinician/patients/[id]/plan');
    expect(pageRoute(`/clinician/mdt/${ID.toUpperCase()}`)).toBe('/clinician/mdt/[id]');
    expect(pageRoute('')).toBe('/');
  });
});

describe('readTopic', () => {
  it('names the page’s topic when a page was opened, else the procedure’s', () => {
    expect(readTopic('patients.get', '/clinician/patients/[id]/plan')).toBe('plan');
    expect(readTopic('patients.get', '/clinician/patients/[id]/plan/print')).toBe('plan');
    expect(readTopic('patients.get', '/clinician/patients/[id]')).toBe('record');
    expect(readTopic('triage.list', '/clinician')).toBe('patient-list');
    expect(readTopic('checkins.day', '/patient/check-in')).toBe('check-ins');
    expect(readTopic('exports.summary', null)).toBe('summary');
    expect(readTopic('exports.fhir', null)).toBe('export');
    expect(readTopic('mdt.get', null)).toBe('meeting');
    expect(readTopic('mdt.sharedOutcomes', null)).toBe('reviews');
    expect(readTopic('something.new', null)).toBe('record');
  });
});

describe('groupReadsByDay', () => {
  const read = (at: string, actorId: string, topic: OthersRead['topic']): OthersRead => ({
    at: new Date(at), actorId, name: actorId, role: 'clinician', profession: 'physician', discipline: actorId === 'a' ? 'prescriber' : null, topic,
  });

  it('groups by the patient’s own day, newest first, then by person (latest first), counting and keeping topics in order', () => {
    const days = groupReadsByDay([
      read('2026-12-06T23:30:00Z', 'a', 'plan'), // 7 December in Paris
      read('2026-12-06T09:00:00Z', 'b', 'record'),
      read('2026-12-06T23:45:00Z', 'a', 'check-ins'),
      read('2026-12-07T08:00:00Z', 'b', 'trends'),
      read('2026-12-06T23:50:00Z', 'a', 'plan'),
    ], 'Europe/Paris');
    expect(days.map((d) => d.day)).toEqual(['2026-12-07', '2026-12-06']);
    expect(days[0]?.readers.map((r) => [r.actorId, r.times, r.topics, r.discipline])).toEqual([
      ['b', 1, ['trends'], 'physician'],
      ['a', 3, ['plan', 'check-ins'], 'prescriber'],
    ]);
    expect(days[0]?.readers[1]?.first.toISOString()).toBe('2026-12-06T23:30:00.000Z');
    expect(days[1]?.readers.map((r) => r.actorId)).toEqual(['b']);
  });

  it('is empty without reads', () => {
    expect(groupReadsByDay([], 'UTC')).toEqual([]);
  });
});
