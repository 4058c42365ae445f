// The edge of the production server (next start on PostgreSQL), tried as an attacker over loopback: batches,
// bodies, other sites and form posts, floods of password hashing, refused pages' status, and the favicon.
// Needs a build and a PostgreSQL server, like server.test.ts; skips with it (its banner says so).
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { signInAttempts } from '~/db/schema';
import { renderError } from '~/i18n/errors';
import { CROSS_SITE_MESSAGE, MAX_BATCH_CALLS, NOT_JSON_MESSAGE, TOO_MANY_CALLS_MESSAGE } from '~/server/api/edge';
import { HASHING_BUSY_MESSAGE, HASHING_LIMITS } from '~/server/auth/password';
import type { SessionUser } from '~/server/auth/session';
import { localDate } from '~/lib/dates';
import { checkInInput, TEST_PASSWORD } from '~/server/test/db';
import { buildWorld, type World } from '~/server/test/procedure-table';
import { recordFigures } from './figures';
import { type AppServer, type FaultableDb, openAppDb, plainDb, SessionCookies, setPassword, startApp, trpcHttp } from './server-harness';

const wanted = Boolean(process.env.TEST_DATABASE_URL || process.env.E2E_DATABASE_URL || process.env.RELIABILITY_SERVER === '1');
// A port of its own beside server.test.ts's (the two never run at once, but a server may linger a moment).
const PORT = Number(process.env.RELIABILITY_EDGE_PORT ?? Number(process.env.RELIABILITY_PORT ?? 3150) + 1);
/**
 * A signed-in read sent alongside an attack is answered within 250 ms (it waited 5.6 s behind a 500-call
 * batch), or within 4 times what the same read takes alone on this machine when it is busier than that.
 */
const ALONGSIDE_FLOOR_MS = Number(process.env.RELIABILITY_ALONGSIDE_MS ?? 250);
/** No request may take longer than this, attack or not (as in server.test.ts). */
const REQUEST_BOUND_MS = 15_000;
const MB = 1024 * 1024;
const INVALID_INVITE = 'This invitation link is not valid. Check that you copied the whole link, or ask for a new one.';
const WRONG_CURRENT = 'Your current password is not correct.';

let db: FaultableDb | undefined;
let app: AppServer;
let h: DbHandle;
let w: World;
const cookies = new SessionCookies();
const cookieOf = (u: SessionUser) => cookies.of(u);
const figures: Record<string, unknown> = {};
const say = (line: string) => console.log(`[reliability] edge: ${line}`);
const ms = (n: number) => Math.round(n);

/** The server's resident memory (Linux), in MB. */
function rssMb(): number {
  const line = readFileSync(`/proc/${app.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? NaN) / 1024;
}

/**
 * A POST over a raw socket that keeps sending `bytes` (with a Content-Length, or chunked without one) and
 * takes the answer whenever it comes: a server that refuses early closes the connection under the upload.
 */
async function rawPost(path: string, headers: Record<string, string>, bytes: number, chunked: boolean): Promise<{ status: number; body: string; ms: number; sent: number }> {
  // A server that closes under an upload makes TCP reset the connection; now and then the reset reaches the
  // client before the 413 it sent first, and the client sees only EPIPE or ECONNRESET. That is the network
  // losing the answer, not the server failing to give it: such a send is tried again (at most twice more).
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await rawPostOnce(path, headers, bytes, chunked);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw error;
      resetsBeforeAnswer += 1;
    }
  }
}
let resetsBeforeAnswer = 0;

function rawPostOnce(path: string, headers: Record<string, string>, bytes: number, chunked: boolean): Promise<{ status: number; body: string; ms: number; sent: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(
      { host: '127.0.0.1', port: PORT, path, method: 'POST', headers: { ...headers, ...(chunked ? {} : { 'content-length': String(bytes) }) } },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => void (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started, sent }));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 120);
    const pump = () => {
      while (sent < bytes && !answered && !req.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

/** A POST to Auth.js's credentials sign-in, as the sign-in form sends it; returns where Auth.js sends the browser. */
async function credentialsPost(email: string, password: string): Promise<{ status: number; location: string }> {
  const csrf = await fetch(`${app.base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${app.base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${app.base}/` }),
  });
  await res.text();
  return { status: res.status, location: res.headers.get('location') ?? '' };
}

const batchUrl = (paths: string[], inputs?: unknown[]) => {
  const input = inputs ? `&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(inputs.map((v, i) => [i, superjson.serialize(v)]))))}` : '';
  return `${app.base}/api/trpc/${paths.join(',')}?batch=1${input}`;
};

describe.runIf(wanted)('the edge of the production server', () => {
  beforeAll(async () => {
    db = await plainDb();
    if (!db) throw new Error('No PostgreSQL: neither TEST_DATABASE_URL nor a private cluster (root + Debian PostgreSQL).');
    h = await openAppDb(db.url);
    app = await startApp(db.url, PORT);
    w = await buildWorld(h.db);
    await setPassword(h.db, w.victim.id, TEST_PASSWORD);
    await cookies.signIn(app.base, [w.victim, w.owner, w.outsider], TEST_PASSWORD);
  });
  afterAll(async () => {
    recordFigures('edge', figures);
    await app?.stop();
    await h?.close();
    await db?.close();
  });

  /** A signed-in read of the patient's day, timed. */
  const read = async () => {
    const res = await trpcHttp(app.base, cookieOf(w.victim), 'checkins.day', { patientId: w.victim.id });
    expect(res.status).toBe(200);
    return res.ms;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  /** The same read alone, five times (the first warms up), and the bound for it alongside an attack. */
  const baseline = async () => {
    await read();
    const alone: number[] = [];
    for (let i = 0; i < 5; i++) alone.push(await read());
    const aloneMs = median(alone);
    return { aloneMs, boundMs: Math.max(ALONGSIDE_FLOOR_MS, 4 * aloneMs) };
  };

  describe('batches', () => {
    it('refuses a 500-call anonymous batch of invite acceptances at once; a signed-in read alongside is not held up', async () => {
      const { aloneMs, boundMs } = await baseline();
      const inputs = Array.from({ length: 500 }, () => ({ token: 'x'.repeat(43), password: 'a long enough passphrase', confirmPassword: 'a long enough passphrase' }));
      const body = JSON.stringify(Object.fromEntries(inputs.map((v, i) => [i, superjson.serialize(v)])));
      const started = performance.now();
      const batch = fetch(`${app.base}/api/trpc/${Array(500).fill('invites.accept').join(',')}?batch=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (res) => ({
        status: res.status, json: (await res.json()) as { error?: { json?: { message?: string; data?: { code?: string } } } }, ms: performance.now() - started,
      }));
      const [answer, alongside] = await Promise.all([batch, read()]);
      expect([answer.status, answer.json.error?.json?.data?.code, answer.json.error?.json?.message]).toEqual([400, 'BAD_REQUEST', renderError(TOO_MANY_CALLS_MESSAGE)]);
      expect(alongside).toBeLessThan(boundMs);
      figures.batch500 = { status: answer.status, ms: ms(answer.ms), readAloneMs: ms(aloneMs), readAlongsideMs: ms(alongside), boundMs: ms(boundMs) };
      say(`500-call anonymous batch: ${answer.status} in ${ms(answer.ms)} ms; signed-in read alongside answered in ${ms(alongside)} ms (alone ${ms(aloneMs)} ms; bound ${ms(boundMs)})`);
    });

    it(`refuses a GET batching 1,000 reads, and serves one of ${MAX_BATCH_CALLS}`, async () => {
      const many = await fetch(batchUrl(Array(1000).fill('account.me')), { headers: { cookie: cookieOf(w.victim) } });
      expect([many.status, ((await many.json()) as { error?: { json?: { message?: string } } }).error?.json?.message]).toEqual([400, renderError(TOO_MANY_CALLS_MESSAGE)]);
      const allowed = await fetch(batchUrl(Array(MAX_BATCH_CALLS).fill('checkins.day'), Array(MAX_BATCH_CALLS).fill({ patientId: w.victim.id })), { headers: { cookie: cookieOf(w.victim) } });
      const results = (await allowed.json()) as unknown[];
      expect([allowed.status, results.length]).toEqual([200, MAX_BATCH_CALLS]);
      figures.getBatch = { reads1000: many.status, [`reads${MAX_BATCH_CALLS}`]: allowed.status };
      say(`GET batching 1,000 reads: ${many.status}; ${MAX_BATCH_CALLS} reads: ${allowed.status}`);
    });
  });

  describe('bodies', () => {
    it('answers a 10 MB body with 413 without reading it (declared or chunked, to the API and to sign-in): RSS grows < 20 MB', async () => {
      const before = rssMb();
      const json = { 'content-type': 'application/json' };
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const sends = [
        ...Array.from({ length: 3 }, () => rawPost('/api/trpc/invites.accept', json, 10 * MB, false)),
        ...Array.from({ length: 3 }, () => rawPost('/api/trpc/invites.accept', json, 10 * MB, true)),
        rawPost('/api/auth/callback/credentials', form, 10 * MB, false),
        rawPost('/api/auth/callback/credentials', form, 10 * MB, true),
      ];
      const answers = await Promise.all(sends);
      const after = rssMb();
      expect(answers.map((a) => a.status)).toEqual(Array<number>(8).fill(413));
      expect(answers[0]?.body).toContain('This request is too large: at most 256 KB.');
      expect(answers[7]?.body).toContain('at most 32 KB');
      expect(after - before).toBeLessThan(20);
      const sentMb = answers.reduce((sum, a) => sum + a.sent, 0) / MB;
      figures.bodies = { requests: 8, offeredMb: 80, sentBeforeAnswerMb: Math.round(sentMb * 10) / 10, slowestMs: ms(Math.max(...answers.map((a) => a.ms))), rssBeforeMb: Math.round(before), rssGrowthMb: Math.round((after - before) * 10) / 10, resetsBeforeAnswer };
      say(`10 MB body ×8 (API and sign-in, declared and chunked): all 413 within ${ms(Math.max(...answers.map((a) => a.ms)))} ms, ${Math.round(sentMb * 10) / 10} of 80 MB sent before the answer, RSS growth ${Math.round((after - before) * 10) / 10} MB (< 20); sends tried again after a reset beat the answer: ${resetsBeforeAnswer}`);
      // And the server still serves.
      await read();
    });
  });

  describe('other sites and other content types', () => {
    const signOutEverywhere = (headers: Record<string, string>, body = JSON.stringify(superjson.serialize(undefined))) =>
      fetch(`${app.base}/api/trpc/account.signOutEverywhere`, { method: 'POST', headers: { cookie: cookieOf(w.victim), ...headers }, body }).then(async (r) => ({
        status: r.status, message: ((await r.json()) as { error?: { json?: { message?: string } } }).error?.json?.message,
      }));

    it('refuses a cross-origin form POST, a form-encoded POST and every cross-site change with 403; the session they aimed at still works', async () => {
      const crossForm = await signOutEverywhere({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, 'x=1');
      const sameOriginForm = await signOutEverywhere({ origin: app.base, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' }, 'x=1');
      const multipart = await signOutEverywhere({ 'content-type': 'multipart/form-data; boundary=b' }, '--b--');
      const textPlain = await signOutEverywhere({ 'content-type': 'text/plain' });
      const crossJson = await signOutEverywhere({ origin: 'https://evil.example', 'content-type': 'application/json' });
      const sameSite = await signOutEverywhere({ 'sec-fetch-site': 'same-site', 'content-type': 'application/json' });
      const nullOrigin = await signOutEverywhere({ origin: 'null', 'content-type': 'application/json' });
      expect(crossForm).toEqual({ status: 403, message: renderError(CROSS_SITE_MESSAGE) });
      expect(sameOriginForm).toEqual({ status: 403, message: renderError(NOT_JSON_MESSAGE) });
      for (const r of [multipart, textPlain]) expect(r).toEqual({ status: 403, message: renderError(NOT_JSON_MESSAGE) });
      for (const r of [crossJson, sameSite, nullOrigin]) expect(r).toEqual({ status: 403, message: renderError(CROSS_SITE_MESSAGE) });
      // Nothing of the refused took effect: the victim is still signed in.
      expect((await trpcHttp(app.base, cookieOf(w.victim), 'account.me', undefined)).status).toBe(200);

      // The app's own pages: same origin, JSON. A check-in is accepted.
      const own = await fetch(`${app.base}/api/trpc/checkins.submit`, {
        method: 'POST',
        headers: { cookie: cookieOf(w.victim), origin: app.base, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
        body: JSON.stringify(superjson.serialize(checkInInput(w.victim.id, localDate('Europe/London', new Date()), { notes: 'From the app itself' }))),
      });
      expect(own.status).toBe(200);
      figures.crossSite = { crossOriginForm: crossForm.status, formEncoded: sameOriginForm.status, multipart: multipart.status, textPlain: textPlain.status, crossOriginJson: crossJson.status, sameSite: sameSite.status, nullOrigin: nullOrigin.status, ownOrigin: own.status };
      say(`cross-origin form POST: ${crossForm.status}; form-encoded POST: ${sameOriginForm.status}; multipart / text/plain: ${multipart.status} / ${textPlain.status}; cross-origin JSON: ${crossJson.status}; Sec-Fetch-Site same-site: ${sameSite.status}; Origin null: ${nullOrigin.status}; the app's own (same origin, JSON): ${own.status}`);
    });
  });

  describe('password hashing', () => {
    it('answers 100 parallel invite acceptances with bad tokens promptly, without hashing (no 429 among them)', async () => {
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => trpcHttp(app.base, undefined, 'invites.accept', { token: `made-up-token-${i}-${'x'.repeat(30)}`, password: 'a long enough passphrase', confirmPassword: 'a long enough passphrase' })),
      );
      const took = performance.now() - started;
      // Were they hashed, no more than the limit's places could be: the rest would be 429.
      expect(new Set(answers.map((a) => `${a.status} ${a.message}`))).toEqual(new Set([`400 ${INVALID_INVITE}`]));
      figures.badInviteTokens = { parallel: 100, allStatus: 400, ms: ms(took), slowestMs: ms(Math.max(...answers.map((a) => a.ms))) };
      say(`100 parallel invite acceptances with bad tokens: all 400 in ${ms(took)} ms, no hashing (no 429; the limit holds ${HASHING_LIMITS.running + HASHING_LIMITS.waiting})`);
    });

    it('answers a flood of password checks with 429s beyond the limit; signed-in reads alongside the hashing are answered promptly', async () => {
      const FLOOD = 200;
      const CAPACITY = HASHING_LIMITS.running + HASHING_LIMITS.waiting;
      const { aloneMs, boundMs } = await baseline();
      const started = performance.now();
      let done = 0;
      const flood = Array.from({ length: FLOOD }, () =>
        trpcHttp(app.base, cookieOf(w.outsider), 'account.changePassword', { currentPassword: 'not the password at all', newPassword: 'a brand new passphrase' }).then((res) => {
          done += 1;
          return res;
        }),
      );
      // Two phases: while the burst arrives (200 requests at once, each with its session checked, which costs
      // what any 200 requests cost), and once every request still open is a hash in the limit's queue: then
      // only the hashing is left, and it must not hold anyone else up.
      const arriving: number[] = [];
      const hashing: number[] = [];
      while (done < FLOOD) {
        const open = FLOOD - done;
        const t = await read();
        if (done < FLOOD) (open > CAPACITY ? arriving : hashing).push(t);
      }
      const answers = await Promise.all(flood);
      const tookMs = performance.now() - started;
      const byStatus = (s: number) => answers.filter((a) => a.status === s);
      expect(answers.filter((a) => a.status !== 400 && a.status !== 429).map((a) => `${a.status} ${a.message}`)).toEqual([]);
      expect(new Set(byStatus(400).map((a) => a.message))).toEqual(new Set([WRONG_CURRENT]));
      expect(byStatus(429).length).toBeGreaterThan(0);
      expect(new Set(byStatus(429).map((a) => a.message))).toEqual(new Set([HASHING_BUSY_MESSAGE]));
      expect(hashing.length, 'reads were made while the queue was hashed (else this proves nothing)').toBeGreaterThanOrEqual(3);
      expect(Math.max(...hashing)).toBeLessThan(boundMs);
      // The arrival of 200 requests at once is a load like any other: nothing hangs.
      expect(Math.max(0, ...arriving)).toBeLessThan(REQUEST_BOUND_MS);
      // Once the flood has passed, a sign-in hashes again.
      await cookies.signIn(app.base, [w.outsider], TEST_PASSWORD);
      figures.hashingFlood = {
        requests: FLOOD, hashingAtOnce: HASHING_LIMITS.running, queue: HASHING_LIMITS.waiting, checked: byStatus(400).length, refused429: byStatus(429).length, floodDoneMs: ms(tookMs),
        readAloneMs: ms(aloneMs), boundMs: ms(boundMs),
        readsWhileArriving: { n: arriving.length, medianMs: ms(median(arriving)), maxMs: ms(Math.max(0, ...arriving)) },
        readsWhileHashing: { n: hashing.length, medianMs: ms(median(hashing)), maxMs: ms(Math.max(...hashing)) },
      };
      say(
        `hashing flood (${FLOOD} parallel password checks, ${HASHING_LIMITS.running} hashed at once, ${HASHING_LIMITS.waiting} queued): ${byStatus(429).length} × 429, ` +
          `${byStatus(400).length} checked, over in ${ms(tookMs)} ms; signed-in reads alongside the hashing: ${hashing.length} in median ${ms(median(hashing))} ms, ` +
          `max ${ms(Math.max(...hashing))} ms (alone ${ms(aloneMs)} ms; bound ${ms(boundMs)}); while the burst arrived: ${arriving.length} in median ${ms(median(arriving))} ms, max ${ms(Math.max(0, ...arriving))} ms`,
      );
    });

    it('refuses a NUL in the sign-in email with its own message: no database error, no attempt recorded', async () => {
      const [before] = await h.db.select({ n: count() }).from(signInAttempts);
      const answer = await credentialsPost('victim\u0000@example.org', TEST_PASSWORD);
      const [after] = await h.db.select({ n: count() }).from(signInAttempts);
      expect(answer.status).toBe(302);
      expect(new URL(answer.location).searchParams.get('code')).toBe('unusable-email');
      expect(after?.n).toBe(before?.n);
      figures.nulEmail = { status: answer.status, code: 'unusable-email' };
      say(`NUL in the sign-in email: ${answer.status} to the sign-in page with code unusable-email, no attempt recorded`);
    });
  });

  describe('pages', () => {
    it('answers a refused patient record with 403 on every page of it, trends included', async () => {
      const id = w.victim.id;
      const record = ['', '/plan', '/plan/print', '/trends', '/trends?range=3m', '/review', '/notes', '/goals'].map((p) => `/clinician/patients/${id}${p}`);
      const page = async (path: string, who: SessionUser) => {
        const res = await fetch(`${app.base}${path}`, { headers: { cookie: cookieOf(who) }, redirect: 'manual' });
        const text = await res.text();
        if (res.status !== 200) expect([path, text.includes(w.victim.name)]).toEqual([path, false]);
        return res.status;
      };
      const refused = await Promise.all(record.map(async (p) => [p, await page(p, w.outsider)] as const));
      expect(refused.filter(([, s]) => s !== 403)).toEqual([]);
      expect(await page(`/clinician/patients/${id}/trends`, w.victim)).toBe(403);
      expect(await page('/patient/trends', w.owner)).toBe(403);
      expect(await page(`/clinician/patients/${id}/trends`, w.owner)).toBe(200);
      expect(await page('/patient/trends', w.victim)).toBe(200);
      figures.refusedPages = { pages: record.length + 2, status: 403 };
      say(`trends page refused: 403 (and ${record.length - 1} other pages of a refused record; a patient on the team's trends, a clinician on the patient's)`);
    });

    it('serves the favicon to every page', async () => {
      const ico = await fetch(`${app.base}/favicon.ico`);
      const icoBytes = (await ico.arrayBuffer()).byteLength;
      const svg = await fetch(`${app.base}/icon.svg`);
      const svgText = await svg.text();
      const signInPage = await fetch(`${app.base}/sign-in`);
      const html = await signInPage.text();
      expect([ico.status, ico.headers.get('content-type'), icoBytes > 0 && icoBytes < 4096]).toEqual([200, 'image/x-icon', true]);
      expect([svg.status, svg.headers.get('content-type'), svgText.includes('#115e59')]).toEqual([200, 'image/svg+xml', true]);
      expect(html).toMatch(/<link rel="icon" href="\/icon\.svg/);
      expect(signInPage.headers.get('content-security-policy')).toContain("img-src 'self'");
      figures.favicon = { ico: ico.status, svg: svg.status, icoBytes };
      say(`favicon: ${ico.status} (${icoBytes} bytes), icon.svg: ${svg.status}, linked from the pages`);
    });
  });
});
