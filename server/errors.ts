// The one error type services throw; the tRPC setup maps its codes to HTTP-level errors in one place.
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Per-field messages for forms, keyed by input field name. */
  readonly fieldErrors?: Record<string, string[]>;
  /** Structured facts the client can act on (e.g. the version that won a conflict). */
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, fieldErrors?: Record<string, string[]>, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.details = details;
  }
}

/**
 * The error and the causes it wraps, outermost first (a few levels: drivers and drizzle wrap once or twice).
 * Every question about a driver's error code asks it of this chain.
 */
export function* causeChain(error: unknown, maxDepth = 5): Generator<{ code?: unknown; constraint_name?: unknown; constraint?: unknown }> {
  let current: unknown = error;
  for (let depth = 0; current && depth < maxDepth; depth++) {
    if (typeof current !== 'object' && typeof current !== 'function') return;
    yield current as { code?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
}

/** The first driver error code in the chain that `matches`, if any. */
export function findErrorCode(error: unknown, matches: (code: string) => boolean): string | undefined {
  for (const e of causeChain(error)) if (typeof e.code === 'string' && matches(e.code)) return e.code;
  return undefined;
}

/** True for a unique-constraint violation from either driver (Postgres error 23505). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (const e of causeChain(error)) {
    if (e.code === '23505') {
      const name = e.constraint_name ?? e.constraint;
      return constraint === undefined || name === constraint;
    }
  }
  return false;
}

/** The one row a statement must have found (or written): its absence is NOT_FOUND, never an empty id. */
export function requireRow<T>(row: T | undefined, message = 'This record was not found.'): T {
  if (row === undefined) throw new AppError('NOT_FOUND', message);
  return row;
}
