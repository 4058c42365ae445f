// The account's messages (a refused password change, a weak new password, an administrator's refusals) reach
// each reader in their own language: Spanish for a Spanish reader, the same English as before for an English one.
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '~/server/auth/session';
import { httpCall, makePatient, makeUser, TEST_PASSWORD } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const reading = (user: SessionUser, locale: 'en' | 'es'): SessionUser => ({ ...user, locale });

describe('the account’s messages in the reader’s language', () => {
  it('a wrong current password: the refusal and the field’s message', async () => {
    const me = await makeUser(h.db, 'patient');
    const input = { currentPassword: 'not my password', newPassword: 'a sound new passphrase' };
    const es = await httpCall(h.db, reading(me, 'es'), 'account.changePassword', input);
    const en = await httpCall(h.db, reading(me, 'en'), 'account.changePassword', input);
    expect([es.status, es.error?.message, es.error?.data.fieldErrors]).toEqual([400, 'Su contraseña actual no es correcta.', { currentPassword: ['Su contraseña actual no es correcta.'] }]);
    expect([en.status, en.error?.message, en.error?.data.fieldErrors]).toEqual([400, 'Your current password is not correct.', { currentPassword: ['Your current password is not correct.'] }]);
  });

  it('a weak new password: the field’s message, with the bound it names', async () => {
    const me = await makeUser(h.db, 'clinician');
    const short = { currentPassword: TEST_PASSWORD, newPassword: 'x7#kQ2m' };
    const common = { currentPassword: TEST_PASSWORD, newPassword: 'Password1' };
    const empty = { currentPassword: '', newPassword: 'a sound new passphrase' };
    const field = async (locale: 'en' | 'es', input: unknown, name: string) =>
      (await httpCall(h.db, reading(me, locale), 'account.changePassword', input)).error?.data.fieldErrors?.[name];
    expect(await field('es', short, 'newPassword')).toEqual(['Use al menos 8 caracteres.']);
    expect(await field('en', short, 'newPassword')).toEqual(['Use at least 8 characters.']);
    expect(await field('es', common, 'newPassword')).toEqual(['Esta contraseña es demasiado común. Elija otra.']);
    expect(await field('en', common, 'newPassword')).toEqual(['This password is too common. Choose another one.']);
    expect(await field('es', { ...short, newPassword: 'a1'.repeat(65) }, 'newPassword')).toEqual(['Use como máximo 128 caracteres.']);
    expect(await field('es', empty, 'currentPassword')).toEqual(['Escriba su contraseña actual.']);
    expect(await field('en', empty, 'currentPassword')).toEqual(['Enter your current password.']);
  });

  it('an administrator’s refusals: a patient’s account, and a clinician without a profession', async () => {
    const admin = await makeUser(h.db, 'admin');
    const doc = await makeUser(h.db, 'clinician');
    const { patientId } = await makePatient(h.db, doc);
    const es = await httpCall(h.db, reading(admin, 'es'), 'admin.setDisabled', { userId: patientId, disabled: true });
    const en = await httpCall(h.db, reading(admin, 'en'), 'admin.setDisabled', { userId: patientId, disabled: true });
    expect([es.status, es.error?.message]).toEqual([
      403,
      'Las cuentas de los pacientes las gestiona el equipo de atención de cada paciente: un/a prescriptor/a del equipo puede desactivar o volver a activar la cuenta desde el historial del paciente.',
    ]);
    expect([en.status, en.error?.message]).toEqual([
      403,
      'Patient accounts are managed by the patient’s care team: a prescriber on the team can disable or re-enable one from the patient’s record.',
    ]);
    const staff = { name: 'No profession', email: 'someone@test.taperline.example', timeZone: 'UTC', role: 'clinician' };
    expect((await httpCall(h.db, reading(admin, 'es'), 'admin.createStaff', staff)).error?.data.fieldErrors).toEqual({ profession: ['Elija la profesión de esta cuenta clínica.'] });
    expect((await httpCall(h.db, reading(admin, 'en'), 'admin.createStaff', staff)).error?.data.fieldErrors).toEqual({ profession: ['Choose the clinician’s profession.'] });
  });

  it('two-step sign-in: a wrong password before a change of factors', async () => {
    const me = await makeUser(h.db, 'patient');
    const es = await httpCall(h.db, reading(me, 'es'), 'account.twoStep.begin', { password: 'not my password' });
    const en = await httpCall(h.db, reading(me, 'en'), 'account.twoStep.begin', { password: 'not my password' });
    expect([es.status, es.error?.message, es.error?.data.fieldErrors]).toEqual([400, 'Su contraseña no es correcta.', { password: ['Su contraseña no es correcta.'] }]);
    expect([en.status, en.error?.message, en.error?.data.fieldErrors]).toEqual([400, 'Your password is not correct.', { password: ['Your password is not correct.'] }]);
  });
});
