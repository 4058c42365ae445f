import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// env.ts validates once at import, so each case imports a fresh copy with its own environment.
async function loadSecret(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) vi.stubEnv(k, undefined as unknown as string);
    else vi.stubEnv(k, v);
  }
  return (await import('./secret')).authSecret;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('authSecret', () => {
  it('fails fast with a clear message on a PostgreSQL server without AUTH_SECRET', async () => {
    const authSecret = await loadSecret({ AUTH_SECRET: undefined, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/none' });
    expect(() => authSecret()).toThrow(/AUTH_SECRET is not set.*openssl rand -base64 32/);
  });

  it('refuses a short AUTH_SECRET at start', async () => {
    await expect(loadSecret({ AUTH_SECRET: 'short' })).rejects.toThrow(/environment variables/i);
  });

  it('uses AUTH_SECRET when it is set', async () => {
    const secret = 'x'.repeat(40);
    const authSecret = await loadSecret({ AUTH_SECRET: secret, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/none' });
    expect(authSecret()).toBe(secret);
  });

  it('makes and keeps one for the embedded demo, readable only by its owner', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'taperline-secret-'));
    const env = { AUTH_SECRET: undefined, DATABASE_URL: undefined, PGLITE_DIR: path.join(dir, 'pglite') };
    const first = (await loadSecret(env))();
    const second = (await loadSecret(env))();
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    const file = path.join(dir, 'auth-secret');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
