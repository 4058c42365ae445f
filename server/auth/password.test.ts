// Password hashing (argon2id) and the password policy.
import { describe, expect, it } from 'vitest';
import { commonPasswords } from '~/lib/accounts/common-passwords';
import { zodIssueText } from '~/server/api/trpc';
import { dummyPasswordHash, hashPassword, passwordSchema, verifyPassword } from './password';

describe('hashPassword and verifyPassword', () => {
  it('round-trips with argon2id and OWASP parameters, and a fresh salt each time', async () => {
    const hash = await hashPassword('a sound passphrase');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain('a sound passphrase');
    expect(await verifyPassword(hash, 'a sound passphrase')).toBe(true);
    expect(await verifyPassword(hash, 'a sound passphrasE')).toBe(false);
    expect(await verifyPassword(hash, '')).toBe(false);
    expect(await hashPassword('a sound passphrase')).not.toBe(hash);
  });

  it('answers false, not an exception, for a hash that is not one', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
    expect(await verifyPassword('', 'anything')).toBe(false);
  });

  it('keeps one dummy hash that matches no ordinary password', async () => {
    const dummy = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(dummy.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(dummy, 'password123')).toBe(false);
  });
});

describe('passwordSchema', () => {
  const check = (p: string) => {
    const r = passwordSchema.safeParse(p);
    // As the API writes them: each issue's key with the bound it names, in English.
    return r.success ? 'ok' : r.error.issues.map((i) => zodIssueText(i, 'en')).join(' | ');
  };

  it('needs 8 to 128 characters', () => {
    expect(check('x7#kQ2m')).toBe('Use at least 8 characters.');
    expect(check('x7#kQ2mZ')).toBe('ok');
    expect(check('é'.repeat(8))).toBe('ok');
    expect(check('a1'.repeat(64))).toBe('ok');
    expect(check('a1'.repeat(64) + 'b')).toBe('Use at most 128 characters.');
    expect(check('')).toBe('Use at least 8 characters.');
  });

  it('refuses common passwords whatever their case', () => {
    for (const p of ['password', 'PASSWORD', 'PassWord1', 'Baclofen', 'TAPERLINE1', 'Qwertyuiop', 'P@ssw0rd']) {
      expect(check(p)).toBe('This password is too common. Choose another one.');
    }
    expect(check('password-but-longer')).toBe('ok');
  });

  it('has a list of lower-case entries only (the check lower-cases the input)', () => {
    for (const p of commonPasswords) expect(p).toBe(p.toLowerCase());
    expect(commonPasswords.size).toBeGreaterThan(50);
  });
});
