// The Web Push channel against a push service on 127.0.0.1: what leaves the server is encrypted for the
// browser alone (RFC 8291), signed with the server's VAPID key (RFC 8292), and says how urgent and how long-lived it is.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPushService, testBrowser, readVapidAuthorization, type LocalPushService } from '~/server/test/push-service';
import { loadVapidKeys, sendPush, vapidKeys } from './push';

let service: LocalPushService;
beforeAll(async () => {
  service = await startPushService();
});
afterAll(async () => {
  await service.close();
});

const payload = { title: 'Taperline', body: 'Something new is waiting for you.', url: '/clinician/alerts', tag: 'alert-1' };

function lastReceived(pathname: string) {
  const found = service.received.filter((r) => r.path === pathname).at(-1);
  if (!found) throw new Error(`nothing reached ${pathname}`);
  return found;
}

describe('sendPush', () => {
  it('posts the payload encrypted for the subscription alone (aes128gcm), with TTL, Urgency and a VAPID signature', async () => {
    const browser = testBrowser(`${service.origin}/push/one`);
    const keys = vapidKeys();
    if (!keys) throw new Error('the tests run with VAPID keys (vitest.config.ts)');
    const before = Math.floor(Date.now() / 1000);

    await expect(sendPush(browser, payload, { urgent: true, ttlSeconds: 3600 })).resolves.toEqual({ ok: true });

    const request = lastReceived('/push/one');
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(request.headers.ttl).toBe('3600');
    expect(request.headers.urgency).toBe('high');
    // Only the browser's keys open it: the body on the wire holds none of the text.
    expect(request.body.toString('latin1')).not.toContain('Something new');
    expect(JSON.parse(browser.decrypt(request.body))).toEqual(payload);

    const vapid = readVapidAuthorization(request.headers.authorization as string | undefined, keys.publicKey);
    expect(vapid.publicKey).toBe(keys.publicKey);
    expect(vapid.header).toMatchObject({ typ: 'JWT', alg: 'ES256' });
    expect(vapid.signatureValid).toBe(true);
    expect(vapid.claims.aud).toBe(service.origin);
    expect(vapid.claims.sub).toBe('mailto:push-tests@taperline.example');
    expect(vapid.claims.exp).toBeGreaterThan(before);
    expect(vapid.claims.exp).toBeLessThanOrEqual(before + 24 * 60 * 60 + 5);
  });

  it('sends a routine notice with normal urgency and a day to live by default, and no tag when none is given', async () => {
    const browser = testBrowser(`${service.origin}/push/two`);
    await expect(sendPush(browser, { title: 'Taperline', body: 'A reminder.', url: '/checkin' })).resolves.toEqual({ ok: true });
    const request = lastReceived('/push/two');
    expect(request.headers.urgency).toBe('normal');
    expect(request.headers.ttl).toBe(String(24 * 60 * 60));
    expect(JSON.parse(browser.decrypt(request.body))).toEqual({ title: 'Taperline', body: 'A reminder.', url: '/checkin' });
  });

  it('does not verify with another key: the signature check is real', async () => {
    const browser = testBrowser(`${service.origin}/push/three`);
    await sendPush(browser, payload);
    const other = testBrowser('https://x.example').p256dh;
    const authorization = lastReceived('/push/three').headers.authorization as string;
    expect(readVapidAuthorization(authorization.replace(/k=.*$/, `k=${other}`), other).signatureValid).toBe(false);
  });

  it.each([410, 404])('answers gone when the push service says %i (the caller forgets the subscription)', async (status) => {
    const browser = testBrowser(`${service.origin}/push/gone-${status}`);
    service.answer(`/push/gone-${status}`, status);
    await expect(sendPush(browser, payload)).resolves.toEqual({ ok: false, gone: true, error: `HTTP ${status}` });
  });

  it('answers a retryable failure for other refusals and for a service that is not there, naming only the kind', async () => {
    const browser = testBrowser(`${service.origin}/push/busy`);
    service.answer('/push/busy', 503);
    await expect(sendPush(browser, payload)).resolves.toEqual({ ok: false, gone: false, error: 'HTTP 503' });
    const nowhere = testBrowser('https://127.0.0.1:9/push/nobody');
    const result = await sendPush(nowhere, payload);
    expect(result).toEqual({ ok: false, gone: false, error: expect.stringMatching(/^[A-Z0-9_]+$/) });
    expect(JSON.stringify(result)).not.toContain('Something new');
  });

  it('refuses a link outside the app', async () => {
    const browser = testBrowser(`${service.origin}/push/link`);
    await expect(sendPush(browser, { ...payload, url: 'https://elsewhere.example/' })).rejects.toThrow(TypeError);
    await expect(sendPush(browser, { ...payload, url: '//elsewhere.example/' })).rejects.toThrow(TypeError);
  });
});

describe('loadVapidKeys', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'taperline-vapid-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the configured pair', () => {
    expect(loadVapidKeys({ publicKey: 'P', privateKey: 'Q', subject: 'mailto:a@b.example', databaseUrl: 'postgres://x' })).toEqual({ publicKey: 'P', privateKey: 'Q', subject: 'mailto:a@b.example' });
  });

  it('on the embedded database, makes a pair once and keeps it beside the database folder, readable by its owner only', () => {
    const pgliteDir = path.join(dir, 'data', 'pglite');
    const first = loadVapidKeys({ subject: 'mailto:a@b.example', pgliteDir });
    expect(first?.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(first?.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = path.join(dir, 'data', 'vapid-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ publicKey: first?.publicKey, privateKey: first?.privateKey });
    expect(loadVapidKeys({ subject: 'mailto:a@b.example', pgliteDir })).toEqual(first);
  });

  it('on PostgreSQL without keys, is null: several app servers must share one pair, so none is made up', () => {
    expect(loadVapidKeys({ subject: 'mailto:a@b.example', databaseUrl: 'postgres://db.example/taperline', pgliteDir: path.join(dir, 'pg', 'pglite') })).toBeNull();
  });

  it('says how to fix a damaged key file instead of sending with a broken key', async () => {
    const pgliteDir = path.join(dir, 'broken', 'pglite');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.dirname(pgliteDir), { recursive: true });
    writeFileSync(path.join(dir, 'broken', 'vapid-keys.json'), '{"publicKey":"short"}');
    expect(() => loadVapidKeys({ subject: 'mailto:a@b.example', pgliteDir })).toThrow(/Delete the file to make new ones/);
  });
});

describe('vapidKeys on PostgreSQL without keys', () => {
  it('is null and says once, in the log, how to set them', async () => {
    vi.resetModules();
    vi.stubEnv('VAPID_PUBLIC_KEY', '');
    vi.stubEnv('VAPID_PRIVATE_KEY', '');
    vi.stubEnv('DATABASE_URL', 'postgres://db.example/taperline');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const fresh = await import('./push');
      expect(fresh.vapidKeys()).toBeNull();
      expect(fresh.vapidKeys()).toBeNull();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY');
      await expect(fresh.sendPush(testBrowser(`${service.origin}/push/off`), payload)).resolves.toEqual({ ok: false, gone: false, error: 'not-configured' });
    } finally {
      warn.mockRestore();
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
