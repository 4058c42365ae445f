// With the database out of reach (nothing listens on its port), every request is answered at once with the
// retryable 503, even many more at a time than the pool has connections: nothing hangs, nothing is a 500.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '~/db';
import { httpCall, makePatient, makeUser, openIsolatedTestDb } from '~/server/test/db';
import type { SessionUser } from '~/server/auth/session';
import { recordFigures } from './figures';

const UNAVAILABLE = 'The service is briefly unavailable. Nothing was saved. Please try again in a moment.';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let down: DbHandle;
let up: DbHandle;
let doc: SessionUser;
let patientId: string;

beforeAll(async () => {
  up = await openIsolatedTestDb();
  doc = await makeUser(up.db, 'clinician');
  patientId = (await makePatient(up.db, doc)).patientId;
  down = await openDb({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/taperline` });
});
afterAll(async () => {
  await down?.close();
  await up?.close();
});

describe('a database out of reach', () => {
  it('answers 100 parallel requests (ten times the pool) with the retryable 503, promptly', async () => {
    const started = performance.now();
    const calls = Array.from({ length: 100 }, (_, i) =>
      i % 2 ? httpCall(down.db, doc, 'patients.get', { patientId }) : httpCall(down.db, doc, 'plans.comment', { patientId, planId: patientId, version: 1, body: 'Hello' }),
    );
    const responses = await Promise.all(calls);
    const ms = Math.round(performance.now() - started);
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([503]));
    expect(new Set(responses.map((r) => r.error?.message))).toEqual(new Set([UNAVAILABLE]));
    expect(new Set(responses.map((r) => r.error?.data.code))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    // postgres.js's own backoff grows to 20 s between attempts: queued requests would wait for it.
    expect(ms).toBeLessThan(8_000);
    recordFigures('unavailable', { parallelRequests: 100, allAnswered503InMs: ms });
  });

  it('still answers promptly after many failed attempts (the backoff stays short)', async () => {
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      const res = await httpCall(down.db, doc, 'patients.get', { patientId });
      expect(res.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(3_000);
    }
  });

  it('can replace its connection pool (what a timed-out connection attempt triggers), at most every 5 s', () => {
    const before = down.db;
    down.renew?.();
    const renewed = down.db;
    expect(renewed).not.toBe(before);
    down.renew?.();
    expect(down.db).toBe(renewed);
  });
});
