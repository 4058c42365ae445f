// Test databases: PGlite in memory (a copy of the migrated template, see pglite-template.ts) by default;
// the shared PostgreSQL database when TEST_DATABASE_URL is set (migrated once by global-setup). Tests
// make their own uniquely named data.
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import superjson, { type SuperJSONResult } from 'superjson';
import { migrationsFolder, openDb, pgliteJobsDb, postgresJobsDb, schema, type Db, type DbHandle } from '~/db';
import { installJobSchema } from '~/db/jobs';
import {
  alerts, auditEvents, careTeamMembers, recordReads, checkInRevisions, checkIns, checkInSubmissions, invites, patientProfiles, signInAttempts,
  stepDecisions, stopGoCriteria, stopGoCriteriaVersions, taperPlanComments, taperPlans, taperPlanVersions, users,
} from '~/db/schema';
import { createUserWithPassword } from '~/server/accounts/service';
import type { Profession } from '~/lib/accounts/profession';
import { appRouter, createCaller } from '~/server/api/root';
import { createContextFor } from '~/server/api/trpc';
import type { SessionState, SessionUser } from '~/server/auth/session';
import { AppError } from '~/server/errors';
import { addCareTeamMember, addPatient } from '~/server/patients/service';
import { localDate } from '~/lib/dates';
import { activatePlan, agreePlan, completePlan, createPlan, pausePlan, proposePlan, stopPlan, type PlanStatus } from '~/server/plans/service';
import type { SubmitCheckInInput } from '~/lib/checkins/inputs';
import type { TaperInput } from '~/lib/taper';
import { openTemplatePglite, templatePgliteClient } from './pglite-template';

export async function openTestDb(): Promise<DbHandle> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? openDb({ url, migrate: false }) : openTemplatePglite();
}

export const TEST_PASSWORD = 'correct horse battery staple';

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.taperline.example`;
}

export async function sessionUser(db: Db, id: string): Promise<SessionUser> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u) throw new Error('no such user');
  return { id: u.id, email: u.email, name: u.name, role: u.role, timeZone: u.timeZone };
}

/**
 * A user of `role`. A clinician is a physician who may prescribe unless `rights` says otherwise, so a
 * test that does not care about prescribing gets the clinician who may do everything, as before.
 */
export async function makeUser(
  db: Db,
  role: 'patient' | 'clinician' | 'admin',
  name = `Test ${role}`,
  rights: { profession?: Profession; mayPrescribe?: boolean } = {},
): Promise<SessionUser> {
  const clinical = role === 'clinician' ? { profession: rights.profession ?? 'physician', mayPrescribe: rights.mayPrescribe ?? true } : {};
  const id = await createUserWithPassword(db, null, { email: uniqueEmail(role), name, role, password: TEST_PASSWORD, ...clinical });
  return sessionUser(db, id);
}

/** A clinician who may not prescribe (a physiotherapist unless `profession` says otherwise). */
export function makeNonPrescriber(db: Db, name = 'Test physiotherapist', profession: Profession = 'physiotherapist'): Promise<SessionUser> {
  return makeUser(db, 'clinician', name, { profession, mayPrescribe: false });
}

/** A patient added by `clinician`, who joins the team as a plan editor with their account's discipline (a prescriber by default). */
export async function makePatient(db: Db, clinician: SessionUser, overrides: { hasIntrathecalPump?: boolean; timeZone?: string } = {}) {
  const created = await addPatient(db, { id: clinician.id, role: clinician.role }, {
    name: 'Test Patient',
    email: uniqueEmail('patient'),
    timeZone: overrides.timeZone ?? 'Europe/London',
    hasIntrathecalPump: overrides.hasIntrathecalPump ?? false,
    conditions: '',
    renalFunction: 'unknown',
  });
  return { ...created, user: await sessionUser(db, created.patientId) };
}

/** A session with no row behind it: what a procedure sees, for tests that need no real sign-in. */
export const TEST_SESSION_ID = '00000000-0000-4000-8000-000000000000';

export function signedIn(user: SessionUser, sessionId: string = TEST_SESSION_ID): SessionState {
  return { status: 'signed-in', user, sessionId };
}

export function callerFor(db: Db, who: SessionUser | 'anonymous' | 'expired') {
  const session: SessionState = who === 'anonymous' ? { status: 'anonymous' } : who === 'expired' ? { status: 'expired' } : signedIn(who);
  return createCaller(createContextFor(db, session, { origin: 'https://portal.test' }));
}

// ---------------------------------------------------------------------------------------------
// More helpers for the integration tests. Everything above keeps its behaviour.

/** Every procedure path of the app router ('patients.get', ...), sorted. */
export function procedurePaths(): string[] {
  return Object.keys(appRouter._def.procedures).sort();
}

function procedureType(path: string): 'query' | 'mutation' | 'subscription' {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } } | undefined>)[path];
  if (!procedure) throw new Error(`no procedure ${path}`);
  return procedure._def.type;
}

type AnyProcedureCall = (input?: unknown) => Promise<unknown>;

/** Calls a procedure by its path through `createCaller`, as `who`. */
export function callPath(db: Db, who: SessionUser | 'anonymous' | 'expired', path: string, input?: unknown): Promise<unknown> {
  // Nested routers ('account.twoStep.status') are walked one name at a time.
  let node: unknown = callerFor(db, who);
  for (const name of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[name];
  if (!procedurePaths().includes(path) || typeof node !== 'function') throw new Error(`no procedure ${path}`);
  return (node as AnyProcedureCall)(input);
}

/** Awaits a rejection and returns it as a TRPCError (fails the test if it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw new Error(`expected a TRPCError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The per-field messages a service attached to its error (AppError), if any. */
export function appFieldErrors(error: TRPCError): Record<string, string[]> | undefined {
  return error.cause instanceof AppError ? error.cause.fieldErrors : undefined;
}

export interface HttpErrorShape {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; path?: string; fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> };
}

/**
 * Calls a procedure through the real HTTP handler (fetch adapter), so the error formatter runs as it
 * does for the browser. Returns the raw body text too, to check what would leave the server.
 */
export async function httpCall(
  db: Db,
  who: SessionUser | 'anonymous' | 'expired',
  path: string,
  input?: unknown,
): Promise<{ status: number; body: string; error?: HttpErrorShape; data?: unknown }> {
  const session: SessionState = who === 'anonymous' ? { status: 'anonymous' } : who === 'expired' ? { status: 'expired' } : signedIn(who);
  const encoded = JSON.stringify(superjson.serialize(input));
  const base = `http://portal.test/api/trpc/${path}`;
  const req =
    procedureType(path) === 'query'
      ? new Request(input === undefined ? base : `${base}?input=${encodeURIComponent(encoded)}`)
      : new Request(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: input === undefined ? undefined : encoded });
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContextFor(db, session, { origin: 'https://portal.test' }),
    onError: () => {},
  });
  const body = await res.text();
  const parsed = JSON.parse(body) as { error?: SuperJSONResult; result?: { data: SuperJSONResult } };
  return {
    status: res.status,
    body,
    error: parsed.error ? superjson.deserialize<HttpErrorShape>(parsed.error) : undefined,
    data: parsed.result ? superjson.deserialize(parsed.result.data) : undefined,
  };
}

/** A patient with a chosen (unique) name and email, added by `clinician` like `makePatient`. */
export async function makeNamedPatient(db: Db, clinician: SessionUser, who: { name: string; email?: string }) {
  const email = who.email ?? uniqueEmail('patient');
  const created = await addPatient(db, { id: clinician.id, role: clinician.role }, {
    name: who.name,
    email,
    timeZone: 'Europe/London',
    hasIntrathecalPump: false,
    conditions: '',
    renalFunction: 'unknown',
  });
  return { ...created, email, user: await sessionUser(db, created.patientId) };
}

/** A name nobody else's data contains, to prove it does not leak. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

/** Puts `clinician` on the patient's care team (through the service, as `by`); their discipline comes from their account. */
export async function addToTeam(db: Db, by: SessionUser, patientId: string, clinician: SessionUser, options: { mayEditPlan?: boolean } = {}) {
  await addCareTeamMember(db, { id: by.id, role: by.role }, {
    patientId,
    clinicianEmail: clinician.email,
    mayEditPlan: options.mayEditPlan ?? false,
  });
}

/** The token at the end of an invite link. */
export function tokenOf(link: string): string {
  const token = new URL(link).pathname.split('/').pop();
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

export const countedTables = {
  users,
  patient_profiles: patientProfiles,
  care_team_members: careTeamMembers,
  invites,
  audit_events: auditEvents,
  sign_in_attempts: signInAttempts,
  taper_plans: taperPlans,
  taper_plan_versions: taperPlanVersions,
  taper_plan_comments: taperPlanComments,
  check_ins: checkIns,
  check_in_revisions: checkInRevisions,
  check_in_submissions: checkInSubmissions,
  alerts,
  stop_go_criteria: stopGoCriteria,
  stop_go_criteria_versions: stopGoCriteriaVersions,
  step_decisions: stepDecisions,
} as const;

/** Row counts of every table, for "a failed mutation changes nothing" checks (exact on an isolated database). */
export async function tableCounts(db: Db): Promise<Record<keyof typeof countedTables, number>> {
  const entries = await Promise.all(
    Object.entries(countedTables).map(async ([name, table]) => {
      const [row] = await db.select({ n: count() }).from(table);
      return [name, row?.n ?? 0] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<keyof typeof countedTables, number>;
}

/** The audit events an actor wrote, oldest first. */
export async function auditBy(db: Db, actorId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.actorId, actorId)).orderBy(asc(auditEvents.id));
}

/** The audit events about a patient, oldest first. */
export async function auditAbout(db: Db, patientId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.patientId, patientId)).orderBy(asc(auditEvents.id));
}

/** How many reads of the patient's record the read audit holds. */
export async function readsOf(db: Db, patientId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(recordReads).where(eq(recordReads.patientId, patientId));
  return row?.n ?? 0;
}

/** The stored account row (password hash, session version, ...). */
export async function userRow(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('no such user');
  return row;
}

/**
 * A database of the test file's own, so whole-table counts are exact: a fresh PGlite in memory, or,
 * with TEST_DATABASE_URL, a new database on that server (migrated; dropped on close). Other test
 * files writing to the shared database at the same time cannot disturb it.
 */
export async function openIsolatedTestDb(): Promise<DbHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openTemplatePglite();
  const { default: postgres } = await import('postgres');
  const name = `${new URL(url).pathname.slice(1) || 'taperline_test'}_iso_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const isolatedUrl = new URL(url);
  isolatedUrl.pathname = `/${name}`;
  const handle = await openDb({ url: isolatedUrl.toString(), migrate: true });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Taper plans.

/**
 * A valid taper: 30 mg/day in three doses of scored 10 mg and 5 mg tablets, 5 mg less every 14 days down
 * to 0, starting on today's date in Europe/London (the test patients' time zone). Steps: 25, 20, 15, 10, 5, 0.
 * The cap on one cut is 50% and the stop is from 5 mg/day, so every cut is within the cap (no prescriber's
 * acceptance is needed to propose or start it), and the 5 mg tablets' halves let a slowed plan cut less.
 */
export function validTaperInput(overrides: Partial<TaperInput> = {}): TaperInput {
  return {
    currentDailyMg: 30,
    doseTimes: ['08:00', '14:00', '22:00'],
    split: { kind: 'even' },
    formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }, { kind: 'tablet', strengthMg: 5, scored: true }],
    strategy: { kind: 'fixed', mgPerStep: 5 },
    stepDays: 14,
    targetDailyMg: 0,
    startDate: localDate('Europe/London', new Date()),
    maxCutPercent: 50,
    stopAtMg: 5,
    ...overrides,
  };
}

export interface PlanRef {
  planId: string;
  version: number;
  status: PlanStatus;
}

/**
 * A plan for `patient`, brought to `status` through the services the way people would: `clinician`
 * (a plan editor) creates, proposes, activates, pauses, completes or stops it; the patient agrees.
 */
export async function makePlan(
  db: Db,
  clinician: SessionUser,
  patient: SessionUser,
  status: PlanStatus,
  options: { input?: Partial<TaperInput>; now?: Date } = {},
): Promise<PlanRef> {
  const now = options.now ?? new Date();
  const created = await createPlan(db, clinician, { patientId: patient.id, input: validTaperInput(options.input), reason: 'First plan' });
  let plan: PlanRef = { planId: created.planId, version: created.version, status: created.status };
  const ref = () => ({ patientId: patient.id, planId: plan.planId, expectedVersion: plan.version });
  const path: Partial<Record<PlanStatus, PlanStatus[]>> = {
    draft: [],
    proposed: ['proposed'],
    agreed: ['proposed', 'agreed'],
    active: ['proposed', 'agreed', 'active'],
    paused: ['proposed', 'agreed', 'active', 'paused'],
    completed: ['proposed', 'agreed', 'active', 'completed'],
    stopped: ['stopped'],
  };
  for (const next of path[status] ?? []) {
    if (next === 'proposed') plan = await proposePlan(db, clinician, { ...ref(), reason: '' }, now);
    if (next === 'agreed') plan = await agreePlan(db, patient, { ...ref(), reason: '' }, now);
    if (next === 'active') plan = await activatePlan(db, clinician, { ...ref(), reason: '' }, now);
    if (next === 'paused') plan = await pausePlan(db, clinician, { ...ref(), reason: 'Holding for now' }, now);
    if (next === 'completed') plan = await completePlan(db, clinician, { ...ref(), reason: 'Done' }, now);
    if (next === 'stopped') plan = await stopPlan(db, clinician, { ...ref(), reason: 'Stopped' }, now);
  }
  if (plan.status !== status) throw new Error(`makePlan reached ${plan.status}, not ${status}`);
  return plan;
}

/** Stops the patient's plan in progress, if there is one, so a new plan can be made. */
export async function stopOpenPlan(db: Db, clinician: SessionUser, patientId: string): Promise<void> {
  const open = await db
    .select({ id: taperPlans.id, version: taperPlans.version })
    .from(taperPlans)
    .where(and(eq(taperPlans.patientId, patientId), inArray(taperPlans.status, ['draft', 'proposed', 'agreed', 'active', 'paused'])));
  for (const plan of open) {
    await stopPlan(db, clinician, { patientId, planId: plan.id, expectedVersion: plan.version, reason: 'Making way for a new plan' });
  }
}

/** The stored plan row. */
export async function planRow(db: Db, planId: string) {
  const [row] = await db.select().from(taperPlans).where(eq(taperPlans.id, planId));
  if (!row) throw new Error('no such plan');
  return row;
}

/** Every stored version of a plan, oldest first. */
export async function planVersions(db: Db, planId: string) {
  return db.select().from(taperPlanVersions).where(eq(taperPlanVersions.planId, planId)).orderBy(asc(taperPlanVersions.version));
}

/** How many plan, version and comment rows a patient has: "nothing was stored" checks that other tests cannot disturb. */
export async function planRowCounts(db: Db, patientId: string) {
  const [plans, versions, comments] = await Promise.all(
    [taperPlans, taperPlanVersions, taperPlanComments].map(async (table) => {
      const [row] = await db.select({ n: count() }).from(table).where(eq(table.patientId, patientId));
      return row?.n ?? 0;
    }),
  );
  return { plans, versions, comments };
}

// ---------------------------------------------------------------------------------------------
// Check-ins, alerts, criteria and decisions.

/** A complete, valid check-in (every field the service expects, as zod would output it) for `localDate`. */
export function checkInInput(
  patientId: string,
  localDate: string,
  over: Partial<Omit<SubmitCheckInInput, 'scores'>> & { scores?: Partial<SubmitCheckInInput['scores']> } = {},
): SubmitCheckInInput {
  const { scores, ...rest } = over;
  return {
    patientId,
    idempotencyKey: randomUUID(),
    localDate,
    doses: [],
    scores: {
      spasticity: 3, spasmFrequency: 1, sleepQuality: 7, restlessness: 2, anxiety: 2, mood: 7, pain: 2, headache: 0, nausea: 0, strengthMobility: 6,
      ...scores,
    },
    sleepHours: 7.5,
    redFlags: [],
    stressors: '',
    activity: '',
    systolic: null,
    diastolic: null,
    heartRate: null,
    phq2: null,
    gad2: null,
    notes: '',
    ...rest,
  };
}

/** How many rows of each check-in, alert, criteria and decision table a patient has: "nothing stored" checks. */
export async function patientRowCounts(db: Db, patientId: string) {
  const tables = {
    checkIns, checkInRevisions, checkInSubmissions, alerts, stopGoCriteria, stopGoCriteriaVersions, stepDecisions,
  } as const;
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => {
      const [row] = await db.select({ n: count() }).from(table).where(eq(table.patientId, patientId));
      return [name, row?.n ?? 0] as const;
    }),
  );
  const [acknowledged] = await db
    .select({ n: count(alerts.acknowledgedAt) })
    .from(alerts)
    .where(eq(alerts.patientId, patientId));
  return { ...(Object.fromEntries(entries) as Record<keyof typeof tables, number>), acknowledgedAlerts: acknowledged?.n ?? 0 };
}

/** A test database whose every SQL statement is counted (through drizzle's logger), for "a fixed few queries" checks. */
export interface CountingDbHandle extends DbHandle {
  queries: () => number;
  reset: () => void;
}

/**
 * Like `openIsolatedTestDb` for PostgreSQL (a database of the file's own) or a fresh PGlite (a copy of the template), but every
 * statement sent through drizzle is counted. The database stays real: nothing is mocked.
 */
export async function openCountingTestDb(): Promise<CountingDbHandle> {
  let n = 0;
  const logger = { logQuery: () => void n++ };
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const name = `${new URL(url).pathname.slice(1) || 'taperline_test'}_count_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}"`);
    } finally {
      await admin.end();
    }
    const countingUrl = new URL(url);
    countingUrl.pathname = `/${name}`;
    const client = postgres(countingUrl.toString(), { max: 10, onnotice: () => {} });
    await migrate(drizzle(client, { schema }), { migrationsFolder });
    // pg-boss installs its schema in one transaction of simple statements: postgres.js allows that only on one connection.
    const installer = postgres(countingUrl.toString(), { max: 1, onnotice: () => {} });
    try {
      await installJobSchema(postgresJobsDb(() => installer));
    } finally {
      await installer.end();
    }
    const db = drizzle(client, { schema, logger }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      jobsDb: postgresJobsDb(() => client),
      queries: () => n,
      reset: () => void (n = 0),
      close: async () => {
        await client.end({ timeout: 5 });
        const dropper = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await dropper.unsafe(`drop database if exists "${name}" with (force)`);
        } finally {
          await dropper.end();
        }
      },
    };
  }
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await templatePgliteClient();
  const db = drizzle(client, { schema, logger }) as unknown as Db;
  return { db, kind: 'pglite', jobsDb: pgliteJobsDb(client), queries: () => n, reset: () => void (n = 0), close: () => client.close() };
}
