// The environment rules that keep links safe (production needs APP_URL, and links come only from it) and
// the checks of other settings.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Loads server/env.ts and server/origin.ts in a fresh process with exactly `env`; prints the origin. */
function load(env: Record<string, string> & { NODE_ENV: 'production' | 'development' }, script = 'print-origin.ts') {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'server', 'test', script)], {
    cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { ok: r.status === 0, out: r.stdout.trim(), err: r.stderr };
}

describe('APP_URL', () => {
  it('is required in production: the server refuses to start without it, saying why', () => {
    const r = load({ NODE_ENV: 'production' });
    expect(r.ok).toBe(false);
    expect(r.err).toContain('APP_URL is required in production');
  }, 30_000);

  it('is the origin of every link in production, whatever path or slash it was given with', () => {
    expect(load({ NODE_ENV: 'production', APP_URL: 'https://taper.example-clinic.org/' })).toMatchObject({ ok: true, out: 'https://taper.example-clinic.org' });
  }, 30_000);

  it('must be an http(s) URL', () => {
    const r = load({ NODE_ENV: 'production', APP_URL: 'javascript://taper.example-clinic.org' });
    expect(r.ok).toBe(false);
    expect(r.err).toContain('APP_URL');
  }, 30_000);

  it('is not needed to build, and development falls back to a fixed localhost origin', () => {
    expect(load({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' }).ok).toBe(true);
    expect(load({ NODE_ENV: 'development' })).toMatchObject({ ok: true, out: 'http://localhost:3000' });
    expect(load({ NODE_ENV: 'development', PORT: '3271' })).toMatchObject({ ok: true, out: 'http://localhost:3271' });
  }, 60_000);
});

describe('VAPID keys for Web Push', () => {
  const pair = { VAPID_PUBLIC_KEY: `B${'a'.repeat(86)}`, VAPID_PRIVATE_KEY: 'b'.repeat(43) };

  it('are both set or neither: one alone stops the server, saying so', () => {
    const r = load({ NODE_ENV: 'development', VAPID_PUBLIC_KEY: pair.VAPID_PUBLIC_KEY });
    expect(r.ok).toBe(false);
    expect(r.err).toContain('both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither');
    expect(load({ NODE_ENV: 'development', ...pair }).ok).toBe(true);
  }, 30_000);

  it('are checked for their shape, and the subject must be mailto: or https:', () => {
    expect(load({ NODE_ENV: 'development', ...pair, VAPID_PRIVATE_KEY: 'short' }).err).toContain('VAPID_PRIVATE_KEY is the private key');
    expect(load({ NODE_ENV: 'development', ...pair, VAPID_SUBJECT: 'http://clinic.example' }).err).toContain('VAPID_SUBJECT must be a mailto: address or an https: URL.');
    expect(load({ NODE_ENV: 'development', ...pair, VAPID_SUBJECT: 'mailto:it@clinic.example' }).ok).toBe(true);
  }, 60_000);
});

describe('STAFF_TWO_STEP', () => {
  it('defaults to required on a PostgreSQL server in production and to optional on the embedded demo and in development', async () => {
    const { twoStepRequirement } = await import('~/server/env');
    expect(twoStepRequirement(undefined, 'production', 'postgres://db.example/taperline')).toBe(true);
    expect(twoStepRequirement(undefined, 'production', undefined)).toBe(false);
    expect(twoStepRequirement(undefined, 'development', 'postgres://db.example/taperline')).toBe(false);
    expect(twoStepRequirement('optional', 'production', 'postgres://db.example/taperline')).toBe(false);
    expect(twoStepRequirement('required', 'development', undefined)).toBe(true);
  });
});

describe('AUTH_OIDC_MFA_CLAIMS', () => {
  it('takes amr: and acr: entries, and stops the server on anything else or on a single-factor method, saying which', () => {
    expect(load({ NODE_ENV: 'development', AUTH_OIDC_MFA_CLAIMS: 'amr:mfa acr:urn:example:loa:2' }).ok).toBe(true);
    const other = load({ NODE_ENV: 'development', AUTH_OIDC_MFA_CLAIMS: 'mfa' });
    expect(other.ok).toBe(false);
    expect(other.err).toContain('AUTH_OIDC_MFA_CLAIMS: "mfa" is not amr:<value> or acr:<value>');
    expect(load({ NODE_ENV: 'development', AUTH_OIDC_MFA_CLAIMS: 'amr:pwd' }).err).toContain('amr:pwd is a single factor');
  }, 60_000);
});

describe('STAFF_IDLE_MINUTES', () => {
  const idle = (value?: string) => load({ NODE_ENV: 'development', ...(value === undefined ? {} : { STAFF_IDLE_MINUTES: value }) }, 'print-idle.ts');

  it('is 30 minutes unless set, and takes whole minutes from 5 to 240', () => {
    expect(idle()).toMatchObject({ ok: true, out: '30' });
    expect(idle('5')).toMatchObject({ ok: true, out: '5' });
    expect(idle('240')).toMatchObject({ ok: true, out: '240' });
  }, 60_000);

  it('stops the server, naming the setting, when out of range or not a whole number', () => {
    for (const value of ['4', '241', '15.5', 'half an hour']) {
      const r = idle(value);
      expect(r.ok, value).toBe(false);
      expect(r.err, value).toContain('STAFF_IDLE_MINUTES');
    }
  }, 120_000);
});
