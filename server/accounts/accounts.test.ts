// Administration of staff accounts, and a person's own account.
import { describe, expect, it } from 'vitest';
import { renderError } from '~/i18n/errors';
import { EMAIL_IN_USE } from '~/server/accounts/email-in-use';
import { createUserWithPassword, PATIENT_ACCOUNTS_BY_TEAM } from '~/server/accounts/service';
import { signInWithPassword } from '~/server/auth/sign-in';
import { inspectInvite } from '~/server/invites/service';
import { appFieldErrors, auditBy, callerFor, httpCall, makeNonPrescriber, makePatient, makeUser, rejection, TEST_PASSWORD, tokenOf, uniqueEmail, uniqueName, userRow } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const ip = '198.51.100.77';

describe('admin.createStaff', () => {
  it('creates a clinician account, with their profession and prescribing right, without a password, and hands out its invite link', async () => {
    const admin = await makeUser(h.db, 'admin');
    const email = uniqueEmail('staff');
    const name = uniqueName('Dr Staff');
    const created = await callerFor(h.db, admin).admin.createStaff({
      name, email: ` ${email.toUpperCase()}`, timeZone: 'Europe/Madrid', role: 'clinician', profession: 'nurse-practitioner', mayPrescribe: true,
    });
    expect(created.inviteLink).toBe(`https://portal.test/invite/${tokenOf(created.inviteLink)}`);
    expect(created.emailed).toBe(false);
    expect(await inspectInvite(h.db, tokenOf(created.inviteLink))).toEqual({ status: 'valid', email, name, role: 'clinician', expiresAt: created.expiresAt });
    const row = await userRow(h.db, created.userId);
    expect(row).toMatchObject({ email, name, role: 'clinician', timeZone: 'Europe/Madrid', passwordHash: null, disabledAt: null, profession: 'nurse-practitioner', mayPrescribe: true });
  });

  it('makes a clinician who may not prescribe unless asked', async () => {
    const admin = await makeUser(h.db, 'admin');
    const created = await callerFor(h.db, admin).admin.createStaff({ name: 'Physio', email: uniqueEmail('physio'), timeZone: 'UTC', role: 'clinician', profession: 'physiotherapist' });
    expect(await userRow(h.db, created.userId)).toMatchObject({ profession: 'physiotherapist', mayPrescribe: false });
  });

  it('refuses a clinician without a profession, and an administrator with one or with the right to prescribe: field errors, nothing created', async () => {
    const admin = await makeUser(h.db, 'admin');
    const cases = [
      [{ role: 'clinician' }, { profession: ['Choose the clinician’s profession.'] }],
      [{ role: 'clinician', profession: 'wizard' }, { profession: ['Choose a profession from the list.'] }],
      [{ role: 'admin', profession: 'physician' }, { profession: ['Only clinicians have a profession: administrators do not see patients.'] }],
      [{ role: 'admin', mayPrescribe: true }, { mayPrescribe: ['Only clinicians may prescribe.'] }],
    ] as const;
    for (const [rights, fieldErrors] of cases) {
      const email = uniqueEmail('refused');
      const res = await httpCall(h.db, admin, 'admin.createStaff', { name: 'Refused', email, timeZone: 'UTC', ...rights });
      expect([res.status, res.error?.data.fieldErrors]).toEqual([400, fieldErrors]);
      expect((await callerFor(h.db, admin).admin.listStaff()).map((s) => s.email)).not.toContain(email);
    }
  });

  it('creates an administrator when asked, and a clinician by default', async () => {
    const admin = await makeUser(h.db, 'admin');
    const asAdmin = await callerFor(h.db, admin).admin.createStaff({ name: 'Second admin', email: uniqueEmail('admin2'), timeZone: 'UTC', role: 'admin' });
    expect((await userRow(h.db, asAdmin.userId)).role).toBe('admin');
    expect(await userRow(h.db, asAdmin.userId)).toMatchObject({ profession: null, mayPrescribe: false });
    const byDefault = await callerFor(h.db, admin).admin.createStaff({ name: 'Default role', email: uniqueEmail('default'), timeZone: 'UTC', profession: 'other' });
    expect((await userRow(h.db, byDefault.userId)).role).toBe('clinician');
  });

  it('cannot create a patient through staff administration', async () => {
    const admin = await makeUser(h.db, 'admin');
    const error = await rejection(
      callerFor(h.db, admin).admin.createStaff({ name: 'Sneaky', email: uniqueEmail('sneaky'), timeZone: 'UTC', role: 'patient' as 'clinician' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('refuses an email that is taken, in any case, with one answer whoever holds it, and audits the attempt', async () => {
    const admin = await makeUser(h.db, 'admin');
    const doc = await makeUser(h.db, 'clinician');
    const disabled = await makeUser(h.db, 'clinician');
    await callerFor(h.db, admin).admin.setDisabled({ userId: disabled.id, disabled: true });
    const holders = [doc, disabled, await makeUser(h.db, 'admin'), await makeUser(h.db, 'patient'), (await makePatient(h.db, doc)).user];
    const answers = [];
    for (const holder of holders) {
      const error = await rejection(callerFor(h.db, admin).admin.createStaff({ name: 'Dup', email: holder.email.toUpperCase(), timeZone: 'UTC', role: 'clinician', profession: 'nurse' }));
      answers.push({ code: error.code, message: error.message, fieldErrors: appFieldErrors(error) });
    }
    const neutral = { code: 'CONFLICT', message: EMAIL_IN_USE.staff, fieldErrors: { email: [EMAIL_IN_USE.staff] } };
    expect(answers).toEqual(holders.map(() => neutral));
    expect(EMAIL_IN_USE.staff).not.toMatch(/patient|clinician|administrator|disabled|invited|exists/i);
    // Audited: the administrator tried, and whose address it was; no email, name or role copied.
    const refused = (await auditBy(h.db, admin.id)).filter((e) => e.action === 'user.create_refused');
    expect(refused.map((e) => [e.entityType, e.entityId, e.patientId, e.after])).toEqual(holders.map((u) => ['user', u.id, null, { refused: 'email-in-use' }]));
    for (const holder of holders) expect(JSON.stringify(refused)).not.toContain(holder.email);
    // Nothing else: no second account for any of the addresses.
    for (const holder of holders) expect((await userRow(h.db, holder.id)).email).toBe(holder.email);
  });
});

describe('admin.setDisabled', () => {
  it('cannot disable one’s own account', async () => {
    const admin = await makeUser(h.db, 'admin');
    const error = await rejection(callerFor(h.db, admin).admin.setDisabled({ userId: admin.id, disabled: true }));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', 'You cannot disable your own account.']);
    expect((await userRow(h.db, admin.id)).disabledAt).toBeNull();
  });

  // Administrators manage staff only: a patient's account is their care team's (patients.setAccountDisabled).
  it('refuses a patient’s account, and changes nothing: not the account, not its sessions, no audit event', async () => {
    const admin = await makeUser(h.db, 'admin');
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const before = await userRow(h.db, p.patientId);
    for (const disabled of [true, false]) {
      const error = await rejection(callerFor(h.db, admin).admin.setDisabled({ userId: p.patientId, disabled }));
      expect([error.code, error.message]).toEqual(['FORBIDDEN', renderError(PATIENT_ACCOUNTS_BY_TEAM)]);
    }
    const res = await httpCall(h.db, admin, 'admin.setDisabled', { userId: p.patientId, disabled: true });
    expect(res.status).toBe(403);
    expect(await userRow(h.db, p.patientId)).toEqual(before);
    expect(await auditBy(h.db, admin.id)).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown account', async () => {
    const admin = await makeUser(h.db, 'admin');
    const error = await rejection(callerFor(h.db, admin).admin.setDisabled({ userId: '7b1f5a57-3c5e-4d3e-9a53-0c9b1f0e7a11', disabled: true }));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('disables sign-in and enables it again', async () => {
    const admin = await makeUser(h.db, 'admin');
    const doc = await makeUser(h.db, 'clinician');
    await callerFor(h.db, admin).admin.setDisabled({ userId: doc.id, disabled: true });
    expect((await userRow(h.db, doc.id)).disabledAt).toBeInstanceOf(Date);
    expect((await signInWithPassword(h.db, { email: doc.email, password: TEST_PASSWORD, ip })).ok).toBe(false);
    await callerFor(h.db, admin).admin.setDisabled({ userId: doc.id, disabled: false });
    expect((await userRow(h.db, doc.id)).disabledAt).toBeNull();
    expect((await signInWithPassword(h.db, { email: doc.email, password: TEST_PASSWORD, ip })).ok).toBe(true);
  });
});

describe('admin.listStaff', () => {
  it('shows each staff member with their status (invited, active, disabled), and no patients', async () => {
    const admin = await makeUser(h.db, 'admin', uniqueName('Listing admin'));
    const active = await makeUser(h.db, 'clinician', uniqueName('Active'));
    const disabled = await makeUser(h.db, 'clinician', uniqueName('Disabled'));
    const invited = await callerFor(h.db, admin).admin.createStaff({ name: uniqueName('Invited'), email: uniqueEmail('invited'), timeZone: 'UTC', role: 'clinician', profession: 'pharmacist' });
    await callerFor(h.db, admin).admin.setDisabled({ userId: disabled.id, disabled: true });
    const patient = await makePatient(h.db, active);
    const staff = await callerFor(h.db, admin).admin.listStaff();
    const status = (id: string) => staff.find((s) => s.id === id)?.status;
    expect(status(active.id)).toBe('active');
    expect(status(disabled.id)).toBe('disabled');
    expect(status(invited.userId)).toBe('invited');
    expect(status(admin.id)).toBe('active');
    expect(staff.find((s) => s.id === admin.id)).toMatchObject({ role: 'admin', name: admin.name, email: admin.email, disabledAt: null, profession: null, mayPrescribe: false });
    // Each clinician's profession and prescribing right.
    expect(staff.find((s) => s.id === active.id)).toMatchObject({ profession: 'physician', mayPrescribe: true });
    expect(staff.find((s) => s.id === invited.userId)).toMatchObject({ profession: 'pharmacist', mayPrescribe: false });
    expect(staff.map((s) => s.id)).not.toContain(patient.patientId);
    expect(staff.every((s) => s.role === 'clinician' || s.role === 'admin')).toBe(true);
    expect(staff.some((s) => 'passwordHash' in s)).toBe(false);
    // Grouped by role in the enum's order (clinicians, then administrators).
    const roles = staff.map((s) => s.role);
    expect(roles.lastIndexOf('clinician')).toBeLessThan(roles.indexOf('admin'));
  });
});

describe('admin.reissueInvite', () => {
  it('gives an invited staff member a new link; the old one stops working', async () => {
    const admin = await makeUser(h.db, 'admin');
    const created = await callerFor(h.db, admin).admin.createStaff({ name: 'Reissued', email: uniqueEmail('reissued'), timeZone: 'UTC', role: 'clinician', profession: 'nurse' });
    const again = await callerFor(h.db, admin).admin.reissueInvite({ userId: created.userId });
    expect(again).toEqual({ inviteLink: `https://portal.test/invite/${tokenOf(again.inviteLink)}`, expiresAt: expect.any(Date), emailed: false });
    expect((await inspectInvite(h.db, tokenOf(created.inviteLink))).status).toBe('invalid');
    expect((await inspectInvite(h.db, tokenOf(again.inviteLink))).status).toBe('valid');
  });

  it('refuses staff who have a password, and patients', async () => {
    const admin = await makeUser(h.db, 'admin');
    const active = await makeUser(h.db, 'clinician');
    const doc = await makeUser(h.db, 'clinician');
    const patient = await makePatient(h.db, doc);
    for (const userId of [active.id, patient.patientId]) {
      const error = await rejection(callerFor(h.db, admin).admin.reissueInvite({ userId }));
      expect([error.code, error.message]).toEqual(['BAD_REQUEST', 'Only staff who have not set a password yet can get a new invite link.']);
    }
    // The patient's own invite was not revoked.
    expect((await inspectInvite(h.db, patient.token)).status).toBe('valid');
  });
});

describe('account', () => {
  it('me: the caller’s own account', async () => {
    const me = await makeUser(h.db, 'patient', uniqueName('Me'));
    expect(await callerFor(h.db, me).account.me()).toEqual({ id: me.id, name: me.name, email: me.email, role: 'patient', timeZone: 'UTC', locale: 'en', profession: null, mayPrescribe: false });
    // A clinician sees their profession and whether they may prescribe (the add-patient form says what discipline they join as).
    const physio = await makeNonPrescriber(h.db, uniqueName('Me physio'));
    expect(await callerFor(h.db, physio).account.me()).toMatchObject({ role: 'clinician', profession: 'physiotherapist', mayPrescribe: false });
  });

  it('me: NOT_FOUND for a session whose account is gone', async () => {
    const ghost = { id: '5d0c6d2e-8a65-4d57-bb33-0d6a1e3b2c10', email: 'ghost@example.test', name: 'Ghost', role: 'patient' as const, timeZone: 'UTC' };
    expect((await rejection(callerFor(h.db, ghost).account.me())).code).toBe('NOT_FOUND');
  });

  it('changePassword: the new password signs in, the old one no longer does', async () => {
    const me = await makeUser(h.db, 'clinician');
    await expect(callerFor(h.db, me).account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'my brand new passphrase' })).resolves.toEqual({ ok: true });
    expect((await signInWithPassword(h.db, { email: me.email, password: 'my brand new passphrase', ip })).ok).toBe(true);
    expect((await signInWithPassword(h.db, { email: me.email, password: TEST_PASSWORD, ip })).ok).toBe(false);
  });

  it('changePassword: the new password must follow the policy', async () => {
    const me = await makeUser(h.db, 'clinician');
    const before = await userRow(h.db, me.id);
    const error = await rejection(callerFor(h.db, me).account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'Password1' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect((await userRow(h.db, me.id)).passwordHash).toBe(before.passwordHash);
  });

  it('changePassword: an invited account without a password gets the wrong-password answer', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const error = await rejection(callerFor(h.db, p.user).account.changePassword({ currentPassword: 'anything at all', newPassword: 'a new passphrase' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(appFieldErrors(error)).toEqual({ currentPassword: ['Your current password is not correct.'] });
    expect((await userRow(h.db, p.patientId)).passwordHash).toBeNull();
  });

  it('signOutEverywhere: bumps the session version by one', async () => {
    const me = await makeUser(h.db, 'admin');
    const before = await userRow(h.db, me.id);
    await expect(callerFor(h.db, me).account.signOutEverywhere()).resolves.toEqual({ ok: true });
    expect((await userRow(h.db, me.id)).sessionVersion).toBe(before.sessionVersion + 1);
  });
});

describe('createUserWithPassword (scripts)', () => {
  it('creates a usable account, normalising the email', async () => {
    const email = uniqueEmail('script');
    const id = await createUserWithPassword(h.db, null, {
      email: email.toUpperCase(), name: ' Script User ', role: 'clinician', password: 'script passphrase', timeZone: 'Europe/Rome', profession: 'psychologist',
    });
    expect(await userRow(h.db, id)).toMatchObject({ email, name: 'Script User', role: 'clinician', timeZone: 'Europe/Rome', profession: 'psychologist', mayPrescribe: false });
    expect((await signInWithPassword(h.db, { email, password: 'script passphrase', ip })).ok).toBe(true);
  });

  it('refuses a taken email with CONFLICT and a weak password with a validation error', async () => {
    const existing = await makeUser(h.db, 'clinician');
    await expect(createUserWithPassword(h.db, null, { email: existing.email, name: 'Dup', role: 'clinician', profession: 'nurse', password: 'script passphrase' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(createUserWithPassword(h.db, null, { email: uniqueEmail('weak'), name: 'Weak', role: 'clinician', profession: 'nurse', password: 'password' })).rejects.toThrow(/too common/);
    // A clinician needs a profession; a patient or an administrator has none and may not prescribe.
    await expect(createUserWithPassword(h.db, null, { email: uniqueEmail('bare'), name: 'Bare', role: 'clinician', password: 'script passphrase' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(createUserWithPassword(h.db, null, { email: uniqueEmail('rx'), name: 'Rx', role: 'patient', mayPrescribe: true, password: 'script passphrase' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('the language of an account', () => {
  it('is English unless chosen; choosing it is audited once, and the session reads it', async () => {
    const { callerFor: caller, makeUser: user, auditBy: audits, openTestDb } = await import('~/server/test/db');
    const h2 = await openTestDb();
    try {
      const me = await user(h2.db, 'patient');
      expect((await caller(h2.db, me).account.me()).locale).toBe('en');
      await caller(h2.db, me).account.setLocale({ locale: 'es' });
      await caller(h2.db, me).account.setLocale({ locale: 'es' });
      expect((await caller(h2.db, me).account.me()).locale).toBe('es');
      const events = (await audits(h2.db, me.id)).filter((e) => e.action === 'account.set_locale');
      expect(events.map((e) => [e.before, e.after])).toEqual([[{ locale: 'en' }, { locale: 'es' }]]);
      await expect(caller(h2.db, me).account.setLocale({ locale: 'fr' as 'es' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    } finally {
      await h2.close();
    }
  });
});
