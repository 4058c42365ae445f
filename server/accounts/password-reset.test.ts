// Password reset by email through the tRPC callers, against the real database and a real SMTP server on the loopback.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '~/db';
import { auditEvents, passwordResets, users } from '~/db/schema';
import { RESET_LIMITS } from '~/server/accounts/password-reset';
import { applyAccountDisabled } from '~/server/accounts/service';
import { createCaller } from '~/server/api/root';
import { createContextFor } from '~/server/api/trpc';
import { signInWithPassword } from '~/server/auth/sign-in';
import * as mail from '~/server/mail';
import { makeUser, openIsolatedTestDb, rejection, TEST_PASSWORD, tokenOf, uniqueEmail } from '~/server/test/db';
import { startTestSmtp, type TestSmtp } from '~/server/test/smtp';

let h: DbHandle;
let smtp: TestSmtp;
const sendForReal = mail.sendPasswordResetMail;

beforeAll(async () => {
  h = await openIsolatedTestDb();
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
  await h.close();
});
beforeEach(() => {
  vi.restoreAllMocks();
  // The app sends with SMTP_URL, unset in tests: the same function, pointed at the loopback server.
  vi.spyOn(mail, 'sendPasswordResetMail').mockImplementation((m) => sendForReal(m, smtp.url));
});

/** An anonymous caller from one address. */
const anonymousFrom = (ip: string) => createCaller(createContextFor(h.db, { status: 'anonymous' }, { origin: 'https://portal.test', ip }));
let nextIp = 1;
/** A fresh address for each test, so the address limit of one does not reach into another. */
const freshIp = () => `198.51.100.${nextIp++}`;

const resetRows = (userId: string) => h.db.select().from(passwordResets).where(eq(passwordResets.userId, userId));
const mailsTo = (to: string) => smtp.mails.filter((m) => m.to.includes(to));
const resetAudit = (userId: string) =>
  h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, userId), eq(auditEvents.action, 'account.request_password_reset')));

/** Asks for a link for `email` (typed as `typed`) and returns the link from the email received. */
async function linkFor(email: string, typed = email): Promise<string> {
  const before = mailsTo(email).length;
  await anonymousFrom(freshIp()).account.requestPasswordReset({ email: typed });
  const [received] = (await smtp.waitFor((m) => m.to.includes(email), before + 1)).slice(before);
  const link = /https:\/\/portal\.test\/reset-password\/[A-Za-z0-9_-]+/.exec(received?.text ?? '')?.[0];
  if (!link) throw new Error('no reset link in the email');
  return link;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - started };
}

describe('asking for a reset link', () => {
  it('answers the same for an unknown address, and sends and stores nothing', async () => {
    const user = await makeUser(h.db, 'clinician');
    const ip = freshIp();
    const known = await timed(() => anonymousFrom(ip).account.requestPasswordReset({ email: user.email }));
    const unknownEmail = uniqueEmail('nobody');
    const unknown = await timed(() => anonymousFrom(ip).account.requestPasswordReset({ email: unknownEmail }));
    expect(unknown.result).toEqual(known.result);
    expect(known.result).toEqual({ ok: true });
    // Both wait for the same floor, so the database work of a real account does not show.
    expect(known.ms).toBeGreaterThanOrEqual(RESET_LIMITS.minAnswerMs - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(RESET_LIMITS.minAnswerMs - 5);
    expect(unknown.ms).toBeLessThan(RESET_LIMITS.minAnswerMs + 250);
    await smtp.waitFor((m) => m.to.includes(user.email));
    expect(mailsTo(unknownEmail)).toEqual([]);
    const rows = await h.db.select({ n: passwordResets.id }).from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId)).where(eq(users.email, unknownEmail));
    expect(rows).toEqual([]);
    const audits = await h.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.request_password_reset'));
    expect(JSON.stringify(audits)).not.toContain(unknownEmail);
  });

  it('emails a link only: no name, nothing about the person; the token is stored hashed', async () => {
    const user = await makeUser(h.db, 'patient', 'Petra Private');
    // Typed in capitals: the address matches all the same.
    const link = await linkFor(user.email, ` ${user.email.toUpperCase()} `);
    const [received] = mailsTo(user.email);
    expect(received?.subject).toBe('Reset your Taperline password');
    expect(received?.text).not.toContain('Petra');
    const [row] = await resetRows(user.id);
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.tokenHash).not.toContain(tokenOf(link));
    expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(30 * 60 * 1000);
  });

  it('sends at most 3 links an hour to one account; the answer stays the same', async () => {
    const user = await makeUser(h.db, 'clinician');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await anonymousFrom(freshIp()).account.requestPasswordReset({ email: user.email }));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    await smtp.waitFor((m) => m.to.includes(user.email), 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(user.email)).toHaveLength(3);
    expect(await resetRows(user.id)).toHaveLength(3);
    const audit = await resetAudit(user.id);
    expect(audit.map((a) => (a.after as { sent: boolean }).sent)).toEqual([true, true, true, false]);
    expect(audit[3]?.after).toMatchObject({ reason: 'account-limit' });
  });

  it('sends at most 10 links an hour from one address', async () => {
    const ip = freshIp();
    const people = await Promise.all(Array.from({ length: 11 }, () => makeUser(h.db, 'clinician')));
    for (const person of people) await anonymousFrom(ip).account.requestPasswordReset({ email: person.email });
    const rows = await Promise.all(people.map((p) => resetRows(p.id)));
    expect(rows.map((r) => r.length)).toEqual([...Array<number>(10).fill(1), 0]);
    const last = people[10];
    if (!last) throw new Error('no eleventh person');
    expect((await resetAudit(last.id))[0]?.after).toMatchObject({ sent: false, reason: 'address-limit', ip });
    // Another address is not held back.
    await linkFor(last.email);
  });

  it('sends nothing to a disabled account, and its earlier link stops working', async () => {
    const user = await makeUser(h.db, 'clinician');
    const link = await linkFor(user.email);
    await applyAccountDisabled(h.db, user.id, true, new Date());
    await anonymousFrom(freshIp()).account.requestPasswordReset({ email: user.email });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(user.email)).toHaveLength(1);
    expect(await resetRows(user.id)).toHaveLength(1);
    expect((await resetAudit(user.id))[1]?.after).toMatchObject({ sent: false, reason: 'disabled' });
    await expect(anonymousFrom(freshIp()).account.inspectPasswordReset({ token: tokenOf(link) })).resolves.toEqual({ status: 'invalid' });
    const error = await rejection(anonymousFrom(freshIp()).account.resetPassword({ token: tokenOf(link), password: 'a new good password', confirmPassword: 'a new good password' }));
    expect(error.code).toBe('BAD_REQUEST');
  });
});

describe('using the link', () => {
  it('sets the new password once, ends every session, and spends the other links', async () => {
    const user = await makeUser(h.db, 'patient');
    const first = await linkFor(user.email);
    const link = await linkFor(user.email);
    const [before] = await h.db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, user.id));
    const anonymous = anonymousFrom(freshIp());
    await expect(anonymous.account.inspectPasswordReset({ token: tokenOf(link) })).resolves.toEqual({ status: 'valid', email: user.email });
    const password = 'my brand new password';
    await expect(anonymous.account.resetPassword({ token: tokenOf(link), password, confirmPassword: password })).resolves.toEqual({ email: user.email });

    const [after] = await h.db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, user.id));
    expect(after?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);
    const ip = freshIp();
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await signInWithPassword(h.db, { email: user.email, password, ip })).toMatchObject({ ok: true });

    const again = await rejection(anonymous.account.resetPassword({ token: tokenOf(link), password: 'yet another password', confirmPassword: 'yet another password' }));
    expect(again.code).toBe('BAD_REQUEST');
    expect(again.message).toBe('This reset link has already been used. Ask for a new one if you need to.');
    await expect(anonymous.account.inspectPasswordReset({ token: tokenOf(link) })).resolves.toEqual({ status: 'used' });
    // The older email's link is spent too.
    await expect(anonymous.account.inspectPasswordReset({ token: tokenOf(first) })).resolves.toEqual({ status: 'used' });
    expect(await signInWithPassword(h.db, { email: user.email, password, ip })).toMatchObject({ ok: true });
    const audit = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, 'account.reset_password')));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(tokenOf(link));
  });

  it('refuses an expired link and leaves the password as it was', async () => {
    const user = await makeUser(h.db, 'clinician');
    const link = await linkFor(user.email);
    await h.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, user.id));
    const anonymous = anonymousFrom(freshIp());
    await expect(anonymous.account.inspectPasswordReset({ token: tokenOf(link) })).resolves.toEqual({ status: 'expired' });
    const error = await rejection(anonymous.account.resetPassword({ token: tokenOf(link), password: 'a new good password', confirmPassword: 'a new good password' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('This reset link has expired. Ask for a new one.');
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: freshIp() })).toMatchObject({ ok: true });
  });

  it('refuses a made-up token, and a password the rules refuse, before anything changes', async () => {
    const anonymous = anonymousFrom(freshIp());
    await expect(anonymous.account.inspectPasswordReset({ token: 'A'.repeat(43) })).resolves.toEqual({ status: 'invalid' });
    const user = await makeUser(h.db, 'clinician');
    const link = await linkFor(user.email);
    const weak = await rejection(anonymous.account.resetPassword({ token: tokenOf(link), password: 'short', confirmPassword: 'short' }));
    expect(weak.code).toBe('BAD_REQUEST');
    await expect(anonymous.account.inspectPasswordReset({ token: tokenOf(link) })).resolves.toEqual({ status: 'valid', email: user.email });
  });
});
