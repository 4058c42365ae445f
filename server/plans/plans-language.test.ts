// A plan's refusals reach each reader in their own language: a stale save's conflict (with the facts a client
// acts on), the taper engine's guardrails on their field (doses written the reader's way), the form's own checks.
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '~/server/auth/session';
import { httpCall, makePatient, makeUser, uniqueName, validTaperInput } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const reading = (user: SessionUser, locale: 'en' | 'es'): SessionUser => ({ ...user, locale });

async function prescriberWithPatient() {
  const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Ana Ruiz'));
  const { patientId, user: patient } = await makePatient(h.db, doc);
  return { doc, patientId, patient };
}

describe('a plan’s refusals in the reader’s language', () => {
  it('a stale save: the conflict in Spanish for a Spanish reader, in English for an English one, with its details', async () => {
    const { doc, patientId } = await prescriberWithPatient();
    const created = await httpCall(h.db, doc, 'plans.create', { patientId, input: validTaperInput(), reason: 'First draft' });
    const { planId } = created.data as { planId: string };
    const edited = await httpCall(h.db, doc, 'plans.update', { patientId, planId, expectedVersion: 1, input: validTaperInput({ stepDays: 21 }), reason: 'Three weeks a step' });
    expect(edited.data).toMatchObject({ version: 2 });

    // Both readers started from version 1.
    const stale = { patientId, planId, expectedVersion: 1, input: validTaperInput({ stepDays: 28 }), reason: 'Four weeks a step' };
    const es = await httpCall(h.db, reading(doc, 'es'), 'plans.update', stale);
    const en = await httpCall(h.db, reading(doc, 'en'), 'plans.update', stale);
    expect([es.status, es.error?.data.code]).toEqual([409, 'CONFLICT']);
    expect(es.error?.message).toBe(
      `Otra persona cambió este plan después de que usted lo abriera (versión 2: ${doc.name} lo modificó). No se guardó nada: revise el cambio de esa persona y luego vuelva a hacer el suyo.`,
    );
    expect(en.error?.message).toBe(`Someone else changed this plan since you opened it (version 2, edit by ${doc.name}). Nothing was saved: review their change, then redo yours.`);
    // The facts a client acts on are the same in every language.
    for (const res of [es, en]) expect(res.error?.data.details).toMatchObject({ latestVersion: 2, action: 'edit', author: doc.name, at: expect.any(String) });
  });

  it('a plan in the wrong state: its state and the action in the reader’s words', async () => {
    const { doc, patientId, patient } = await prescriberWithPatient();
    const created = await httpCall(h.db, doc, 'plans.create', { patientId, input: validTaperInput(), reason: 'First draft' });
    const { planId } = created.data as { planId: string };
    const early = { patientId, planId, expectedVersion: 1, reason: 'Starting now' };
    expect((await httpCall(h.db, reading(doc, 'es'), 'plans.activate', early)).error?.message).toBe('Este plan está en borrador: ahora no es posible iniciarlo.');
    expect((await httpCall(h.db, reading(doc, 'en'), 'plans.activate', early)).error?.message).toBe('This plan is draft: it cannot start now.');
    // The patient does not see drafts: a comment on one is refused as if there were no plan.
    const comment = { patientId, planId, version: 1, body: 'Hola' };
    expect((await httpCall(h.db, reading(patient, 'es'), 'plans.comment', comment)).error?.message).toBe('No se encontró este plan.');
  });

  it('the engine’s guardrail on its field, with a dose written the reader’s way', async () => {
    const { doc, patientId } = await prescriberWithPatient();
    const call = (locale: 'en' | 'es', input: Parameters<typeof validTaperInput>[0]) =>
      httpCall(h.db, reading(doc, locale), 'plans.create', { patientId, input: validTaperInput(input), reason: 'First draft' });

    const aboveEs = await call('es', { targetDailyMg: 40 });
    const aboveEn = await call('en', { targetDailyMg: 40 });
    expect([aboveEs.status, aboveEs.error?.data.details]).toEqual([400, { guardrail: 'target-above-current' }]);
    expect(aboveEs.error?.data.fieldErrors).toEqual({ 'input.targetDailyMg': ['La dosis objetivo debe ser menor que la dosis actual.'] });
    expect(aboveEn.error?.data.fieldErrors).toEqual({ 'input.targetDailyMg': ['The target dose must be lower than the current dose.'] });

    const coarse = { currentDailyMg: 27.5, formulations: [{ kind: 'tablet' as const, strengthMg: 10, scored: false }] };
    const notTakeableEs = await call('es', coarse);
    const notTakeableEn = await call('en', coarse);
    expect(notTakeableEs.error?.message).toBe('27,5 mg al día no se pueden dar con las presentaciones indicadas. Añada las que usa ahora el paciente.');
    expect(notTakeableEs.error?.data.fieldErrors?.['input.currentDailyMg']).toEqual([notTakeableEs.error?.message]);
    expect(notTakeableEn.error?.message).toBe('27.5 mg a day cannot be given with the formulations listed. Add the ones the patient uses now.');
  });

  it('the form’s own checks on a field, with their bounds', async () => {
    const { doc, patientId } = await prescriberWithPatient();
    const call = (locale: 'en' | 'es', input: Parameters<typeof validTaperInput>[0]) =>
      httpCall(h.db, reading(doc, locale), 'plans.create', { patientId, input: validTaperInput(input), reason: 'First draft' });
    const zeroEs = await call('es', { currentDailyMg: 0 });
    const zeroEn = await call('en', { currentDailyMg: 0 });
    expect(zeroEs.error?.data.fieldErrors?.['input.currentDailyMg']).toEqual(['La dosis actual debe ser mayor que 0.']);
    expect(zeroEn.error?.data.fieldErrors?.['input.currentDailyMg']).toEqual(['The current dose must be more than 0.']);
    expect(zeroEs.error?.message).toBe('Hay campos que necesitan su atención.');
    expect((await call('es', { currentDailyMg: 300 })).error?.data.fieldErrors?.['input.currentDailyMg']).toEqual(['Como máximo 240 mg al día.']);
    expect((await call('en', { stepDays: 120 })).error?.data.fieldErrors?.['input.stepDays']).toEqual(['At most 90 days.']);
    expect((await call('es', { stepDays: 120 })).error?.data.fieldErrors?.['input.stepDays']).toEqual(['Como máximo 90 días.']);
  });
});
