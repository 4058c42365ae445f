// Password hashing (argon2id) under a small concurrency limit, and the password policy.
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { renderError, type ErrorKey } from '~/i18n/errors';
import { AppError } from '~/server/errors';

// OWASP's argon2id minimum: 19 MiB memory, 2 iterations, 1 lane. Algorithm 2 is Argon2id.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Each hash takes a core for 20–40 ms and 19 MiB. Without a limit, a flood of sign-ins or invite
 * acceptances hashed all at once starves every other request (500 at once stalled the server for 5.6 s).
 * A few run at a time, always leaving a core to everything else (1 on 2 cores, 3 on 4, at most 4); a short
 * queue waits (32 hashes: under a second on 2 cores); beyond it a hash is refused with 429, so a flood is
 * told to come back and everyone else is still served. The queue holds at least what sign-in's
 * per-address throttle lets one address have checked at once (MAX_FAILURES_PER_IP, 30), so one clinic's
 * parallel sign-ins are queued, not refused.
 */
export const HASHING_LIMITS = { running: Math.max(1, Math.min(4, availableParallelism() - 1)), waiting: 32 } as const;
/** The refusal's key; HASHING_BUSY_MESSAGE is its English wording (logs and tests compare it). */
export const HASHING_BUSY = 'auth.busy' satisfies ErrorKey;
export const HASHING_BUSY_MESSAGE = renderError(HASHING_BUSY, 'en');

let running = 0;
const waiting: (() => void)[] = [];

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running < HASHING_LIMITS.running) running += 1;
  else if (waiting.length < HASHING_LIMITS.waiting) await new Promise<void>((resolve) => waiting.push(resolve));
  else throw new AppError('TOO_MANY_REQUESTS', HASHING_BUSY);
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so nobody overtakes the queue.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** How many hashes run and wait now (tests prove the limit with it). */
export function hashingLoad(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

/** True for the refusal above: the password was not checked at all (neither right nor wrong). */
export function isHashingBusy(error: unknown): boolean {
  return error instanceof AppError && error.code === 'TOO_MANY_REQUESTS' && error.text === HASHING_BUSY;
}

/** Throws AppError TOO_MANY_REQUESTS when too many hashes are already running and waiting. */
export function hashPassword(password: string): Promise<string> {
  return withHashingSlot(() => hash(password, options));
}

/** False for a wrong password or a malformed hash; throws AppError TOO_MANY_REQUESTS like hashPassword. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return withHashingSlot(() => verify(passwordHash, password).catch(() => false));
}

/** A hash to verify against when the account does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  // Made once per process, outside the limit: a refusal cached here would break every later sign-in.
  dummyHash ??= hash('taperline-timing-equaliser', options);
  return dummyHash;
}

export { passwordSchema } from '~/lib/accounts/password';
