// Bad input, fuzzed: every mutation of the router, given broken versions of a valid input (fast-check),
// by its rightful caller through createCaller and over HTTP: never a 500, and a refused call writes nothing.
import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import type { Db, DbHandle } from '~/db';
import { appRouter } from '~/server/api/root';
import { createContextFor } from '~/server/api/trpc';
import type { SessionUser } from '~/server/auth/session';
import { callPath, makeUser, openIsolatedTestDb, procedurePaths, signedIn } from '~/server/test/db';
import { buildWorld, inputOf, NO_PLAN, placeholderWorld, procedureTable, type Scope, type World } from '~/server/test/procedure-table';
import { everyTableCount, recordFigures } from './figures';

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const mutations = procedurePaths().filter((p) => procedures[p]?._def.type === 'mutation');
const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 25);
// A fixed seed by default, so CI is repeatable and a find can be replayed; RELIABILITY_FUZZ_SEED=random explores new ground.
const SEED_SETTING = process.env.RELIABILITY_FUZZ_SEED ?? '20261124';
const SEED = SEED_SETTING === 'random' ? undefined : Number(SEED_SETTING);

type Path = (string | number)[];
type Break =
  | { kind: 'replace'; path: Path; value: unknown }
  | { kind: 'remove'; path: Path }
  | { kind: 'extra'; path: Path; key: string; value: unknown }
  | { kind: 'wrap-in-array'; path: Path };

/** Every node of a value (the root too) with its path, and which of them are objects. */
function nodesOf(value: unknown, at: Path = []): { path: Path; isObject: boolean }[] {
  const here = { path: at, isObject: typeof value === 'object' && value !== null && !Array.isArray(value) };
  if (Array.isArray(value)) return [here, ...value.flatMap((v, i) => nodesOf(v, [...at, i]))];
  if (here.isObject) return [here, ...Object.entries(value as object).flatMap(([k, v]) => nodesOf(v, [...at, k]))];
  return [here];
}

const HUGE = 100_000;
/** Values no field expects where they are put: wrong types, extremes, text no database column should take as it is. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, undefined, true, false, 0, -0, -1, 0.5, -1e308, 1e308, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE,
    NaN, Infinity, -Infinity, 10n ** 30n, new Date(8.64e15), '', ' ', '   \t\n', [], {}, [[]], { '': null },
    'x'.repeat(HUGE), '9'.repeat(HUGE), '\u{1F469}\u200D\u2695\uFE0F'.repeat(HUGE / 5), '\u0000', 'a\u0000b', '\uD800', 'a\uDFFFb', '\u202Eevil\u202C',
    '\uFEFF', 'e\u0301', '\u{1F48A}\u{1F48A}', '\u0645\u0631\u062D\u0628\u0627', "'; drop table users; --", '<script>alert(1)</script>', '../../etc/passwd',
    '00000000-0000-0000-0000-000000000000', '2026-02-30', '25:61', '-1', '1e309', 'NaN', 'null', 'true',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double(),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string()), { maxKeys: 3 }),
);
const extraKey = fc.oneof(fc.constantFrom('grantAdmin', 'role', 'id', 'version', '__proto__', 'constructor', 'toString', ''), fc.string({ maxLength: 12 }));

function breakOf(valid: unknown): fc.Arbitrary<Break> {
  const nodes = nodesOf(valid);
  const paths = nodes.map((n) => n.path);
  const inner = paths.filter((p) => p.length > 0);
  const objects = nodes.filter((n) => n.isObject).map((n) => n.path);
  const kinds: fc.Arbitrary<Break>[] = [
    fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...paths), value: badValue }),
    fc.record({ kind: fc.constant('wrap-in-array' as const), path: fc.constantFrom(...paths) }),
  ];
  if (inner.length) kinds.push(fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...inner) }));
  if (objects.length) kinds.push(fc.record({ kind: fc.constant('extra' as const), path: fc.constantFrom(...objects), key: extraKey, value: badValue }));
  return fc.oneof(...kinds);
}

/** The valid input with one thing broken (a deep copy: the valid input is left as it was). */
function applyBreak(valid: unknown, brk: Break): unknown {
  const root = { value: structuredClone(valid) } as Record<string | number, unknown>;
  const path: Path = ['value', ...brk.path];
  const key = path[path.length - 1] as string | number;
  let parent: Record<string | number, unknown> = root;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  if (brk.kind === 'replace') parent[key] = brk.value;
  else if (brk.kind === 'wrap-in-array') parent[key] = [parent[key]];
  else if (brk.kind === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    // defineProperty: '__proto__' must become an own key, as JSON.parse makes it, not a prototype change.
    Object.defineProperty(parent[key], brk.key, { value: brk.value, enumerable: true, writable: true, configurable: true });
  }
  return root.value;
}

function describeBreak(brk: Break): string {
  const where = brk.path.join('.') || '(the whole input)';
  const value = 'value' in brk ? (typeof brk.value === 'string' && brk.value.length > 40 ? `${brk.value.length}-char string` : fc.stringify(brk.value)) : '';
  return `${brk.kind} ${where}${brk.kind === 'extra' ? ` +${brk.key}` : ''} ${value}`.trim();
}

/**
 * A mutation over the real HTTP handler, as a client could send it: superjson on the wire, or plain JSON
 * where superjson itself refuses to serialize (keys such as '__proto__', which a hostile client can still send).
 */
async function httpMutation(db: Db, who: SessionUser | 'anonymous', path: string, input: unknown) {
  let body: string;
  try {
    body = JSON.stringify(superjson.serialize(input));
  } catch {
    // Plain JSON has no big integers: a hostile client would send them as text.
    body = JSON.stringify({ json: input }, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  }
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://portal.test/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
    router: appRouter,
    createContext: () => createContextFor(db, who === 'anonymous' ? { status: 'anonymous' } : signedIn(who), { origin: 'https://portal.test' }),
    onError: () => {},
  });
  const text = await res.text();
  const parsed = JSON.parse(text) as { error?: { json?: { message?: string; data?: { code?: string } } } };
  return { status: res.status, body: text, message: parsed.error?.json?.message, code: parsed.error?.json?.data?.code };
}

/** Values put into every leaf of every mutation's input, one at a time (besides the random search). */
const TEXT_TRAPS = ['a\u0000b', 'x\uD800y', '\u202Eevil', 'x'.repeat(HUGE)];
const NUMBER_TRAPS = [-1, 2 ** 31, 1e308, NaN, Infinity, 0.5];

let h: DbHandle;
const tally = { mutations: 0, calls: 0, refused: 0, accepted: 0, byCode: {} as Record<string, number>, everyLeafCalls: 0 };

beforeAll(async () => {
  h = await openIsolatedTestDb();
});
afterAll(async () => {
  recordFigures('fuzz', { database: h.kind, runsPerMutation: RUNS, seed: SEED ?? 'random', ...tally });
  await h.close();
});

function rightfulCaller(w: World, authed: SessionUser, scope: Scope): SessionUser | 'anonymous' {
  const callers: Record<Scope, SessionUser | 'anonymous'> = {
    public: 'anonymous', authed, clinician: w.owner, admin: w.admin, 'patient-or-care-team': w.member, 'plan-editor': w.owner, 'patient-prescribe': w.owner,
    'patient-self': w.victim, 'care-team': w.member, 'mdt-attendee': w.owner, 'mdt-item': w.owner,
  };
  return callers[scope];
}

/** Every table's row count, less the tables the entry's refused calls write to on purpose (failed checks, recorded). */
async function countsFor(entry: { recordsRefusals?: string[] }): Promise<Record<string, number>> {
  const counts = await everyTableCount(h.db);
  for (const table of entry.recordsRefusals ?? []) delete counts[table];
  return counts;
}

describe('fuzzed input to every mutation', () => {
  it('finds the mutations in the router, and each in the procedure table', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(30);
    const placeholderTable = procedureTable(placeholderWorld());
    for (const path of mutations) expect(placeholderTable[path], path).toBeDefined();
  });

  it.each(mutations)('%s: never a 500, and a refused call writes no row and no audit event', async (path) => {
    // A world of its own: an accepted (still valid) broken input cannot spoil another mutation's runs.
    const w = await buildWorld(h.db);
    const authed = await makeUser(h.db, 'clinician');
    const entry = procedureTable(w)[path];
    if (!entry) throw new Error(`no table entry for ${path}`);
    const who = entry.caller?.(w) ?? rightfulCaller(w, authed, entry.scope);
    const shape = entry.input(NO_PLAN);
    tally.mutations += 1;

    // A refused call changes nothing (that is what is checked), so the valid input stays valid until a call is accepted.
    let valid: unknown;
    const validInput = async () => (valid ??= await inputOf(h.db, w, entry));

    await fc.assert(
      fc.asyncProperty(breakOf(shape), async (brk) => {
        const input = applyBreak(await validInput(), brk);
        const label = `${path} with ${describeBreak(brk)}`;

        const before = await countsFor(entry);
        let error: unknown;
        try {
          await callPath(h.db, who, path, input);
        } catch (caught) {
          error = caught;
        }
        tally.calls += 1;
        if (error) {
          expect(error, label).toBeInstanceOf(TRPCError);
          const code = (error as TRPCError).code;
          tally.byCode[code] = (tally.byCode[code] ?? 0) + 1;
          tally.refused += 1;
          expect(code, `${label}: ${(error as TRPCError).message}`).not.toBe('INTERNAL_SERVER_ERROR');
          expect(await countsFor(entry), label).toEqual(before);
        } else {
          tally.accepted += 1;
          valid = undefined;
        }

        // The same broken input through the HTTP handler (superjson on the wire, the error formatter).
        const httpInput = applyBreak(await validInput(), brk);
        const beforeHttp = await countsFor(entry);
        const res = await httpMutation(h.db, who, path, httpInput);
        tally.calls += 1;
        expect(res.status, `${label} over HTTP: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.status !== 200) {
          tally.refused += 1;
          const code = res.code ?? String(res.status);
          tally.byCode[code] = (tally.byCode[code] ?? 0) + 1;
          expect(res.message, label).toBeTruthy();
          expect(await countsFor(entry), `${label} over HTTP`).toEqual(beforeHttp);
        } else {
          tally.accepted += 1;
          valid = undefined;
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  it.each(mutations)('%s: every text leaf given NUL, a lone surrogate, RTL override or 100k chars, every number leaf extremes: never a 500, no write on refusal', async (path) => {
    const w = await buildWorld(h.db);
    const authed = await makeUser(h.db, 'clinician');
    const entry = procedureTable(w)[path];
    if (!entry) throw new Error(`no table entry for ${path}`);
    const who = entry.caller?.(w) ?? rightfulCaller(w, authed, entry.scope);
    let valid: unknown;
    const leaves = nodesOf(entry.input(NO_PLAN)).filter((n) => n.path.length > 0 && !n.isObject);
    for (const leaf of leaves) {
      valid ??= await inputOf(h.db, w, entry);
      let current: unknown = valid;
      for (const step of leaf.path) current = (current as Record<string | number, unknown>)[step];
      const traps = typeof current === 'string' ? TEXT_TRAPS : typeof current === 'number' ? NUMBER_TRAPS : [];
      for (const value of traps) {
        valid ??= await inputOf(h.db, w, entry);
        const brk: Break = { kind: 'replace', path: leaf.path, value };
        const label = `${path} with ${describeBreak(brk)}`;
        const before = await countsFor(entry);
        const error = await callPath(h.db, who, path, applyBreak(valid, brk)).then(() => undefined, (e: unknown) => e);
        tally.everyLeafCalls += 1;
        if (error) {
          expect(error, label).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code, `${label}: ${(error as TRPCError).message}`).not.toBe('INTERNAL_SERVER_ERROR');
          expect(await countsFor(entry), label).toEqual(before);
        } else valid = undefined;
      }
    }
  });
});
