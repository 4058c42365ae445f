// Patients and their care teams: adding a patient, the record, and who is on the team.
import { describe, expect, it } from 'vitest';
import { EMAIL_IN_USE } from '~/server/accounts/email-in-use';
import type { SessionUser } from '~/server/auth/session';
import { addToTeam, appFieldErrors, auditBy, callerFor, httpCall, makeNamedPatient, makeNonPrescriber, makePatient, makeUser, rejection, uniqueEmail, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const LAST_EDITOR = 'The care team must keep at least one member who may edit the plan.';
const NO_CLINICIAN = 'No active clinician account has this email. An administrator can create one.';

async function teamOf(by: SessionUser, patientId: string) {
  const record = await callerFor(h.db, by).patients.get({ patientId });
  return record.careTeam.map((m) => ({ id: m.clinicianId, discipline: m.discipline, mayEditPlan: m.mayEditPlan }));
}

describe('adding a patient', () => {
  it('creates the account (invited), the profile and a team with the clinician on it, their discipline from their account', async () => {
    const doc = await makeNonPrescriber(h.db, uniqueName('Physio Add'));
    const name = uniqueName('New patient');
    const email = uniqueEmail('new-patient');
    const added = await callerFor(h.db, doc).patients.add({
      name: `  ${name} `, email: email.toUpperCase(), timeZone: 'Australia/Sydney', hasIntrathecalPump: true, dateOfBirth: '1955-12-31',
      conditions: ' Multiple sclerosis ', renalFunction: 'mild',
    });
    expect(added.emailed).toBe(false);
    const record = await callerFor(h.db, doc).patients.get({ patientId: added.patientId });
    expect(record.patient).toMatchObject({
      id: added.patientId, name, email, timeZone: 'Australia/Sydney', hasIntrathecalPump: true, dateOfBirth: '1955-12-31',
      conditions: 'Multiple sclerosis', renalFunction: 'mild', accountStatus: 'invited', disabledAt: null,
    });
    expect(record.careTeam).toEqual([
      { clinicianId: doc.id, name: doc.name, email: doc.email, discipline: 'physiotherapist', mayEditPlan: true, mayPrescribe: false, since: expect.any(Date) },
    ]);
    expect(record.access).toEqual({ patientId: added.patientId, kind: 'care-team', discipline: 'physiotherapist', mayEditPlan: true, mayPrescribe: false });
  });

  it('applies the defaults: unknown renal function, no conditions, the adding clinician may edit the plan', async () => {
    const doc = await makeNonPrescriber(h.db, uniqueName('Nurse'), 'nurse');
    const added = await callerFor(h.db, doc).patients.add({ name: 'Defaults', email: uniqueEmail('defaults'), timeZone: 'UTC', hasIntrathecalPump: false });
    const record = await callerFor(h.db, doc).patients.get({ patientId: added.patientId });
    expect(record.patient).toMatchObject({ renalFunction: 'unknown', conditions: '', dateOfBirth: null });
    expect(record.careTeam[0]).toMatchObject({ discipline: 'nurse', mayEditPlan: true });
  });

  // A team without a plan editor could never be changed again, so the creator always joins as one.
  it('never leaves a new patient without a member who may edit the plan', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const added = await callerFor(h.db, doc).patients.add({ name: 'Orphan', email: uniqueEmail('orphan'), timeZone: 'UTC', hasIntrathecalPump: false });
    const team = await teamOf(doc, added.patientId);
    expect(team.map((m) => [m.id, m.mayEditPlan])).toEqual([[doc.id, true]]);
    // The old opt-out field is refused rather than ignored.
    await expect(
      callerFor(h.db, doc).patients.add({ name: 'Orphan', email: uniqueEmail('orphan'), timeZone: 'UTC', hasIntrathecalPump: false, iMayEditPlan: false } as never),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // So is choosing one's own discipline: it comes from the account.
    await expect(
      callerFor(h.db, doc).patients.add({ name: 'Orphan', email: uniqueEmail('orphan'), timeZone: 'UTC', hasIntrathecalPump: false, myDiscipline: 'prescriber' } as never),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('lists the patient for the team, with the account status, and not for others', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const other = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Listed') });
    const mine = await callerFor(h.db, doc).patients.listMine();
    expect(mine).toContainEqual({ patientId: p.patientId, name: p.user.name, email: p.email, hasIntrathecalPump: false, discipline: 'prescriber', mayEditPlan: true, accountStatus: 'invited' });
    expect((await callerFor(h.db, other).patients.listMine()).map((r) => r.patientId)).not.toContain(p.patientId);
  });

  const dateBase = { name: 'Dates', timeZone: 'UTC', hasIntrathecalPump: false };

  it('refuses an address already in use with one answer whoever holds it (no role told), and audits the attempt', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const elsewhere = await makeUser(h.db, 'clinician');
    const holders = [
      (await makePatient(h.db, elsewhere)).user, // a patient of another team, invited
      await makeUser(h.db, 'patient'), // a patient with a password
      elsewhere,
      await makeUser(h.db, 'admin'),
    ];
    const before = await callerFor(h.db, doc).patients.listMine();
    const answers = [];
    for (const holder of holders) {
      const error = await rejection(callerFor(h.db, doc).patients.add({ name: 'Same Address', email: ` ${holder.email.toUpperCase()}`, timeZone: 'UTC', hasIntrathecalPump: false }));
      answers.push({ code: error.code, message: error.message, fieldErrors: appFieldErrors(error) });
    }
    const neutral = { code: 'CONFLICT', message: EMAIL_IN_USE.patient, fieldErrors: { email: [EMAIL_IN_USE.patient] } };
    expect(answers).toEqual(holders.map(() => neutral));
    expect(EMAIL_IN_USE.patient).not.toMatch(/a patient|clinician|administrator|disabled|invited|exists/i);
    // Over HTTP the body says no more.
    const res = await httpCall(h.db, doc, 'patients.add', { name: 'Same Address', email: holders[0]?.email, timeZone: 'UTC', hasIntrathecalPump: false });
    expect(res.status).toBe(409);
    expect(res.body).not.toMatch(/"role"|patient_id|"patientId"/);
    // Audited: who tried, and whose address it was; no email, name or role copied, not on anyone's record.
    const refused = (await auditBy(h.db, doc.id)).filter((e) => e.action === 'patient.create_refused');
    expect(refused.map((e) => [e.entityType, e.entityId, e.patientId, e.after])).toEqual(
      [...holders, holders[0]].map((u) => ['user', u?.id, null, { refused: 'email-in-use' }]),
    );
    for (const holder of holders) expect(JSON.stringify(refused)).not.toContain(holder.email);
    // Nothing else was made.
    expect(await callerFor(h.db, doc).patients.listMine()).toEqual(before);
  });

  it('refuses a date of birth in the future or before 1900', async () => {
    const doc = await makeUser(h.db, 'clinician');
    for (const dateOfBirth of ['2999-01-01', '1899-12-31']) {
      const res = await httpCall(h.db, doc, 'patients.add', { ...dateBase, email: uniqueEmail('dates'), dateOfBirth });
      expect(res.error?.data.fieldErrors?.dateOfBirth).toEqual(['Enter a date of birth in the past.']);
    }
    const today = new Date().toISOString().slice(0, 10);
    const ok = await httpCall(h.db, doc, 'patients.add', { ...dateBase, email: uniqueEmail('dates'), dateOfBirth: today });
    expect(ok.error).toBeUndefined();
  });

  it('refuses a malformed date of birth with the format message', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const res = await httpCall(h.db, doc, 'patients.add', { ...dateBase, email: uniqueEmail('dates'), dateOfBirth: '31/12/1970' });
    expect(res.error?.data.fieldErrors?.dateOfBirth?.[0]).toBe('Enter the date of birth as YYYY-MM-DD.');
  });

  // The format check aborts, so a typo does not also get the (wrong) "in the past" message.
  it('shows only the format message for a malformed date of birth', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const res = await httpCall(h.db, doc, 'patients.add', { ...dateBase, email: uniqueEmail('dates'), dateOfBirth: '31/12/1970' });
    expect(res.error?.data.fieldErrors?.dateOfBirth).toEqual(['Enter the date of birth as YYYY-MM-DD.']);
  });
});

describe('the care team', () => {
  it('adds a colleague by email in any case, with the discipline of their account; the colleague can then read the record', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const colleague = await makeNonPrescriber(h.db, uniqueName('Colleague'), 'pharmacist');
    const p = await makePatient(h.db, doc);
    await expect(callerFor(h.db, colleague).patients.get({ patientId: p.patientId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const result = await callerFor(h.db, doc).patients.addCareTeamMember({
      patientId: p.patientId, clinicianEmail: ` ${colleague.email.toUpperCase()} `, mayEditPlan: false,
    });
    expect(result).toEqual({ clinicianId: colleague.id });
    const record = await callerFor(h.db, colleague).patients.get({ patientId: p.patientId });
    expect(record.access).toEqual({ patientId: p.patientId, kind: 'care-team', discipline: 'pharmacist', mayEditPlan: false, mayPrescribe: false });
    expect(await teamOf(doc, p.patientId)).toContainEqual({ id: colleague.id, discipline: 'pharmacist', mayEditPlan: false });
    expect((await callerFor(h.db, colleague).patients.listMine()).map((r) => r.patientId)).toContain(p.patientId);
  });

  it('refuses a colleague already on the team: CONFLICT on clinicianEmail', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const colleague = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    await addToTeam(h.db, doc, p.patientId, colleague);
    const error = await rejection(
      callerFor(h.db, doc).patients.addCareTeamMember({ patientId: p.patientId, clinicianEmail: colleague.email, mayEditPlan: true }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(appFieldErrors(error)).toEqual({ clinicianEmail: ['This clinician is already on the care team.'] });
    // The existing membership is unchanged.
    expect(await teamOf(doc, p.patientId)).toContainEqual({ id: colleague.id, discipline: 'prescriber', mayEditPlan: false });
  });

  it('answers NOT_FOUND on clinicianEmail for an unknown email, a patient, an administrator and a disabled clinician', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const admin = await makeUser(h.db, 'admin');
    const p = await makePatient(h.db, doc);
    const otherPatient = await makePatient(h.db, doc);
    const disabled = await makeUser(h.db, 'clinician');
    await callerFor(h.db, admin).admin.setDisabled({ userId: disabled.id, disabled: true });
    for (const email of [uniqueEmail('unknown'), otherPatient.user.email, p.user.email, admin.email, disabled.email]) {
      const error = await rejection(callerFor(h.db, doc).patients.addCareTeamMember({ patientId: p.patientId, clinicianEmail: email, mayEditPlan: false }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe(NO_CLINICIAN);
      expect(appFieldErrors(error)).toEqual({ clinicianEmail: [NO_CLINICIAN] });
    }
    expect((await teamOf(doc, p.patientId)).map((m) => m.id)).toEqual([doc.id]);
  });

  it('updates a member’s plan rights', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const colleague = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    await addToTeam(h.db, doc, p.patientId, colleague);
    await expect(
      callerFor(h.db, doc).patients.updateCareTeamMember({ patientId: p.patientId, clinicianId: colleague.id, mayEditPlan: true }),
    ).resolves.toEqual({ ok: true });
    expect(await teamOf(doc, p.patientId)).toContainEqual({ id: colleague.id, discipline: 'prescriber', mayEditPlan: true });
    // With plan rights the colleague can now edit the team.
    await expect(
      callerFor(h.db, colleague).patients.updateCareTeamMember({ patientId: p.patientId, clinicianId: doc.id, mayEditPlan: false }),
    ).resolves.toEqual({ ok: true });
    expect(await teamOf(doc, p.patientId)).toContainEqual({ id: doc.id, discipline: 'prescriber', mayEditPlan: false });
    // A discipline is not the team's to set: it comes from the account.
    const error = await rejection(
      callerFor(h.db, colleague).patients.updateCareTeamMember({ patientId: p.patientId, clinicianId: doc.id, discipline: 'nurse', mayEditPlan: false } as never),
    );
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('answers NOT_FOUND when updating or removing someone not on the team', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const stranger = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const api = callerFor(h.db, doc).patients;
    const update = await rejection(api.updateCareTeamMember({ patientId: p.patientId, clinicianId: stranger.id, mayEditPlan: true }));
    const remove = await rejection(api.removeCareTeamMember({ patientId: p.patientId, clinicianId: stranger.id }));
    expect([update.code, update.message]).toEqual(['NOT_FOUND', 'This clinician is not on the care team.']);
    expect([remove.code, remove.message]).toEqual(['NOT_FOUND', 'This clinician is not on the care team.']);
  });

  it('removes a member, who is then refused with FORBIDDEN', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const colleague = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    await addToTeam(h.db, doc, p.patientId, colleague, { mayEditPlan: true });
    await expect(callerFor(h.db, colleague).patients.get({ patientId: p.patientId })).resolves.toMatchObject({ patient: { id: p.patientId } });
    await expect(callerFor(h.db, doc).patients.removeCareTeamMember({ patientId: p.patientId, clinicianId: colleague.id })).resolves.toEqual({ ok: true });
    expect((await teamOf(doc, p.patientId)).map((m) => m.id)).toEqual([doc.id]);
    const error = await rejection(callerFor(h.db, colleague).patients.get({ patientId: p.patientId }));
    expect(error.code).toBe('FORBIDDEN');
    expect((await callerFor(h.db, colleague).patients.listMine()).map((r) => r.patientId)).not.toContain(p.patientId);
  });

  it('cannot remove or demote the last member who may edit the plan, but can once another editor exists', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const nurse = await makeNonPrescriber(h.db, uniqueName('Nurse'), 'nurse');
    const p = await makePatient(h.db, doc);
    await addToTeam(h.db, doc, p.patientId, nurse, { mayEditPlan: false });
    const api = callerFor(h.db, doc).patients;
    const remove = await rejection(api.removeCareTeamMember({ patientId: p.patientId, clinicianId: doc.id }));
    expect([remove.code, remove.message]).toEqual(['BAD_REQUEST', LAST_EDITOR]);
    const demote = await rejection(api.updateCareTeamMember({ patientId: p.patientId, clinicianId: doc.id, mayEditPlan: false }));
    expect([demote.code, demote.message]).toEqual(['BAD_REQUEST', LAST_EDITOR]);
    expect(appFieldErrors(demote)).toEqual({ mayEditPlan: [LAST_EDITOR] });
    // Saving the last editor's rights unchanged is fine.
    await api.updateCareTeamMember({ patientId: p.patientId, clinicianId: doc.id, mayEditPlan: true });
    // A member without plan rights can always be removed.
    await api.removeCareTeamMember({ patientId: p.patientId, clinicianId: nurse.id });
    // With a second editor, the first can leave.
    await addToTeam(h.db, doc, p.patientId, nurse, { mayEditPlan: true });
    await api.removeCareTeamMember({ patientId: p.patientId, clinicianId: doc.id });
    expect(await teamOf(nurse, p.patientId)).toEqual([{ id: nurse.id, discipline: 'nurse', mayEditPlan: true }]);
  });

  it('keeps a plan editor when two editors demote each other at the same time', async () => {
    const a = await makeUser(h.db, 'clinician');
    const b = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, a);
    await addToTeam(h.db, a, p.patientId, b, { mayEditPlan: true });
    const results = await Promise.allSettled([
      callerFor(h.db, a).patients.updateCareTeamMember({ patientId: p.patientId, clinicianId: b.id, mayEditPlan: false }),
      callerFor(h.db, b).patients.updateCareTeamMember({ patientId: p.patientId, clinicianId: a.id, mayEditPlan: false }),
    ]);
    const team = await h.db.query.careTeamMembers.findMany({ where: (m, { eq }) => eq(m.patientId, p.patientId) });
    expect(team.filter((m) => m.mayEditPlan)).toHaveLength(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('the profile', () => {
  it('is updated by a plan editor; the patient sees the change', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    await callerFor(h.db, doc).patients.updateProfile({
      patientId: p.patientId, dateOfBirth: '1990-07-15', conditions: 'Stroke', renalFunction: 'normal', hasIntrathecalPump: true, timeZone: 'Asia/Tokyo',
    });
    const mine = await callerFor(h.db, p.user).patients.get({ patientId: p.patientId });
    expect(mine.patient).toMatchObject({ dateOfBirth: '1990-07-15', conditions: 'Stroke', renalFunction: 'normal', hasIntrathecalPump: true, timeZone: 'Asia/Tokyo' });
    // A null date of birth clears it.
    await callerFor(h.db, doc).patients.updateProfile({
      patientId: p.patientId, dateOfBirth: null, conditions: 'Stroke', renalFunction: 'normal', hasIntrathecalPump: true, timeZone: 'Asia/Tokyo',
    });
    expect((await callerFor(h.db, doc).patients.get({ patientId: p.patientId })).patient.dateOfBirth).toBeNull();
  });

  it('shows a disabled patient account as disabled', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    await callerFor(h.db, doc).patients.setAccountDisabled({ patientId: p.patientId, disabled: true, reason: 'Left the clinic' });
    expect((await callerFor(h.db, doc).patients.get({ patientId: p.patientId })).patient.accountStatus).toBe('disabled');
  });

  it('shows a disabled patient as disabled in the clinician’s list too', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    await callerFor(h.db, doc).patients.setAccountDisabled({ patientId: p.patientId, disabled: true, reason: 'Left the clinic' });
    const row = (await callerFor(h.db, doc).patients.listMine()).find((r) => r.patientId === p.patientId);
    expect(row?.accountStatus).toBe('disabled');
  });
});

describe('profile updates', () => {
  it('need the date of birth stated: leaving it out is refused, not a silent clear', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const added = await callerFor(h.db, doc).patients.add({ name: 'Dated', email: uniqueEmail('dated'), timeZone: 'UTC', hasIntrathecalPump: false, dateOfBirth: '1970-05-06' });
    const update = { patientId: added.patientId, conditions: 'MS', renalFunction: 'normal' as const, hasIntrathecalPump: false, timeZone: 'UTC' };
    await expect(callerFor(h.db, doc).patients.updateProfile(update as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await callerFor(h.db, doc).patients.get({ patientId: added.patientId })).patient.dateOfBirth).toBe('1970-05-06');
    await callerFor(h.db, doc).patients.updateProfile({ ...update, dateOfBirth: null });
    expect((await callerFor(h.db, doc).patients.get({ patientId: added.patientId })).patient.dateOfBirth).toBeNull();
  });
});

describe('the clinician directory', () => {
  it('lists active clinicians only: no patients, administrators or disabled clinicians', async () => {
    const doc = await makeUser(h.db, 'clinician', uniqueName('Directory'));
    const admin = await makeUser(h.db, 'admin');
    const gone = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    await callerFor(h.db, admin).admin.setDisabled({ userId: gone.id, disabled: true });
    const directory = await callerFor(h.db, doc).patients.clinicianDirectory();
    expect(directory).toContainEqual({ id: doc.id, name: doc.name, email: doc.email, discipline: 'prescriber' });
    const ids = directory.map((d) => d.id);
    expect(ids).not.toContain(gone.id);
    expect(ids).not.toContain(admin.id);
    expect(ids).not.toContain(p.patientId);
  });
});
