// The clinic's contacts and escalation window, and a patient's phone numbers, through the API on a real
// database of this file's own (the clinic settings are one row for the whole database).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { auditEvents, clinicSettings, patientProfiles } from '~/db/schema';
import type { SessionUser } from '~/server/auth/session';
import { getClinicSettings } from '~/server/clinic/service';
import {
  addToTeam, auditAbout, auditBy, callerFor, httpCall, makeNamedPatient, makeNonPrescriber, makeUser, openIsolatedTestDb, rejection, uniqueName,
} from '~/server/test/db';

let h: DbHandle;
beforeAll(async () => {
  h = await openIsolatedTestDb();
});
afterAll(async () => {
  await h.close();
});

const emptySettings = { clinicPhone: '', onCallName: '', onCallEmail: '', onCallPhone: '', crisisLineName: '', crisisLinePhone: '', escalationMinutes: 30 };
const clinicInput = {
  clinicPhone: '+44 20 7946 0958',
  onCallName: 'Dr On Call',
  onCallEmail: ' On.Call@Clinic.Example ',
  onCallPhone: '020 7946 0100',
  crisisLineName: 'Samaritans',
  crisisLinePhone: '116 123',
  escalationMinutes: 45,
};

async function settingsRow() {
  const rows = await h.db.select().from(clinicSettings);
  return rows;
}

async function clinicAudit() {
  return h.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'clinic_settings'));
}

describe('clinic settings', () => {
  // Runs first: the file's database has no settings row yet.
  it('are the defaults while no administrator has saved them: 30 minutes, everything else empty', async () => {
    const admin = await makeUser(h.db, 'admin');
    expect(await settingsRow()).toEqual([]);
    const defaults = { clinicPhone: null, onCallName: null, onCallEmail: null, onCallPhone: null, crisisLineName: null, crisisLinePhone: null, escalationMinutes: 30, updatedAt: null };
    expect(await getClinicSettings(h.db)).toEqual(defaults);
    expect(await callerFor(h.db, admin).clinic.settings()).toEqual(defaults);
    const patient = (await makeNamedPatient(h.db, await makeUser(h.db, 'clinician'), { name: uniqueName('Early') })).user;
    expect(await callerFor(h.db, patient).clinic.contacts()).toEqual({ clinicPhone: null, crisisLineName: null, crisisLinePhone: null });
    // Reading writes nothing.
    expect(await settingsRow()).toEqual([]);
  });

  it('are saved by an administrator: numbers stored in E.164 where a country is known, an audit event in the same request', async () => {
    const admin = await makeUser(h.db, 'admin');
    const saved = await callerFor(h.db, admin).clinic.update(clinicInput);
    const expected = {
      clinicPhone: '+442079460958',
      onCallName: 'Dr On Call',
      onCallEmail: 'on.call@clinic.example',
      // Typed without a country code: read in the clinic phone's country (GB), where it is a real number.
      onCallPhone: '+442079460100',
      crisisLineName: 'Samaritans',
      // A short number stays as typed.
      crisisLinePhone: '116 123',
      escalationMinutes: 45,
    };
    expect(saved).toMatchObject(expected);
    expect(saved.updatedAt).toBeInstanceOf(Date);
    expect(await getClinicSettings(h.db)).toEqual(saved);
    const [row] = await settingsRow();
    expect(row).toMatchObject({ id: 1, updatedBy: admin.id, ...expected });

    const events = await auditBy(h.db, admin.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'clinic.update_settings', entityType: 'clinic_settings', patientId: null, actorId: admin.id,
      before: { clinicPhone: null, onCallEmail: null, escalationMinutes: 30 },
      after: expected,
    });
    expect(events[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);

    // A second save keeps the one row, and its audit event starts from the first save.
    const again = await callerFor(h.db, admin).clinic.update({ ...clinicInput, onCallEmail: '', onCallName: '', escalationMinutes: 1 });
    expect(again).toMatchObject({ onCallEmail: null, onCallName: null, escalationMinutes: 1 });
    expect(await settingsRow()).toHaveLength(1);
    const [, second] = await auditBy(h.db, admin.id);
    expect(second).toMatchObject({ before: { onCallEmail: 'on.call@clinic.example', escalationMinutes: 45 }, after: { onCallEmail: null, escalationMinutes: 1 } });
    await callerFor(h.db, admin).clinic.update(clinicInput);
  });

  it('are only an administrator’s to read and change', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const patient = (await makeNamedPatient(h.db, doc, { name: uniqueName('Curious') })).user;
    const before = await settingsRow();
    const audits = (await clinicAudit()).length;
    for (const who of [doc, patient]) {
      for (const call of [callerFor(h.db, who).clinic.settings(), callerFor(h.db, who).clinic.update({ ...clinicInput, onCallEmail: 'attacker@example.com' })]) {
        const error = await rejection(call);
        expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You do not have access to this.']);
      }
    }
    expect((await rejection(callerFor(h.db, 'anonymous').clinic.contacts())).code).toBe('UNAUTHORIZED');
    expect((await rejection(callerFor(h.db, 'anonymous').clinic.update(clinicInput))).code).toBe('UNAUTHORIZED');
    expect(await settingsRow()).toEqual(before);
    expect((await clinicAudit()).length).toBe(audits);
  });

  it('refuses bad input with a message on each field (400, never 500), and changes nothing', async () => {
    const admin = await makeUser(h.db, 'admin');
    const before = await settingsRow();
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ clinicPhone: 'ring reception' }, { clinicPhone: ['Use only digits and spaces (brackets, dashes and dots are fine), with a + before a country code.'] }],
      [{ clinicPhone: '+44 20 7946 095' }, { clinicPhone: ['This is not a phone number in the country its code names. Check the country code and the digits.'] }],
      [{ onCallPhone: '12' }, { onCallPhone: ['Enter at least 3 digits.'] }],
      [{ onCallEmail: 'on-call at clinic' }, { onCallEmail: ['Enter a valid email address.'] }],
      [{ escalationMinutes: 0 }, { escalationMinutes: ['Enter a whole number of minutes from 1 to 720 (12 hours).'] }],
      [{ escalationMinutes: 721 }, { escalationMinutes: ['Enter a whole number of minutes from 1 to 720 (12 hours).'] }],
      [{ escalationMinutes: 2.5 }, { escalationMinutes: ['Enter a whole number of minutes from 1 to 720 (12 hours).'] }],
      [{ escalationMinutes: '30' }, { escalationMinutes: ['Enter a whole number of minutes from 1 to 720 (12 hours).'] }],
      [{ crisisLineName: 'Samaritans', crisisLinePhone: '' }, { crisisLinePhone: ['Enter the crisis line’s number too, or clear its name.'] }],
      [{ crisisLineName: '', crisisLinePhone: '116 123' }, { crisisLineName: ['Enter the crisis line’s name too, so patients know whom they are calling.'] }],
      [{ crisisLineName: 'x'.repeat(201), crisisLinePhone: '116 123' }, { crisisLineName: ['Use at most 200 characters.'] }],
      [{ clinicPhone: '1'.repeat(41) }, { clinicPhone: ['Use at most 40 characters.'] }],
      [{ clinicPhone: null }, { clinicPhone: ['Enter a phone number, or leave it empty.'] }],
    ];
    for (const [over, fieldErrors] of cases) {
      const res = await httpCall(h.db, admin, 'clinic.update', { ...emptySettings, ...over });
      expect([over, res.status]).toEqual([over, 400]);
      expect([over, res.error?.data.fieldErrors]).toEqual([over, fieldErrors]);
    }
    expect(await settingsRow()).toEqual(before);
    expect(await auditBy(h.db, admin.id)).toEqual([]);
  });

  it('give a patient the clinic phone and crisis line only: nothing about on-call', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const patient = (await makeNamedPatient(h.db, doc, { name: uniqueName('Reader') })).user;
    const res = await httpCall(h.db, patient, 'clinic.contacts');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ clinicPhone: '+442079460958', crisisLineName: 'Samaritans', crisisLinePhone: '116 123' });
    for (const secret of ['on.call@clinic.example', 'Dr On Call', '442079460100', 'escalation']) expect(res.body).not.toContain(secret);
    // Clinicians read the same (their patients' screens show it).
    expect(await callerFor(h.db, doc).clinic.contacts()).toEqual(res.data);
  });
});

describe('a patient’s phone numbers', () => {
  async function world() {
    const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Phone'));
    const member = await makeUser(h.db, 'clinician', uniqueName('Read-only member'));
    const physio = await makeNonPrescriber(h.db, uniqueName('Physio'));
    const outsider = await makeUser(h.db, 'clinician', uniqueName('Outsider'));
    const admin = await makeUser(h.db, 'admin');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Phoned Patient') });
    await addToTeam(h.db, doc, p.patientId, member, { mayEditPlan: false });
    await addToTeam(h.db, doc, p.patientId, physio, { mayEditPlan: true });
    const other = await makeNamedPatient(h.db, outsider, { name: uniqueName('Other Patient') });
    return { doc, member, physio, outsider, admin, patient: p.user, patientId: p.patientId, other: other.user };
  }

  async function numbers(patientId: string) {
    const [row] = await h.db
      .select({ phone: patientProfiles.phone, emergencyContactName: patientProfiles.emergencyContactName, emergencyContactPhone: patientProfiles.emergencyContactPhone, careTeamPhone: patientProfiles.careTeamPhone })
      .from(patientProfiles)
      .where(eq(patientProfiles.patientId, patientId));
    return row;
  }

  const teamInput = (patientId: string) => ({
    patientId, phone: '020 7946 0200', emergencyContactName: ' Sam Carer ', emergencyContactPhone: '+1 415 555 2671', careTeamPhone: '020-7946-0300',
  });

  it('are set by any member of the care team, even one who may not edit the plan, with an audit event', async () => {
    const w = await world();
    const saved = await callerFor(h.db, w.member).patients.updateContacts(teamInput(w.patientId));
    // The clinic's phone is a GB number: national numbers that are real GB numbers are stored in E.164.
    const expected = { phone: '+442079460200', emergencyContactName: 'Sam Carer', emergencyContactPhone: '+14155552671', careTeamPhone: '+442079460300' };
    expect(saved).toEqual(expected);
    expect(await numbers(w.patientId)).toEqual(expected);
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'patient.update_contacts');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: w.member.id, entityType: 'patient', entityId: w.patientId,
      before: { phone: null, emergencyContactName: null, emergencyContactPhone: null, careTeamPhone: null }, after: expected,
    });
    await expect(callerFor(h.db, w.physio).patients.updateContacts({ ...teamInput(w.patientId), careTeamPhone: '' })).resolves.toMatchObject({ careTeamPhone: null });
  });

  it('are in the record the team and the patient read', async () => {
    const w = await world();
    await callerFor(h.db, w.doc).patients.updateContacts(teamInput(w.patientId));
    for (const who of [w.doc, w.member, w.patient]) {
      const record = await callerFor(h.db, who).patients.get({ patientId: w.patientId });
      expect(record.patient).toMatchObject({ phone: '+442079460200', emergencyContactName: 'Sam Carer', emergencyContactPhone: '+14155552671', careTeamPhone: '+442079460300' });
    }
  });

  it('are the patient’s own to change (their number and emergency contact), with an audit event', async () => {
    const w = await world();
    await callerFor(h.db, w.doc).patients.updateContacts(teamInput(w.patientId));
    const saved = await callerFor(h.db, w.patient).patients.updateMyContacts({ patientId: w.patientId, phone: '(020) 7946 0400', emergencyContactName: '', emergencyContactPhone: '' });
    // The care-team number is untouched by the patient's edit.
    expect(saved).toEqual({ phone: '+442079460400', emergencyContactName: null, emergencyContactPhone: null, careTeamPhone: '+442079460300' });
    expect(await numbers(w.patientId)).toEqual(saved);
    const [event] = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'patient.update_contacts' && e.actorId === w.patient.id);
    expect(event).toMatchObject({
      before: { phone: '+442079460200', emergencyContactName: 'Sam Carer', emergencyContactPhone: '+14155552671' },
      after: { phone: '+442079460400', emergencyContactName: null, emergencyContactPhone: null },
    });
    expect(event?.after).not.toHaveProperty('careTeamPhone');
  });

  it('do not let the patient set the care-team number, nor anyone else’s numbers', async () => {
    const w = await world();
    await callerFor(h.db, w.doc).patients.updateContacts(teamInput(w.patientId));
    const before = await numbers(w.patientId);
    const otherBefore = await numbers(w.other.id);
    const audits = (await auditAbout(h.db, w.patientId)).length;
    const me = callerFor(h.db, w.patient).patients;

    const sneaked = await rejection(me.updateMyContacts({ patientId: w.patientId, phone: '', emergencyContactName: '', emergencyContactPhone: '', careTeamPhone: '999' } as never));
    expect(sneaked.code).toBe('BAD_REQUEST');
    expect(sneaked.message).toContain('Unrecognized key');
    const teamEdit = await rejection(me.updateContacts({ ...teamInput(w.patientId), careTeamPhone: '999' }));
    expect([teamEdit.code, teamEdit.message]).toEqual(['FORBIDDEN', 'Only the care team can see this.']);
    for (const call of [
      me.updateMyContacts({ patientId: w.other.id, phone: '999', emergencyContactName: '', emergencyContactPhone: '' }),
      me.updateContacts(teamInput(w.other.id)),
    ]) {
      const error = await rejection(call);
      expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You do not have access to this patient.']);
    }
    // The other patient cannot change this one's numbers either.
    expect((await rejection(callerFor(h.db, w.other).patients.updateMyContacts({ patientId: w.patientId, phone: '999', emergencyContactName: '', emergencyContactPhone: '' }))).code).toBe('FORBIDDEN');

    expect(await numbers(w.patientId)).toEqual(before);
    expect(await numbers(w.other.id)).toEqual(otherBefore);
    expect((await auditAbout(h.db, w.patientId)).length).toBe(audits);
  });

  it('are not changed by a clinician off the team, an administrator, or a team member acting as the patient', async () => {
    const w = await world();
    const before = await numbers(w.patientId);
    for (const who of [w.outsider, w.admin]) {
      const error = await rejection(callerFor(h.db, who).patients.updateContacts(teamInput(w.patientId)));
      expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You do not have access to this patient.']);
    }
    const asPatient = await rejection(callerFor(h.db, w.doc).patients.updateMyContacts({ patientId: w.patientId, phone: '999', emergencyContactName: '', emergencyContactPhone: '' }));
    expect([asPatient.code, asPatient.message]).toEqual(['FORBIDDEN', 'Only the patient can do this.']);
    expect(await numbers(w.patientId)).toEqual(before);
  });

  it('refuse bad numbers with a message on each field', async () => {
    const w = await world();
    const own = { patientId: w.patientId, phone: '', emergencyContactName: '', emergencyContactPhone: '' };
    const cases: [SessionUser, string, Record<string, unknown>, Record<string, string[]>][] = [
      [w.patient, 'patients.updateMyContacts', { ...own, phone: 'my mobile' }, { phone: ['Use only digits and spaces (brackets, dashes and dots are fine), with a + before a country code.'] }],
      [w.patient, 'patients.updateMyContacts', { ...own, emergencyContactName: 'Mum' }, { emergencyContactPhone: ['Enter the emergency contact’s number too, or clear their name.'] }],
      [w.patient, 'patients.updateMyContacts', { ...own, emergencyContactPhone: '020 7946 0500' }, { emergencyContactName: ['Enter the emergency contact’s name too, or clear their number.'] }],
      [w.doc, 'patients.updateContacts', { ...own, careTeamPhone: '+44 20' }, { careTeamPhone: ['This is not a phone number in the country its code names. Check the country code and the digits.'] }],
      [w.doc, 'patients.updateContacts', { ...own, careTeamPhone: '1 2' }, { careTeamPhone: ['Enter at least 3 digits.'] }],
    ];
    for (const [who, path, input, fieldErrors] of cases) {
      const res = await httpCall(h.db, who, path, input);
      expect([input, res.status, res.error?.data.fieldErrors]).toEqual([input, 400, fieldErrors]);
    }
    expect(await numbers(w.patientId)).toEqual({ phone: null, emergencyContactName: null, emergencyContactPhone: null, careTeamPhone: null });
  });
});
