// The care team's refusals and the contact fields' messages in the reader's language: a plan's status inside
// a refusal is a Spanish word for a Spanish reader, and a phone check names its digit count in both languages.
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '~/server/auth/session';
import { addToTeam, httpCall, makeNonPrescriber, makePatient, makePlan, makeUser, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const reading = (user: SessionUser, locale: 'en' | 'es'): SessionUser => ({ ...user, locale });

describe('care-team and contact messages in the reader’s language', () => {
  it('the last prescriber of a paused plan: the refusal names the status in each language', async () => {
    const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Rx'));
    const physio = await makeNonPrescriber(h.db, uniqueName('Physio'));
    const { user: patient, patientId } = await makePatient(h.db, doc);
    await addToTeam(h.db, doc, patientId, physio, { mayEditPlan: true });
    await makePlan(h.db, doc, patient, 'paused');
    const input = { patientId, clinicianId: doc.id, mayEditPlan: false };
    const es = await httpCall(h.db, reading(physio, 'es'), 'patients.updateCareTeamMember', input);
    const en = await httpCall(h.db, reading(physio, 'en'), 'patients.updateCareTeamMember', input);
    const esText = 'El plan de este paciente está en pausa: el equipo de atención debe conservar un/a prescriptor/a que pueda modificar el plan. Añada primero a otro/a prescriptor/a que pueda modificar el plan.';
    const enText = 'This patient’s plan is paused: the care team must keep a prescriber who may edit the plan. Add another prescriber with plan editing first.';
    expect([es.status, es.error?.message, es.error?.data.fieldErrors]).toEqual([400, esText, { mayEditPlan: [esText] }]);
    expect([en.status, en.error?.message, en.error?.data.fieldErrors]).toEqual([400, enText, { mayEditPlan: [enText] }]);
  });

  it('phone numbers too short or too long, and half of an emergency contact: field messages in each language', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { patientId } = await makePatient(h.db, doc);
    const blank = { patientId, phone: '', emergencyContactName: '', emergencyContactPhone: '', careTeamPhone: '' };
    const fieldsIn = async (locale: 'en' | 'es', input: typeof blank) => (await httpCall(h.db, reading(doc, locale), 'patients.updateContacts', input)).error?.data.fieldErrors;
    // The bounds come from the check (PHONE_MIN_DIGITS, PHONE_MAX_DIGITS), written into each language's sentence.
    const numbers = { ...blank, phone: '1 2', careTeamPhone: '1234 5678 9012 3456' };
    expect(await fieldsIn('es', numbers)).toEqual({
      phone: ['Escriba al menos 3 dígitos.'],
      careTeamPhone: ['Un número de teléfono tiene como máximo 15 dígitos. Compruebe que no sobre ninguno.'],
    });
    expect(await fieldsIn('en', numbers)).toEqual({
      phone: ['Enter at least 3 digits.'],
      careTeamPhone: ['A phone number has at most 15 digits. Check for extra digits.'],
    });
    const half = { ...blank, emergencyContactName: 'Marta' };
    expect(await fieldsIn('es', half)).toEqual({ emergencyContactPhone: ['Escriba también el número del contacto de emergencia, o borre su nombre.'] });
    expect(await fieldsIn('en', half)).toEqual({ emergencyContactPhone: ['Enter the emergency contact’s number too, or clear their name.'] });
  });
});
