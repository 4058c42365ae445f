// A patient's account is managed by a prescriber on their care team: disabling ends the patient's sessions at
// once and stops sign-in, re-enabling lets them back; each change is audited with its reason. Who else is
// refused (anonymous, other patients, off-team clinicians, administrators, plan editors who may not
// prescribe, the patient) is proved by the access matrix (server/api/access.test.ts).
import { describe, expect, it } from 'vitest';
import { loadSessionUser } from '~/server/auth/session';
import { signInWithPassword } from '~/server/auth/sign-in';
import { addToTeam, auditAbout, callerFor, makeNamedPatient, makeNonPrescriber, makeUser, rejection, uniqueName, userRow } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const PASSWORD = 'a patient passphrase 7';
const ip = '198.51.100.91';

async function world() {
  const doc = await makeUser(h.db, 'clinician', uniqueName('Prescriber'));
  const physio = await makeNonPrescriber(h.db, uniqueName('Physio'));
  const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Account patient') });
  await addToTeam(h.db, doc, p.patientId, physio, { mayEditPlan: true });
  await callerFor(h.db, 'anonymous').invites.accept({ token: p.token, password: PASSWORD, confirmPassword: PASSWORD });
  const signIn = () => signInWithPassword(h.db, { email: p.user.email, password: PASSWORD, ip });
  return { doc, physio, patientId: p.patientId, patient: p.user, signIn };
}

describe('patients.setAccountDisabled', () => {
  it('lets a prescriber on the team disable the account: the patient’s session ends at once and they cannot sign in; audited with the reason', async () => {
    const w = await world();
    const session = await w.signIn();
    if (!session.ok) throw new Error('the patient could not sign in');
    const claims = { uid: w.patientId, sv: (await userRow(h.db, w.patientId)).sessionVersion, sid: session.sessionId };
    expect(await loadSessionUser(h.db, claims)).toMatchObject({ id: w.patientId });
    const auditBefore = (await auditAbout(h.db, w.patientId)).length;

    const result = await callerFor(h.db, w.doc).patients.setAccountDisabled({ patientId: w.patientId, disabled: true, reason: '  Moved to another clinic  ' });
    expect(result.disabledAt).toBeInstanceOf(Date);
    const row = await userRow(h.db, w.patientId);
    expect(row.disabledAt).toBeInstanceOf(Date);
    expect(row.sessionVersion).toBe(claims.sv + 1);
    expect(await loadSessionUser(h.db, claims)).toBeNull();
    expect((await w.signIn()).ok).toBe(false);
    // (The refused sign-in writes an event of its own.)
    const events = (await auditAbout(h.db, w.patientId)).slice(auditBefore).filter((e) => e.action.startsWith('user.'));
    expect(events.map((e) => [e.action, e.actorId, e.after])).toEqual([['user.disable', w.doc.id, { disabledAt: expect.any(String), reason: 'Moved to another clinic' }]]);
    // The team still reads the record, which says the account is disabled.
    expect((await callerFor(h.db, w.physio).patients.get({ patientId: w.patientId })).patient.accountStatus).toBe('disabled');
  });

  it('re-enables it: the patient signs in again, but no session from before the change comes back', async () => {
    const w = await world();
    const session = await w.signIn();
    if (!session.ok) throw new Error('the patient could not sign in');
    await callerFor(h.db, w.doc).patients.setAccountDisabled({ patientId: w.patientId, disabled: true, reason: 'Lost phone, account locked' });
    const whileDisabled = { uid: w.patientId, sv: (await userRow(h.db, w.patientId)).sessionVersion, sid: session.sessionId };
    await callerFor(h.db, w.doc).patients.setAccountDisabled({ patientId: w.patientId, disabled: false, reason: 'New phone, identity checked' });
    expect((await userRow(h.db, w.patientId)).disabledAt).toBeNull();
    expect(await loadSessionUser(h.db, whileDisabled)).toBeNull();
    expect((await w.signIn()).ok).toBe(true);
    expect((await auditAbout(h.db, w.patientId)).filter((e) => e.action.startsWith('user.')).at(-1)).toMatchObject({ action: 'user.enable', actorId: w.doc.id, after: { disabledAt: null, reason: 'New phone, identity checked' } });
  });

  it('needs a reason, and says so when the account is already as asked; nothing changes either way', async () => {
    const w = await world();
    const before = await userRow(h.db, w.patientId);
    const audit = (await auditAbout(h.db, w.patientId)).length;
    const noReason = await rejection(callerFor(h.db, w.doc).patients.setAccountDisabled({ patientId: w.patientId, disabled: true, reason: ' ' }));
    expect(noReason.code).toBe('BAD_REQUEST');
    const already = await rejection(callerFor(h.db, w.doc).patients.setAccountDisabled({ patientId: w.patientId, disabled: false, reason: 'Just in case' }));
    expect([already.code, already.message]).toEqual(['CONFLICT', 'This patient’s account is already active.']);
    expect(await userRow(h.db, w.patientId)).toEqual(before);
    expect((await auditAbout(h.db, w.patientId)).length).toBe(audit);
  });

  it('is refused to a plan editor on the team who may not prescribe, and to the patient themself', async () => {
    const w = await world();
    for (const who of [w.physio, w.patient]) {
      const error = await rejection(callerFor(h.db, who).patients.setAccountDisabled({ patientId: w.patientId, disabled: true, reason: 'Not mine to decide' }));
      expect(error.code).toBe('FORBIDDEN');
    }
    expect((await userRow(h.db, w.patientId)).disabledAt).toBeNull();
  });
});
