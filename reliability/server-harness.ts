// The production server for the reliability suite: a PostgreSQL it may break (a private throwaway cluster,
// or a database of its own on the test server), `next start` on it, and sign-in through Auth.js over HTTP.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import superjson from 'superjson';
import { openDb, type Db, type DbHandle } from '~/db';
import { users } from '~/db/schema';
import { appRouter } from '~/server/api/root';
import { hashPassword } from '~/server/auth/password';

const root = path.resolve(import.meta.dirname, '..');

/** A database the suite may take away: 'restart' crashes and restarts a whole private cluster; 'terminate' kills the app's connections. */
export interface FaultableDb {
  url: string;
  mode: 'restart' | 'terminate';
  /** Takes the database away for `ms` (the cluster is down, or every new connection is killed), then back. */
  outage: (ms: number) => Promise<{ downAt: number; upAt: number }>;
  close: () => Promise<void>;
}

function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

const asPostgres = (bin: string, args: string[]) => {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed: ${r.stderr || r.stdout}`);
};

/**
 * A private PostgreSQL cluster (initdb in a temp folder, on `port`), so crashing it disturbs nobody else.
 * Needs root (to run the server as the postgres OS user) and Debian's PostgreSQL binaries.
 */
function privateCluster(port: number): FaultableDb | undefined {
  const bin = postgresBin();
  if (!bin || process.getuid?.() !== 0 || spawnSync('id', ['postgres']).status !== 0) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'taperline-reliability-pg-'));
  chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
  const data = path.join(dir, 'data');
  asPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-instructions', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  const pgCtl = (...args: string[]) => asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', ...args]);
  pgCtl('-o', options, 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    mode: 'restart',
    async outage(ms) {
      // Immediate: no shutdown checkpoint, crash recovery on start. What was acknowledged must survive it.
      const downAt = Date.now();
      pgCtl('-m', 'immediate', 'stop');
      await sleep(ms);
      pgCtl('-o', options, 'start');
      return { downAt, upAt: Date.now() };
    },
    async close() {
      try {
        pgCtl('-m', 'fast', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A database of the suite's own on the test server: the outage kills the app's connections, again and again. */
async function ownDatabase(serverUrl: string): Promise<FaultableDb> {
  const name = `${new URL(serverUrl).pathname.slice(1) || 'taperline'}_rel_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    mode: 'terminate',
    async outage(ms) {
      const downAt = Date.now();
      while (Date.now() - downAt < ms) {
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
        await sleep(50);
      }
      return { downAt, upAt: Date.now() };
    },
    async close() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export async function faultableDb(): Promise<FaultableDb | undefined> {
  const port = Number(process.env.RELIABILITY_PG_PORT ?? 5440);
  if (process.env.RELIABILITY_FAULT_MODE !== 'terminate') {
    try {
      const cluster = privateCluster(port);
      if (cluster) return cluster;
    } catch (error) {
      console.warn(`[reliability] no private PostgreSQL cluster (${String(error).slice(0, 300)}): terminating connections on the test server instead`);
    }
  }
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.E2E_DATABASE_URL;
  return serverUrl ? ownDatabase(serverUrl) : undefined;
}

/**
 * A database for a part that breaks nothing (the edge): one of its own on the test server when there is
 * one (no second private cluster), else the private cluster.
 */
export async function plainDb(): Promise<FaultableDb | undefined> {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.E2E_DATABASE_URL;
  return serverUrl ? ownDatabase(serverUrl) : faultableDb();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface AppServer {
  base: string;
  process: ChildProcess;
  pid: number;
  stop: () => Promise<void>;
}

/** The public address the suite's server is started with (APP_URL): where it listens. */
export function appUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** `next start` (the production build) on `port`, with DATABASE_URL; resolves once the sign-in page answers. */
export async function startApp(databaseUrl: string, port: number, extraEnv: Record<string, string> = {}): Promise<AppServer> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('No production build: run `npx next build` first.');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? 'reliability-secret-reliability-secret-0000',
    // The probes sign staff in with a password; two-step sign-in is tested in server/accounts/two-step.test.ts and e2e.
    STAFF_TWO_STEP: 'optional',
    // Required in production: the only source of links (invites, emails); never a request header.
    APP_URL: appUrl(port),
    ...extraEnv,
  };
  delete env.PGLITE_DIR;
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => void (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => void (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}): ${output.slice(-2000)}`);
    try {
      if ((await fetch(`${base}/sign-in`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 90 s: ${output.slice(-2000)}`);
    await sleep(300);
  }
  const pid = child.pid ?? -1;
  return {
    base,
    process: child,
    pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Opens the app's database from the test (migrated), to build the data the requests are about. */
export function openAppDb(url: string): Promise<DbHandle> {
  return openDb({ url, migrate: true });
}

/** Gives an account a known password (a test fixture: patients otherwise set theirs through an invite). */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, userId));
}

/** The session cookies of the users a suite signed in, by user id. */
export class SessionCookies {
  private readonly byUser = new Map<string, string>();

  /** Signs each user in (all with `password`) and keeps their cookie; again for one signed out since. */
  async signIn(base: string, users: { id: string; email: string }[], password: string): Promise<void> {
    for (const u of users) this.byUser.set(u.id, await signIn(base, u.email, password));
  }

  of(user: { id: string }): string {
    const cookie = this.byUser.get(user.id);
    if (!cookie) throw new Error('not signed in');
    return cookie;
  }
}

/** Signs in through Auth.js's credentials endpoint, as the sign-in form does; returns the Cookie header to send. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.endsWith('authjs.session-token'))) throw new Error(`sign-in failed for an account (HTTP ${res.status})`);
  return cookie();
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request from a chosen local address. Any 127.x.y.z is this machine's loopback, so the server
 * sees a different peer address per client: what the sign-in limits count, unlike a header a client writes.
 */
export function httpFrom(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => void (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('timed out')));
    req.end(options.body);
  });
}

class CookieJar {
  private readonly cookies = new Map<string, string>();
  keep(answer: HttpAnswer): void {
    for (const c of answer.headers['set-cookie'] ?? []) {
      const [pair] = c.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  has(suffix: string): boolean {
    return [...this.cookies].some(([k, v]) => k.endsWith(suffix) && v !== '');
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export type SignInOutcome = { outcome: 'signed-in'; cookie: string; ms: number } | { outcome: 'invalid' | 'throttled'; ms: number };

/**
 * Signs in through Auth.js's credentials endpoint from `localAddress`, with any extra request headers (a
 * forged X-Forwarded-For, say); tells whether it signed in, was refused, or was held back by a limit.
 */
export async function signInFrom(
  base: string, email: string, password: string, options: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<SignInOutcome> {
  const jar = new CookieJar();
  const started = performance.now();
  const csrf = await httpFrom(`${base}/api/auth/csrf`, { localAddress: options.localAddress, headers: options.headers });
  jar.keep(csrf);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await httpFrom(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    localAddress: options.localAddress,
    headers: { ...options.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/` }).toString(),
  });
  jar.keep(res);
  const ms = performance.now() - started;
  if (jar.has('authjs.session-token')) return { outcome: 'signed-in', cookie: jar.header(), ms };
  const location = String(res.headers.location ?? '');
  return { outcome: new URL(location, base).searchParams.get('code') === 'throttled' ? 'throttled' : 'invalid', ms };
}

/** Signs out through Auth.js (what the Sign out button does): the CSRF token, then POST /api/auth/signout. */
export async function signOutVia(base: string, cookie: string): Promise<HttpAnswer> {
  const csrf = await httpFrom(`${base}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  return httpFrom(`${base}/api/auth/signout`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/sign-in` }).toString(),
  });
}

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;

export interface TrpcResponse {
  status: number;
  body: string;
  ms: number;
  data?: unknown;
  message?: string;
  code?: string;
}

/** One tRPC call over real HTTP (superjson on the wire), as the browser makes it; `cookie` undefined = anonymous. */
export async function trpcHttp(
  base: string, cookie: string | undefined, path: string, input: unknown, timeoutMs = 30_000, extraHeaders: Record<string, string> = {},
): Promise<TrpcResponse> {
  const encoded = JSON.stringify(superjson.serialize(input));
  const query = procedures[path]?._def.type === 'query';
  const url = query ? `${base}/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(encoded)}`}` : `${base}/api/trpc/${path}`;
  const headers: Record<string, string> = { ...extraHeaders, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) };
  const started = performance.now();
  const res = await fetch(url, {
    method: query ? 'GET' : 'POST', headers, body: query || input === undefined ? undefined : encoded, signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await res.text();
  const ms = performance.now() - started;
  let parsed: { result?: { data?: Parameters<typeof superjson.deserialize>[0] }; error?: { json?: { message?: string; data?: { code?: string } } } } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    // not JSON: an HTML error page, kept in `body`
  }
  return {
    status: res.status, body, ms,
    data: parsed.result?.data ? superjson.deserialize(parsed.result.data) : undefined,
    message: parsed.error?.json?.message, code: parsed.error?.json?.data?.code,
  };
}
