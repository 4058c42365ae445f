// `npm run bench`: seeds a synthetic clinic, drives the production build and a bare node:http baseline
// with the same SQL, checks the query plans and page weights, and writes bench/results/latest.{json,md}.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDb } from '~/db';
import { patientAccess } from '~/server/auth/policy';
import { loadSessionUser, startSession } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import { localDate } from '~/lib/dates';
import { updatePlan } from '~/server/plans/service';
import { addDays, stepIndexOn, type TaperInput, type TaperStep } from '~/lib/taper';
import { triageList } from '~/server/triage/service';
import { getTrends } from '~/server/trends/service';
import { clinicSize, parseArgs, usage, type BenchOptions } from './args';
import type { Phase } from './profile-summary';
import { BUDGETED_PAGES, comparisonSection, lighthouseSection, PAGE_BUDGET_KB, pagesComparison, previousRunFrom } from './compare';
import { capturingDb, describeScans, explainAll, isFinding, TINY_ROWS, type ExplainReport } from './explain';
import { assertSynthetic, MARKER_TABLE } from './guard';
import { drive, type LoadSpec } from './load';
import { LOCALE_COOKIE } from '~/lib/i18n/locales';
import { lighthouseScore, pageWeights, type LighthouseResult, type PageWeight } from './pages';
import { runAlertSweep } from '~/server/alerts/sweep';
import { BENCH_PASSWORD, recordSeededMilestones, seedClinic, type SeedSummary } from './seed';
import { cpuBetween, groupCpuMs, pidsCpuMs } from './cpu';
import { cpuTable, formatKb, formatMs, signedKb, loadTable, metTarget, ratio, sharedByAll, type EndpointResult, type LoadFigures } from './stats';
import { writeBenchmarkDoc } from '../docs/benchmark-doc';

const root = process.cwd();
const log = (message: string) => console.log(`[bench] ${message}`);

// --- processes -------------------------------------------------------------------------------------

const children: ChildProcess[] = [];

/** Starts a process in its own group, so stopping it also stops what it started (tsx, Next's workers). */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`[bench] ${name} exited (${code ?? signal}). Last output:\n${tail.join('\n')}`);
  });
  children.push(child);
  return child;
}

let stopping = false;
function stopAll() {
  stopping = true;
  for (const child of children) {
    if (child.pid === undefined || child.exitCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

/** Stops one process group and waits for it to exit (a profiled server writes its profile on the way out). */
async function stopAndWait(child: ChildProcess, seconds: number): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  stopping = true;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, seconds * 1000))]);
}

async function freePort(from: number, taken: number[] = []): Promise<number> {
  for (let port = from; port < from + 50; port++) {
    if (taken.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false)).listen(port, () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port from ${from}.`);
}

async function waitFor(url: string, seconds: number) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${seconds} s.`);
}

// --- build -----------------------------------------------------------------------------------------

function newestSource(): number {
  let newest = 0;
  const walk = (p: string) => {
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (!entry.endsWith('.test.ts')) walk(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of ['app', 'server', 'db/schema', 'i18n', 'messages', 'proxy.ts', 'next.config.mjs', 'package.json', 'instrumentation.ts']) {
    if (existsSync(path.join(root, p))) walk(path.join(root, p));
  }
  return newest;
}

function ensureBuild(options: BenchOptions) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (!options.build) {
    if (!built) throw new Error('There is no production build: run without --no-build.');
    return 'reused (--no-build)';
  }
  if (built && built >= newestSource()) return 'reused (up to date)';
  log('building (NODE_ENV=production next build) ...');
  const result = spawnSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('next build failed.');
  return 'built';
}

// --- sessions --------------------------------------------------------------------------------------

function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').filter(Boolean);
}

/** Signs in through Auth.js exactly as the sign-in page does (CSRF token, then the credentials callback). */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiePairs(csrf).join('; ') },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/` }),
  });
  const session = cookiePairs(res).filter((c) => c.includes('session-token'));
  if (session.length === 0) throw new Error(`Sign-in failed for a bench account (HTTP ${res.status}).`);
  return session.join('; ');
}

async function inBatches<T, R>(items: readonly T[], size: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(f))));
  return out;
}

interface BenchPatient { id: string; email: string; timeZone: string; steps: TaperStep[]; cookie: string }
interface BenchClinician { id: string; email: string; cookie: string }
interface DraftPlan { planId: string; patientId: string; editorId: string; input: TaperInput; version: number }

function plannedDoses(p: BenchPatient, now: Date) {
  const today = localDate(p.timeZone, now);
  const first = p.steps[0];
  const step = first && today >= first.startDate ? p.steps[stepIndexOn(p.steps, today)] : undefined;
  return { today, doses: (step?.doses ?? []).map((d) => ({ time: d.time, takenMg: d.mg, status: 'taken' as const })) };
}

/**
 * The trends read measured: the whole taper ('all', the page's default metrics). Every bench patient's record
 * is 180 days of check-ins (the plan started 150 days ago), so 'all' reads those 180 days (and draws the
 * schedule ahead to its end, as the page does); '3m' would read only 91 of them.
 */
const TRENDS_INPUT = { range: 'all' } as const;

/** The mean pause of a simulated user between two requests (exponential: users do not act in step). */
const USER_THINK_MS = 1000;

const rand = (max: number) => Math.floor(Math.random() * (max + 1));

function checkInInput(p: BenchPatient) {
  const { today, doses } = plannedDoses(p, new Date());
  return {
    patientId: p.id,
    idempotencyKey: randomUUID(),
    localDate: today,
    doses,
    scores: {
      spasticity: 2 + rand(4), spasmFrequency: rand(3), sleepQuality: 4 + rand(5), restlessness: rand(4), anxiety: rand(4), mood: 5 + rand(4),
      pain: 1 + rand(4), headache: rand(2), nausea: rand(1), strengthMobility: 5 + rand(4),
    },
    sleepHours: 7,
    redFlags: [],
    stressors: '',
    activity: 'Walked to the shops',
    systolic: null,
    diastolic: null,
    heartRate: null,
    phq2: null,
    gad2: null,
    notes: '',
  };
}

function planInput(plan: DraftPlan, today: string): TaperInput {
  // Alternate the step length so every save is a real change the engine recomputes.
  return { ...plan.input, startDate: addDays(today, 7), stepDays: plan.input.stepDays + (plan.version % 2) };
}

// --- the run ---------------------------------------------------------------------------------------

async function main() {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(usage);
    return;
  }
  const options = parsed;
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Error('Set DATABASE_URL to an empty PostgreSQL database made for the bench.');
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const started = new Date();
  const startLoad = os.loadavg().map((l) => Number(l.toFixed(2)));
  try {
    await assertSynthetic(sql);
    const handle = await openDb({ url, migrate: true });
    await handle.close();

    let clinic: SeedSummary & { reused?: boolean };
    if (options.seed) {
      log(`seeding a synthetic clinic at scale ${options.scale} ...`);
      clinic = await seedClinic(sql, options.scale);
      const recording = performance.now();
      const seeded = await openDb({ url });
      try {
        log(`recorded ${await recordSeededMilestones(seeded.db, sql)} milestones of the seeded history (${((performance.now() - recording) / 1000).toFixed(1)} s)`);
      } finally {
        await seeded.close();
      }
    } else {
      const [marker] = await sql<{ scale: number; patients: number; clinicians: number }[]>`select * from ${sql(MARKER_TABLE)} limit 1`.catch(() => []);
      if (!marker) throw new Error('No bench data to reuse: run without --no-seed.');
      const [c] = await sql<{ check_ins: number; plans: number; alerts: number; reviews: number; supports: number }[]>`select (select count(*)::int from check_ins) as check_ins,
        (select count(*)::int from taper_plans) as plans, (select count(*)::int from alerts) as alerts,
        (select count(*)::int from weekly_reviews) + (select count(*)::int from mdt_patient_items) as reviews, (select count(*)::int from adjunct_therapies) as supports`;
      options.scale = marker.scale;
      clinic = {
        patients: marker.patients, clinicians: marker.clinicians, checkIns: c?.check_ins ?? 0, plans: c?.plans ?? 0, alerts: c?.alerts ?? 0,
        reviews: c?.reviews ?? 0, supports: c?.supports ?? 0, seconds: 0, reused: true,
      };
    }
    // The app's worker sweeps every 5 minutes for the alerts time raises (missed check-ins, rescue medication).
    // Swept once here, the seeded clinic is in the state a running clinic is in between two sweeps: a sweep
    // that falls inside a measured run then raises little, instead of a backlog the bench itself made.
    {
      const sweeping = performance.now();
      const swept = await openDb({ url });
      try {
        const raised = await runAlertSweep(swept.db);
        log(`alert sweep before measuring: ${raised.missedCheckIns} missed check-in and ${raised.rescueMedication} rescue medication alerts (${((performance.now() - sweeping) / 1000).toFixed(1)} s)`);
      } finally {
        await swept.close();
      }
    }
    log(`clinic: ${clinic.patients} patients, ${clinic.clinicians} clinicians, ${clinic.checkIns} check-ins, ${clinic.alerts} alerts, ${clinic.reviews} reviews, ${clinic.supports} supports (${clinic.seconds.toFixed(1)} s)`);

    const build = ensureBuild(options);
    log(`production build: ${build}`);
    const appPort = await freePort(options.port);
    const barePort = await freePort(appPort + 1, [appPort]);
    const authSecret = randomBytes(32).toString('base64url');
    const poolMax = process.env.DATABASE_POOL_MAX ?? '10';
    const profileDir = options.profileDir ? path.resolve(root, options.profileDir) : null;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    // Sampled every 1 ms (Node's default); written when the server exits (SIGTERM: Next calls process.exit).
    // Node refuses --cpu-prof in NODE_OPTIONS, so it goes on the command line of the process that serves.
    const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const appServer = start(process.execPath, [...profiling, path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(appPort)], {
      ...process.env, NODE_ENV: 'production', DATABASE_URL: url, AUTH_SECRET: authSecret, PORT: String(appPort), DATABASE_POOL_MAX: poolMax,
      // Staff sign in once, before the measured requests: two-step sign-in would change nothing measured.
      STAFF_TWO_STEP: 'optional',
      APP_URL: `http://localhost:${appPort}`,
    }, 'next start');
    const bareServer = start(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), path.join('scripts', 'bench', 'bare.ts')], {
      ...process.env, NODE_ENV: 'production', DATABASE_URL: url, PORT: String(barePort), DATABASE_POOL_MAX: poolMax, SKIP_ENV_VALIDATION: '1',
    }, 'bare server');
    const app = `http://localhost:${appPort}`;
    const bare = `http://127.0.0.1:${barePort}`;
    await waitFor(`${app}/sign-in`, 90);
    await waitFor(`${bare}/`, 30);
    log(`app on ${appPort}, bare on ${barePort}`);

    // Sessions: running-plan patients split in two (one half for ours, one for bare), every clinician.
    const patientRows = await sql<{ id: string; email: string; time_zone: string; steps: TaperStep[] }[]>`
      select u.id, u.email, u.time_zone, v.steps from users u join taper_plans p on p.patient_id = u.id and p.status = 'active'
      join taper_plan_versions v on v.plan_id = p.id and v.version = p.version order by u.email limit 128`;
    const clinicianRows = await sql<{ id: string; email: string }[]>`select id, email from users where role = 'clinician' order by email`;
    log(`signing in ${Math.ceil(patientRows.length / 2)} patients and ${clinicianRows.length} clinicians through Auth.js ...`);
    const half = Math.ceil(patientRows.length / 2);
    const oursPatients: BenchPatient[] = await inBatches(patientRows.slice(0, half), 4, async (r) => ({
      id: r.id, email: r.email, timeZone: r.time_zone, steps: r.steps, cookie: await signIn(app, r.email, BENCH_PASSWORD),
    }));
    const barePatients: BenchPatient[] = patientRows.slice(half).map((r) => ({ id: r.id, email: r.email, timeZone: r.time_zone, steps: r.steps, cookie: `bare_uid=${r.id}` }));
    const oursClinicians: BenchClinician[] = await inBatches(clinicianRows, 4, async (r) => ({ ...r, cookie: await signIn(app, r.email, BENCH_PASSWORD) }));
    const bareClinicians: BenchClinician[] = clinicianRows.map((r) => ({ ...r, cookie: `bare_uid=${r.id}` }));
    const cookieOf = new Map(oursClinicians.map((c) => [c.id, c.cookie]));

    const drafts = async () =>
      sql<{ plan_id: string; patient_id: string; editor_id: string; input: TaperInput; version: number }[]>`
        select p.id as plan_id, p.patient_id, m.clinician_id as editor_id, v.input, p.version from taper_plans p
        join taper_plan_versions v on v.plan_id = p.id and v.version = p.version
        join care_team_members m on m.patient_id = p.patient_id and m.may_edit_plan
        where p.status = 'draft' order by p.patient_id`.then((rows) =>
        rows.map((r): DraftPlan => ({ planId: r.plan_id, patientId: r.patient_id, editorId: r.editor_id, input: r.input, version: r.version })));

    // The query plans of every query the measured endpoints issue (a partial run measures only load).
    const partial = options.endpoints !== null;
    const explain: ExplainReport[] = [];
    if (!partial) {
      log('capturing the SQL of each endpoint and EXPLAINing it ...');
      const samplePatient = oursPatients[0];
      const sampleClinician = clinicianRows[0];
      const draft = (await drafts())[0];
      if (!samplePatient || !sampleClinician || !draft) throw new Error('The clinic has too few patients for the bench.');
      const capture = async (endpoint: string, userId: string, work: (db: Awaited<ReturnType<typeof capturingDb>>['db']) => Promise<unknown>) => {
        // The session row is made outside the capture: only the request's own queries are EXPLAINed.
        const plain = await openDb({ url });
        const sid = await startSession(plain.db, userId, 'password').finally(() => plain.close());
        const c = capturingDb(url);
        try {
          const user = await loadSessionUser(c.db, { uid: userId, sv: 1, sid });
          if (!user) throw new Error('bench user not found');
          await work(c.db);
          explain.push(await explainAll(url, endpoint, c.capture.queries));
        } finally {
          await c.close();
        }
      };
      const patientUser = { id: samplePatient.id, email: samplePatient.email, name: '', role: 'patient' as const, timeZone: samplePatient.timeZone };
      await capture('check-in submit', samplePatient.id, async (db) => {
        await patientAccess(db, patientUser, samplePatient.id);
        await submitCheckIn(db, { id: samplePatient.id, role: 'patient' }, checkInInput(samplePatient));
      });
      await capture('triage list', sampleClinician.id, async (db) => {
        // A pure read: the alerts time raises are the worker's sweep's, not the list's.
        await triageList(db, sampleClinician.id);
      });
      await capture('trends (180 days)', samplePatient.id, async (db) => {
        await patientAccess(db, patientUser, samplePatient.id);
        await getTrends(db, samplePatient.id, 'patient', TRENDS_INPUT);
      });
      await capture('plan save', draft.editorId, async (db) => {
        const editor = { id: draft.editorId, email: '', name: '', role: 'clinician' as const, timeZone: 'UTC' };
        await patientAccess(db, editor, draft.patientId);
        await updatePlan(db, { id: draft.editorId, role: 'clinician' }, {
          patientId: draft.patientId, planId: draft.planId, expectedVersion: draft.version, input: planInput(draft, localDate('UTC', new Date())), reason: 'Bench: step length adjusted',
        });
      });
    }
    for (const e of explain) log(`  ${describeScans(e)}`);

    // --- load -------------------------------------------------------------------------------------
    const trpcQuery = (procedure: string, input?: unknown) =>
      `/api/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;
    const json = { 'content-type': 'application/json' };
    let counter = 0;
    const next = <T>(list: readonly T[]): T => {
      const item = list[counter++ % list.length];
      if (item === undefined) throw new Error('empty list');
      return item;
    };

    const allDrafts = await drafts();
    const oursDraftIds = new Set(allDrafts.filter((_, i) => i % 2 === 0).map((d) => d.planId));
    const planSpec = (base: string, isOurs: boolean, plans: DraftPlan[], connections: number): LoadSpec => {
      // autocannon renews a connection's context after every response, so plans are lent from a pool:
      // taken when a request is built, given back (with its new version) when its answer arrives. Each
      // plan has one save in flight at a time, so a save only conflicts if the bench lost track of one.
      const free = [...plans];
      const today = localDate('UTC', new Date());
      return {
        url: base,
        connections: Math.min(connections, plans.length),
        duration: 0,
        request: (context) => {
          const plan = free.shift();
          if (!plan) throw new Error('plan pool empty');
          context.plan = plan;
          const input = { patientId: plan.patientId, planId: plan.planId, expectedVersion: plan.version, input: planInput(plan, today), reason: 'Bench: step length adjusted' };
          return isOurs
            ? { method: 'POST', path: '/api/trpc/plans.update', headers: { ...json, cookie: cookieOf.get(plan.editorId) ?? '' }, body: JSON.stringify({ json: input }) }
            : { method: 'POST', path: '/plan', headers: { ...json, cookie: `bare_uid=${plan.editorId}` }, body: JSON.stringify(input) };
        },
        onResponse: (_status, body, context) => {
          const plan = context.plan as DraftPlan | undefined;
          if (!plan) return;
          free.push(plan);
          try {
            const answer = JSON.parse(body) as {
              version?: number; latestVersion?: number;
              result?: { data?: { json?: { version?: number } } };
              error?: { json?: { data?: { details?: { latestVersion?: number } } } };
            };
            const version = isOurs ? (answer.result?.data?.json?.version ?? answer.error?.json?.data?.details?.latestVersion) : (answer.version ?? answer.latestVersion);
            if (typeof version === 'number') plan.version = version;
          } catch {
            // Not JSON (a proxy error page): the next save with this plan will tell.
          }
        },
      };
    };

    const submitSpec = (base: string, isOurs: boolean, thinkTimeMs?: number): LoadSpec => ({
      url: base,
      connections: options.connections.submit,
      duration: 0,
      ...(thinkTimeMs === undefined ? {} : { thinkTimeMs }),
      request: () => {
        const p = next(isOurs ? oursPatients : barePatients);
        return isOurs
          ? { method: 'POST', path: '/api/trpc/checkins.submit', headers: { ...json, cookie: p.cookie }, body: JSON.stringify({ json: checkInInput(p) }) }
          : { method: 'POST', path: '/checkin', headers: { ...json, cookie: p.cookie }, body: JSON.stringify(checkInInput(p)) };
      },
    });

    const patientsEach = Math.round((clinicSize(options.scale).teamSize * clinic.patients) / clinic.clinicians);
    const triageSpec = (base: string, isOurs: boolean, thinkTimeMs?: number): LoadSpec => ({
      url: base,
      connections: options.connections.triage,
      duration: 0,
      ...(thinkTimeMs === undefined ? {} : { thinkTimeMs }),
      request: () =>
        isOurs
          ? { method: 'GET', path: trpcQuery('triage.list'), headers: { cookie: next(oursClinicians).cookie } }
          : { method: 'GET', path: '/triage', headers: { cookie: next(bareClinicians).cookie } },
    });

    const endpoints: { key: string; label: string; target?: number; specs: () => Promise<[LoadSpec, LoadSpec]> }[] = [
      {
        // The target's "32 concurrent users": 32 patients using the app at once, each sending a check-in after a
        // random pause of a second on average (about 30 a second: far beyond a real clinic, where each patient
        // sends one a day), not all in the same instant.
        key: 'checkin-submit', label: 'Check-in submit (users)', target: 50,
        specs: async () => [submitSpec(app, true, USER_THINK_MS), submitSpec(bare, false, USER_THINK_MS)],
      },
      {
        // The same connections back to back, no pause: the most the machine can take (its capacity), not a user load.
        key: 'checkin-submit-capacity', label: 'Check-in submit (back to back: capacity)',
        specs: async () => [submitSpec(app, true), submitSpec(bare, false)],
      },
      {
        // A clinician with 200 patients opening their list, while 7 others do the same, each again after a
        // random pause of a second on average.
        key: 'triage-list', label: `Triage list, ${patientsEach} patients (users)`, target: 100,
        specs: async () => [triageSpec(app, true, USER_THINK_MS), triageSpec(bare, false, USER_THINK_MS)],
      },
      {
        key: 'triage-list-capacity', label: `Triage list, ${patientsEach} patients (back to back: capacity)`,
        specs: async () => [triageSpec(app, true), triageSpec(bare, false)],
      },
      {
        key: 'trends-180', label: 'Patient trends (180 days)',
        specs: async () => [
          { url: app, connections: options.connections.trends, duration: 0, request: () => { const p = next(oursPatients); return { method: 'GET', path: trpcQuery('trends.get', { patientId: p.id, ...TRENDS_INPUT }), headers: { cookie: p.cookie } }; } },
          { url: bare, connections: options.connections.trends, duration: 0, request: () => { const p = next(barePatients); return { method: 'GET', path: `/trends?patientId=${p.id}&range=${TRENDS_INPUT.range}`, headers: { cookie: p.cookie } }; } },
        ],
      },
      {
        key: 'plan-save', label: 'Plan save',
        specs: async () => {
          const plans = await drafts();
          return [
            planSpec(app, true, plans.filter((d) => oursDraftIds.has(d.planId)), options.connections.planSave),
            planSpec(bare, false, plans.filter((d) => !oursDraftIds.has(d.planId)), options.connections.planSave),
          ];
        },
      },
    ];

    const results: EndpointResult[] = [];
    const phases: Phase[] = [];
    const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
    for (const endpoint of options.load ? endpoints : []) {
      if (options.endpoints && !options.endpoints.includes(endpoint.key)) continue;
      const figures: LoadFigures[] = [];
      for (const [i, spec] of (await endpoint.specs()).entries()) {
        const side = i === 0 ? 'ours' : 'bare';
        await drive({ ...spec, duration: 2 });
        // Requests cut off by the end of the warm-up still finish on the server: let them, before measuring.
        await new Promise((r) => setTimeout(r, 1500));
        // Warm-up and plan saves moved the versions on: start the measured run from the database's.
        const fresh = endpoint.key === 'plan-save' ? (await endpoint.specs())[i] : spec;
        const measured = fresh ?? spec;
        const server = (side === 'ours' ? appServer : bareServer).pid ?? -1;
        const backends = async () => (await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database()`).map((r) => r.pid);
        const cpuBefore = { server: groupCpuMs(server), database: pidsCpuMs(await backends()) };
        const fromUs = monotonicUs();
        const f = await drive({ ...measured, duration: measured.thinkTimeMs === undefined ? options.duration : options.userDuration });
        const toUs = monotonicUs();
        const serverMs = groupCpuMs(server) - cpuBefore.server;
        const databaseMs = cpuBetween(cpuBefore.database, pidsCpuMs([...new Set([...cpuBefore.database.keys(), ...(await backends())])]));
        if (f.requests > 0 && Number.isFinite(serverMs)) f.cpu = { serverMsPerRequest: serverMs / f.requests, databaseMsPerRequest: databaseMs / f.requests };
        if (side === 'ours') phases.push({ name: endpoint.key, fromUs, toUs, requests: f.requests });
        log(`  ${endpoint.label} ${side}: ${f.requestsPerSecond.toFixed(0)} req/s, p50 ${formatMs(f.p50)}, p95 ${formatMs(f.p95)}, p99 ${formatMs(f.p99)}, errors ${f.errors + f.non2xx}`);
        figures.push(f);
      }
      const [ours, bareFigures] = figures;
      if (ours && bareFigures) results.push({ key: endpoint.key, label: endpoint.label, ours, bare: bareFigures, targetP95Ms: endpoint.target });
    }

    if (partial) {
      // Not a benchmark run: the figures go to the terminal (and the profile's folder), never to the results or docs.
      const table = loadTable(results);
      console.log(`\nPartial bench run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, load average at start ${startLoad.join(' / ')}, now ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}\n\n${table}\n\nCPU per request:\n\n${cpuTable(results)}\n`);
      if (profileDir) {
        writeFileSync(path.join(profileDir, 'phases.json'), `${JSON.stringify({ generatedAt: started.toISOString(), loadAverageAtStart: startLoad, phases, results }, null, 2)}\n`);
        log('stopping the app so it writes its CPU profile ...');
        await stopAndWait(appServer, 60);
        const written = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
        log(`wrote ${written.length} profile(s) and phases.json to ${profileDir}; summarise with: npx tsx scripts/bench/profile-summary.ts ${profileDir}`);
      }
      return;
    }

    // --- pages ------------------------------------------------------------------------------------
    log('weighing each page\'s first-load JavaScript in Chromium ...');
    const patient = oursPatients[0];
    const clinician = oursClinicians[0];
    const [teamPatient] = clinician ? await sql<{ patient_id: string }[]>`select patient_id from care_team_members where clinician_id = ${clinician.id} limit 1` : [];
    const visits = [
      { page: 'Sign-in', path: '/sign-in', cookie: null },
      { page: 'Patient home', path: '/patient', cookie: patient?.cookie ?? null },
      { page: 'Patient check-in', path: '/patient/check-in', cookie: patient?.cookie ?? null },
      { page: 'Patient plan', path: '/patient/plan', cookie: patient?.cookie ?? null },
      { page: 'Patient trends', path: '/patient/trends', cookie: patient?.cookie ?? null },
      { page: 'Account', path: '/account', cookie: patient?.cookie ?? null },
      { page: 'Clinician triage', path: '/clinician', cookie: clinician?.cookie ?? null },
      { page: 'Clinician patient', path: `/clinician/patients/${teamPatient?.patient_id ?? ''}`, cookie: clinician?.cookie ?? null },
      { page: 'Clinician plan', path: `/clinician/patients/${teamPatient?.patient_id ?? ''}/plan`, cookie: clinician?.cookie ?? null },
      { page: 'Clinical summary', path: `/clinician/patients/${teamPatient?.patient_id ?? ''}/summary`, cookie: clinician?.cookie ?? null },
    ];
    const pages: PageWeight[] = await pageWeights(app, visits);
    for (const p of pages) log(`  ${p.page}: ${formatKb(p.jsGzipBytes)} gzip (${p.scripts} scripts, HTTP ${p.status})`);
    // The patient's pages again in Spanish: a patient whose account reads Spanish, the sign-in page with the
    // language chosen on the device. Each page ships only its own language's messages.
    const spanishReader = oursPatients.at(-1);
    if (spanishReader) await sql`update users set locale = 'es' where id = ${spanishReader.id}`;
    const spanishVisits = [
      { page: 'Sign-in', path: '/sign-in', cookie: `${LOCALE_COOKIE}=es` },
      ...visits.filter((v) => v.path.startsWith('/patient') || v.path === '/account').map((v) => ({ ...v, cookie: spanishReader?.cookie ?? null })),
    ];
    const spanishPages: PageWeight[] = await pageWeights(app, spanishVisits);
    for (const p of spanishPages) log(`  ${p.page} in Spanish: ${formatKb(p.jsGzipBytes)} gzip (${p.scripts} scripts, HTTP ${p.status})`);
    const spanishOf = (page: PageWeight) => spanishPages.find((p) => p.path === page.path);
    const shared = sharedByAll(pages);
    log(`  loaded by every page (the framework's runtime and the root layout): ${formatKb(shared.gzipBytes)} gzip in ${shared.files.length} scripts`);
    // The patient's five pages each have a budget: their own JavaScript above the floor every page loads.
    const budgeted = pages.filter((p) => BUDGETED_PAGES.includes(p.path));
    const ownOf = (p: PageWeight) => p.jsGzipBytes - shared.gzipBytes;
    const lighthouse: LighthouseResult[] = [];
    if (options.lighthouse) {
      for (const p of budgeted) {
        log(`Lighthouse (mobile) on ${p.path} ...`);
        const visit = visits.find((v) => v.path === p.path);
        const audit = await lighthouseScore(`${app}${p.path}`, visit?.cookie ?? null);
        lighthouse.push(audit);
        log(`  performance ${audit.performance ?? '–'}, accessibility ${audit.accessibility ?? '–'}, LCP ${formatMs(audit.largestContentfulPaintMs)}${audit.error ? ` (${audit.error})` : ''}`);
      }
    }

    // --- report -----------------------------------------------------------------------------------
    const [pg] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
    const checkInPage = pages.find((p) => p.path === '/patient/check-in');
    const submit = results.find((r) => r.key === 'checkin-submit');
    const triage = results.find((r) => r.key === 'triage-list');
    const checkInScans = explain.reduce((n, e) => n + e.checkInSeqScans, 0);
    const growingScans = explain.flatMap((e) => e.seqScans.filter((s) => isFinding(s.kind)).map((s) => `${e.endpoint}: ${s.relation}`));
    const targets = [
      { name: `Check-in submit p95 < 50 ms at ${submit?.ours.connections ?? '?'} concurrent users (each pausing ${USER_THINK_MS / 1000} s on average between check-ins)`, measured: submit ? formatMs(submit.ours.p95) : '–', met: submit ? metTarget(submit) : null },
      { name: `Triage list p95 < 100 ms for a clinician with ${patientsEach} patients (${triage?.ours.connections ?? '?'} clinicians at once, each pausing ${USER_THINK_MS / 1000} s on average)`, measured: triage ? formatMs(triage.ours.p95) : '–', met: triage ? metTarget(triage) : null },
      { name: 'Check-in page first-load JavaScript < 120 KB gzip', measured: checkInPage ? formatKb(checkInPage.jsGzipBytes) : '–', met: checkInPage ? checkInPage.jsGzipBytes < 120 * 1024 : null },
      {
        name: `Each patient page's own JavaScript above the floor ≤ ${PAGE_BUDGET_KB} KB gzip (sign-in, home, check-in, plan, trends)`,
        measured: budgeted.length ? `largest ${formatKb(Math.max(...budgeted.map(ownOf)))} (${budgeted.reduce((a, b) => (ownOf(b) > ownOf(a) ? b : a)).page})` : '–',
        met: budgeted.length === BUDGETED_PAGES.length ? budgeted.every((p) => ownOf(p) <= PAGE_BUDGET_KB * 1024) : null,
      },
      ...(lighthouse.length ? [
        { name: 'Check-in page largest paint ≤ 2.0 s (Lighthouse mobile)', measured: formatMs(lighthouse.find((l) => l.url.endsWith('/patient/check-in'))?.largestContentfulPaintMs ?? null), met: (lighthouse.find((l) => l.url.endsWith('/patient/check-in'))?.largestContentfulPaintMs ?? Infinity) <= 2000 },
        {
          name: 'Lighthouse mobile performance ≥ 95 and accessibility 100 on the five patient pages',
          measured: `performance ${Math.min(...lighthouse.map((l) => l.performance ?? 0))}–${Math.max(...lighthouse.map((l) => l.performance ?? 0))}, accessibility ${Math.min(...lighthouse.map((l) => l.accessibility ?? 0))}–${Math.max(...lighthouse.map((l) => l.accessibility ?? 0))}`,
          met: lighthouse.length === BUDGETED_PAGES.length && lighthouse.every((l) => (l.performance ?? 0) >= 95 && l.accessibility === 100),
        },
      ] : []),
      { name: 'No query that scans all check-ins (no Seq Scan on check_ins in any measured query plan)', measured: `${checkInScans} such plans`, met: checkInScans === 0 },
      {
        name: `No sequential scan of a table that grows with the clinic in any measured query plan (one under ${TINY_ROWS.toLocaleString('en')} rows that an index serves excepted)`,
        measured: growingScans.length ? growingScans.join(', ') : '0 such scans',
        met: growingScans.length === 0,
      },
    ];
    const cpus = os.cpus();
    const machine = {
      cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGb: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`,
      node: process.version, postgres: pg?.version ?? 'unknown', loadAverageAtStart: startLoad,
    };
    const result = {
      generatedAt: started.toISOString(),
      durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
      options: { scale: options.scale, duration: options.duration, userDuration: options.userDuration, connections: options.connections, build },
      machine,
      clinic,
      endpoints: results.map((r) => ({ ...r, ratio: { requestsPerSecond: ratio(r.ours.requestsPerSecond, r.bare.requestsPerSecond), p50: ratio(r.ours.p50, r.bare.p50), p95: ratio(r.ours.p95, r.bare.p95), p99: ratio(r.ours.p99, r.bare.p99) }, targetMet: metTarget(r) })),
      explain,
      pages,
      spanishPages,
      sharedByAllPages: shared,
      lighthouse,
      targets,
    };
    const outDir = path.resolve(root, options.outDir);
    const latestJson = path.join(outDir, 'latest.json');
    // The run this one replaces, to set the figures beside (before latest.json is overwritten below).
    const previous = previousRunFrom(existsSync(latestJson) ? readFileSync(latestJson, 'utf8') : null);
    const md = [
      `### Bench run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, scale ${options.scale}`,
      '',
      `Clinic: ${clinic.patients} patients, ${clinic.clinicians} clinicians, ${clinic.checkIns.toLocaleString('en')} check-ins, ${clinic.alerts} alerts, ` +
        `${clinic.reviews} weekly and MDT reviews, ${clinic.supports} supports. ` +
        `Machine: ${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}, PostgreSQL ${machine.postgres}; load average at start ${machine.loadAverageAtStart.join(' / ')}. ` +
        `${options.userDuration} s per run of users and ${options.duration} s per back-to-back run, each after a 2 s warm-up; "bare" is a node:http handler with postgres.js running the same SQL; ratio = ours / bare.`,
      '',
      loadTable(results),
      '',
      comparisonSection(previous, results, options.note, machine.loadAverageAtStart),
      '| Target | Measured | Met |',
      '|---|---|---|',
      ...targets.map((t) => `| ${t.name} | ${t.measured} | ${t.met === null ? '–' : t.met ? 'yes' : 'no'} |`),
      '',
      `| Page | First-load JS (gzip), English | Own, above the floor | In Spanish | Scripts |`,
      '|---|--:|--:|--:|--:|',
      ...pages.map((p) => {
        const es = spanishOf(p);
        const budget = BUDGETED_PAGES.includes(p.path) ? ` (budget ${PAGE_BUDGET_KB} KB: ${ownOf(p) <= PAGE_BUDGET_KB * 1024 ? 'met' : 'missed'})` : '';
        return `| ${p.page} (\`${p.path.replace(/[0-9a-f-]{36}/, '[patientId]')}\`) | ${formatKb(p.jsGzipBytes)} | ${formatKb(ownOf(p))}${budget} | ${es ? `${formatKb(es.jsGzipBytes)} (${signedKb(es.jsGzipBytes - p.jsGzipBytes)})` : '–'} | ${p.scripts} |`;
      }),
      `| The floor: loaded by every page above (framework runtime, root layout) | ${formatKb(shared.gzipBytes)} | | | ${shared.files.length} |`,
      '',
      pagesComparison(previous, pages, shared.gzipBytes),
      lighthouseSection(lighthouse),
      '',
      `Query plans: ${explain.map(describeScans).join('. ')}.`,
      '',
    ].join('\n');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(latestJson, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(outDir, 'latest.md'), md);
    console.log(`\n${md}`);
    log(`wrote ${options.outDir}/latest.json and latest.md`);
    log(`wrote ${path.relative(root, writeBenchmarkDoc(outDir))}`);
  } finally {
    stopAll();
    await sql.end({ timeout: 2 });
  }
}

// Interrupted (Ctrl-C, a timeout): stop the servers it started too, or they keep the ports and the database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

main().then(
  () => setTimeout(() => process.exit(0), 500).unref(),
  (error: unknown) => {
    stopAll();
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
