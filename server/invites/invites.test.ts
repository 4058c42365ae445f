// Invitations: one link, used once, before it expires; a reissued link replaces the old one.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invites } from '~/db/schema';
import { signInWithPassword } from '~/server/auth/sign-in';
import { loadSessionUser, startSession } from '~/server/auth/session';
import { acceptInvite, inspectInvite } from '~/server/invites/service';
import { hashInviteToken, INVITE_LIFETIME_MS, newInviteToken } from '~/server/invites/tokens';
import { auditAbout, callerFor, httpCall, makeUser, rejection, tokenOf, uniqueEmail, uniqueName, userRow } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const PASSWORD = 'my own good password';
const USED = 'This invitation has already been used. Sign in with your email and password.';
const EXPIRED = 'This invitation has expired. Ask your care team for a new link.';
const INVALID = 'This invitation link is not valid. Check that you copied the whole link, or ask for a new one.';

/** A clinician adds a patient through the API; returns the link they were handed. */
async function invitedPatient() {
  const doc = await makeUser(h.db, 'clinician');
  const name = uniqueName('Invited');
  const email = uniqueEmail('invited');
  const added = await callerFor(h.db, doc).patients.add({ name, email, timeZone: 'Europe/Dublin', hasIntrathecalPump: false });
  return { doc, name, email, patientId: added.patientId, link: added.inviteLink, token: tokenOf(added.inviteLink), expiresAt: added.expiresAt };
}

const anon = () => callerFor(h.db, 'anonymous').invites;
const accept = (token: string, password = PASSWORD, confirmPassword = password) => anon().accept({ token, password, confirmPassword });

describe('tokens', () => {
  it('are 256 random bits in base64url, stored only as their SHA-256', async () => {
    const a = newInviteToken();
    const b = newInviteToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.tokenHash).toBe(hashInviteToken(a.token));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const p = await invitedPatient();
    const [row] = await h.db.select().from(invites).where(eq(invites.userId, p.patientId));
    expect(row?.tokenHash).toBe(hashInviteToken(p.token));
    expect(JSON.stringify(row)).not.toContain(p.token);
  });
});

describe('a patient invite', () => {
  it('is handed out as a link that contains its token, valid for seven days', async () => {
    const before = Date.now();
    const p = await invitedPatient();
    expect(p.link).toBe(`https://portal.test/invite/${p.token}`);
    expect(p.expiresAt.getTime()).toBeGreaterThanOrEqual(before + INVITE_LIFETIME_MS);
    expect(p.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + INVITE_LIFETIME_MS);
    expect(await anon().inspect({ token: p.token })).toEqual({ status: 'valid', email: p.email, name: p.name, role: 'patient', expiresAt: p.expiresAt });
  });

  it('is accepted once: valid → accepted → used; the account gets its password and can sign in', async () => {
    const p = await invitedPatient();
    const before = await userRow(h.db, p.patientId);
    expect(before.passwordHash).toBeNull();
    await expect(accept(p.token)).resolves.toEqual({ email: p.email });
    expect(await anon().inspect({ token: p.token })).toEqual({ status: 'used' });
    const after = await userRow(h.db, p.patientId);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const signIn = await signInWithPassword(h.db, { email: p.email.toUpperCase(), password: PASSWORD, ip: '198.51.100.7' });
    expect(signIn).toMatchObject({ ok: true, user: { id: p.patientId, role: 'patient', sessionVersion: after.sessionVersion } });
    const record = await callerFor(h.db, p.doc).patients.get({ patientId: p.patientId });
    expect(record.patient.accountStatus).toBe('active');
  });

  it('refuses a second accept with the used message and changes nothing', async () => {
    const p = await invitedPatient();
    await accept(p.token);
    const before = await userRow(h.db, p.patientId);
    const auditBefore = await auditAbout(h.db, p.patientId);
    const error = await rejection(accept(p.token, 'another password entirely'));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe(USED);
    const after = await userRow(h.db, p.patientId);
    expect([after.passwordHash, after.sessionVersion]).toEqual([before.passwordHash, before.sessionVersion]);
    expect(await auditAbout(h.db, p.patientId)).toHaveLength(auditBefore.length);
    expect((await signInWithPassword(h.db, { email: p.email, password: PASSWORD, ip: '198.51.100.8' })).ok).toBe(true);
  });

  it('treats a forged token as invalid', async () => {
    const forged = newInviteToken().token;
    expect(await anon().inspect({ token: forged })).toEqual({ status: 'invalid' });
    const error = await rejection(accept(forged));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', INVALID]);
  });

  it('treats a token one character off as invalid', async () => {
    const p = await invitedPatient();
    const last = p.token.slice(-1) === 'A' ? 'B' : 'A';
    const tampered = p.token.slice(0, -1) + last;
    expect(await anon().inspect({ token: tampered })).toEqual({ status: 'invalid' });
    expect((await anon().inspect({ token: p.token })).status).toBe('valid');
  });

  it('expires: inspect says expired and accept refuses, at the service with a later `now`', async () => {
    const p = await invitedPatient();
    const justBefore = new Date(p.expiresAt.getTime() - 1);
    expect((await inspectInvite(h.db, p.token, justBefore)).status).toBe('valid');
    expect(await inspectInvite(h.db, p.token, p.expiresAt)).toEqual({ status: 'expired' });
    await expect(acceptInvite(h.db, { token: p.token, password: PASSWORD }, {}, p.expiresAt)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: EXPIRED });
    expect((await userRow(h.db, p.patientId)).passwordHash).toBeNull();
  });

  it('expires: through the API, once its expiry is in the past', async () => {
    const p = await invitedPatient();
    await h.db.update(invites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invites.userId, p.patientId));
    expect(await anon().inspect({ token: p.token })).toEqual({ status: 'expired' });
    const error = await rejection(accept(p.token));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', EXPIRED]);
    expect((await userRow(h.db, p.patientId)).passwordHash).toBeNull();
  });

  it('reissued: the old link stops working, the new one works', async () => {
    const p = await invitedPatient();
    const reissued = await callerFor(h.db, p.doc).patients.reissueInvite({ patientId: p.patientId });
    const fresh = tokenOf(reissued.inviteLink);
    expect(fresh).not.toBe(p.token);
    expect(reissued.inviteLink).toBe(`https://portal.test/invite/${fresh}`);
    // No SMTP in tests: the link is for the clinician to pass on.
    expect(reissued.emailed).toBe(false);
    expect(await anon().inspect({ token: p.token })).toEqual({ status: 'invalid' });
    expect((await anon().inspect({ token: fresh })).status).toBe('valid');
    const error = await rejection(accept(p.token));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', INVALID]);
    await expect(accept(fresh)).resolves.toEqual({ email: p.email });
    const rows = await h.db.select().from(invites).where(eq(invites.userId, p.patientId));
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.revokedAt !== null)).toHaveLength(1);
    expect(rows.filter((r) => r.acceptedAt !== null)).toHaveLength(1);
  });

  it('cannot be reissued once the patient has set a password', async () => {
    const p = await invitedPatient();
    await accept(p.token);
    const error = await rejection(callerFor(h.db, p.doc).patients.reissueInvite({ patientId: p.patientId }));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', 'This patient has already set a password and can sign in.']);
    expect(await anon().inspect({ token: p.token })).toEqual({ status: 'used' });
  });

  it('needs the two passwords to match: fieldErrors.confirmPassword, nothing accepted', async () => {
    const p = await invitedPatient();
    const res = await httpCall(h.db, 'anonymous', 'invites.accept', { token: p.token, password: PASSWORD, confirmPassword: `${PASSWORD}!` });
    expect(res.status).toBe(400);
    expect(res.error?.data.fieldErrors).toEqual({ confirmPassword: ['The two passwords do not match.'] });
    expect((await anon().inspect({ token: p.token })).status).toBe('valid');
  });

  it('applies the password policy: fieldErrors.password, nothing accepted', async () => {
    const p = await invitedPatient();
    const short = await httpCall(h.db, 'anonymous', 'invites.accept', { token: p.token, password: 'short', confirmPassword: 'short' });
    expect(short.error?.data.fieldErrors?.password).toEqual(['Use at least 8 characters.']);
    const common = await httpCall(h.db, 'anonymous', 'invites.accept', { token: p.token, password: 'Password123', confirmPassword: 'Password123' });
    expect(common.error?.data.fieldErrors?.password).toEqual(['This password is too common. Choose another one.']);
    expect((await anon().inspect({ token: p.token })).status).toBe('valid');
  });

  it('holds under 10 concurrent accepts: exactly one succeeds, the rest are told it was used', async () => {
    const p = await invitedPatient();
    const auditBefore = (await auditAbout(h.db, p.patientId)).length;
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => accept(p.token, `concurrent password ${i}`)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const r of lost) expect(r.reason).toMatchObject({ code: 'BAD_REQUEST', message: USED });
    const events = (await auditAbout(h.db, p.patientId)).slice(auditBefore);
    expect(events.map((e) => e.action)).toEqual(['invite.accept']);
    // The winner's password is the one that works.
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect((await signInWithPassword(h.db, { email: p.email, password: `concurrent password ${winner}`, ip: '198.51.100.9' })).ok).toBe(true);
    const other = (winner + 1) % 10;
    expect((await signInWithPassword(h.db, { email: p.email, password: `concurrent password ${other}`, ip: '198.51.100.9' })).ok).toBe(false);
  });

  it('ends any session the account had before accepting (its version moves on)', async () => {
    const p = await invitedPatient();
    const before = await userRow(h.db, p.patientId);
    const sid = await startSession(h.db, p.patientId, 'password');
    await accept(p.token);
    expect(await loadSessionUser(h.db, { uid: p.patientId, sv: before.sessionVersion, sid })).toBeNull();
  });
});

describe('a staff invite', () => {
  it('lets a new clinician set a password and sign in as a clinician', async () => {
    const admin = await makeUser(h.db, 'admin');
    const email = uniqueEmail('new-doc');
    const created = await callerFor(h.db, admin).admin.createStaff({ name: 'Dr New', email, timeZone: 'Europe/Oslo', role: 'clinician', profession: 'physician', mayPrescribe: true });
    const token = tokenOf(created.inviteLink);
    expect(await anon().inspect({ token })).toMatchObject({ status: 'valid', role: 'clinician', email, name: 'Dr New' });
    await accept(token);
    expect(await signInWithPassword(h.db, { email, password: PASSWORD, ip: '198.51.100.10' })).toMatchObject({ ok: true, user: { role: 'clinician', id: created.userId } });
  });

  it('for a disabled account is not accepted', async () => {
    const admin = await makeUser(h.db, 'admin');
    const created = await callerFor(h.db, admin).admin.createStaff({ name: 'Dr Gone', email: uniqueEmail('gone'), timeZone: 'UTC', role: 'clinician', profession: 'physician' });
    await callerFor(h.db, admin).admin.setDisabled({ userId: created.userId, disabled: true });
    const error = await rejection(accept(tokenOf(created.inviteLink)));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', INVALID]);
    expect((await userRow(h.db, created.userId)).passwordHash).toBeNull();
  });
});
