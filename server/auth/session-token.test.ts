import { encode } from 'next-auth/jwt';
import * as jwt from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSessionToken, sessionTokens, tokenMemory } from './session-token';

vi.mock('next-auth/jwt', async (importOriginal) => {
  const original = await importOriginal<typeof import('next-auth/jwt')>();
  return { ...original, decode: vi.fn(original.decode) };
});

const secret = 'a-test-secret-of-at-least-32-characters!!';
const secureName = '__Secure-authjs.session-token';
const plainName = 'authjs.session-token';
const claims = { uid: '6f1c1bd0-5f55-4a3f-9a55-1f5d3c1f7e10', sv: 1, sid: '0b7d8a3e-2c1f-4d6e-8f90-1a2b3c4d5e6f' };

const tokenFor = (salt: string, maxAge = 3600, key = secret) => encode({ token: claims, secret: key, salt, maxAge });

describe('the session token read from its cookie', () => {
  beforeEach(() => {
    sessionTokens.clear();
    vi.mocked(jwt.decode).mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the claims Auth.js wrote, under the cookie name for secure cookies or not', async () => {
    const secure = await readSessionToken(`other=1; ${secureName}=${await tokenFor(secureName)}`, { secret, secureCookie: true });
    expect(secure).toMatchObject(claims);
    const plain = await readSessionToken(`${plainName}=${await tokenFor(plainName)}`, { secret, secureCookie: false });
    expect(plain).toMatchObject(claims);
  });

  it('reads a token split over chunked cookies, in chunk order', async () => {
    const token = await tokenFor(secureName);
    const cut = Math.floor(token.length / 2);
    const header = `${secureName}.1=${token.slice(cut)}; ${secureName}.0=${token.slice(0, cut)}`;
    expect(await readSessionToken(header, { secret, secureCookie: true })).toMatchObject(claims);
  });

  it('refuses no cookie, another secret, another cookie name (salt), a tampered token and an expired one', async () => {
    expect(await readSessionToken(null, { secret, secureCookie: true })).toBeNull();
    expect(await readSessionToken('other=1', { secret, secureCookie: true })).toBeNull();
    expect(await readSessionToken(`${secureName}=${await tokenFor(secureName, 3600, `${secret}-other`)}`, { secret, secureCookie: true })).toBeNull();
    // Encrypted for the plain cookie name, presented under the secure one: the derived key differs.
    expect(await readSessionToken(`${secureName}=${await tokenFor(plainName)}`, { secret, secureCookie: true })).toBeNull();
    const token = await tokenFor(secureName);
    const parts = token.split('.');
    const ciphertext = parts[3] ?? '';
    parts[3] = `${ciphertext.slice(0, -2)}${ciphertext.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await readSessionToken(`${secureName}=${parts.join('.')}`, { secret, secureCookie: true })).toBeNull();
    expect(await readSessionToken(`${secureName}=${await tokenFor(secureName, -60)}`, { secret, secureCookie: true })).toBeNull();
    expect(sessionTokens.size()).toBe(0);
  });

  it('decrypts a token once, and answers its later uses from memory', async () => {
    const header = `${secureName}=${await tokenFor(secureName)}`;
    for (let i = 0; i < 3; i++) expect(await readSessionToken(header, { secret, secureCookie: true })).toMatchObject(claims);
    expect(vi.mocked(jwt.decode)).toHaveBeenCalledTimes(1);
    // Under another secret or cookie name (salt) the remembered payload is not used: Auth.js's decode decides, and refuses.
    const token = header.slice(secureName.length + 1);
    await expect(sessionTokens.decode({ token, secret: `${secret}-other`, salt: secureName })).rejects.toThrow();
    await expect(sessionTokens.decode({ token, secret, salt: plainName })).rejects.toThrow();
  });

  it('stops taking a remembered token when Auth.js would: past its expiry and the 15 s clock tolerance', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2026-12-07T12:00:00Z');
    vi.setSystemTime(start);
    const header = `${secureName}=${await tokenFor(secureName, 60)}`;
    const read = () => readSessionToken(header, { secret, secureCookie: true });
    expect(await read()).toMatchObject(claims);
    // 60 s of life and 15 s of tolerance: still taken at 74 s, as Auth.js's own decode takes it.
    vi.setSystemTime(start.getTime() + 74_000);
    expect(await read()).toMatchObject(claims);
    expect(await jwt.decode({ token: header.slice(secureName.length + 1), secret, salt: secureName })).toMatchObject(claims);
    vi.setSystemTime(start.getTime() + 76_000);
    expect(await read()).toBeNull();
    await expect(jwt.decode({ token: header.slice(secureName.length + 1), secret, salt: secureName })).rejects.toThrow();
    expect(sessionTokens.size()).toBe(0);
  });

  it('keeps at most its size, forgetting the least recently used token first', async () => {
    const memory = tokenMemory(3);
    const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, () => tokenFor(secureName)));
    const use = (token: string | undefined) => memory.decode({ token, secret, salt: secureName });
    await use(a);
    await use(b);
    await use(c);
    // a is used again, so b is now the least recently used, and goes when d comes.
    await use(a);
    await use(d);
    expect(memory.size()).toBe(3);
    expect([a, b, c, d].map((t) => memory.has(t ?? ''))).toEqual([true, false, true, true]);
  });
});
