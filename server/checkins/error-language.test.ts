// A check-in's refusals and field messages reach the patient in their own language: Spanish for a Spanish
// reader, the same English as ever for an English one, values (a date, a bound) kept in both.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/taper';
import type { SessionUser } from '~/server/auth/session';
import { httpCall, makePatient, makeUser } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const reading = (user: SessionUser, locale: 'en' | 'es'): SessionUser => ({ ...user, locale });

async function patient() {
  const doc = await makeUser(h.db, 'clinician');
  const { user, patientId } = await makePatient(h.db, doc, { timeZone: 'Europe/Madrid' });
  return { user, patientId, today: localDate('Europe/Madrid', new Date()) };
}

describe('a check-in’s messages in the patient’s language', () => {
  it('a resend with different answers: the conflict in Spanish and in English', async () => {
    const { user, patientId, today } = await patient();
    const first = { patientId, idempotencyKey: randomUUID(), localDate: today, doses: [], scores: { pain: 3 } };
    expect((await httpCall(h.db, reading(user, 'es'), 'checkins.submit', first)).status).toBe(200);
    const changed = { ...first, scores: { pain: 4 } };
    const es = await httpCall(h.db, reading(user, 'es'), 'checkins.submit', changed);
    const en = await httpCall(h.db, reading(user, 'en'), 'checkins.submit', changed);
    expect([es.status, es.error?.message]).toEqual([409, 'Este registro diario ya se envió con otras respuestas. Recargue la página y vuelva a enviarlo.']);
    expect([en.status, en.error?.message]).toEqual([409, 'This check-in was already sent with different answers. Reload the page and send it again.']);
  });

  it('a past day: the refusal and its field message name the day in both languages', async () => {
    const { user, patientId, today } = await patient();
    const input = { patientId, idempotencyKey: randomUUID(), localDate: addDays(today, -1), doses: [] };
    const es = await httpCall(h.db, reading(user, 'es'), 'checkins.submit', input);
    const en = await httpCall(h.db, reading(user, 'en'), 'checkins.submit', input);
    const esText = `El registro diario es para hoy (${today}); los días anteriores no se pueden cambiar.`;
    const enText = `A check-in is for today (${today}); earlier days cannot be changed.`;
    expect([es.status, es.error?.message, es.error?.data.fieldErrors]).toEqual([400, esText, { localDate: [esText] }]);
    expect([en.status, en.error?.message, en.error?.data.fieldErrors]).toEqual([400, enText, { localDate: [enText] }]);
  });

  it('answers out of range: each field’s message with its bound, in Spanish and in English', async () => {
    const { user, patientId, today } = await patient();
    const dose = { time: '08:00', takenMg: 5, status: 'taken' };
    const input = {
      patientId, idempotencyKey: randomUUID(), localDate: today,
      doses: Array.from({ length: 7 }, () => dose),
      scores: { spasticity: 11, spasmFrequency: 5 },
      sleepHours: 25,
    };
    const es = await httpCall(h.db, reading(user, 'es'), 'checkins.submit', input);
    const en = await httpCall(h.db, reading(user, 'en'), 'checkins.submit', input);
    expect(es.status).toBe(400);
    expect(es.error?.message).toBe('Hay campos que necesitan su atención.');
    expect(en.error?.message).toBe('Some fields need attention.');
    const fields = (res: typeof es) => {
      const f = res.error?.data.fieldErrors ?? {};
      return { spasticity: f['scores.spasticity'], spasmFrequency: f['scores.spasmFrequency'], sleepHours: f.sleepHours, doses: f.doses };
    };
    expect(fields(es)).toEqual({
      spasticity: ['Elija 10 o menos.'], spasmFrequency: ['Elija 4 o menos.'], sleepHours: ['Como máximo 24 horas.'], doses: ['Como máximo 6 dosis al día.'],
    });
    expect(fields(en)).toEqual({
      spasticity: ['Choose 10 or less.'], spasmFrequency: ['Choose 4 or less.'], sleepHours: ['At most 24 hours.'], doses: ['At most 6 doses a day.'],
    });
  });
});
