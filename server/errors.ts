// The one error type services throw; the tRPC setup maps its codes to HTTP-level errors in one place.
import { renderError, type ErrorText } from '~/i18n/errors';

export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE';

/** A message as services write it: a key of the server's catalogue (i18n/errors.ts), with its values. */
export type AppErrorText = ErrorText | (string & { readonly untranslated?: never });

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** The message as a key and values, written in each reader's language where it leaves the server. */
  readonly text: AppErrorText;
  /** Per-field messages for forms, keyed by input field name, as keys and values. */
  readonly fieldTexts?: Record<string, AppErrorText[]>;
  /** Structured facts the client can act on (e.g. the version that won a conflict). */
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, message: AppErrorText, fieldErrors?: Record<string, AppErrorText[]>, details?: Record<string, unknown>) {
    // In English for logs and tests; people read it in their own language (localized).
    super(renderError(message, 'en'));
    this.name = 'AppError';
    this.code = code;
    this.text = message;
    this.fieldTexts = fieldErrors;
    this.details = details;
  }

  /** The per-field messages in English. */
  get fieldErrors(): Record<string, string[]> | undefined {
    return this.localized('en').fieldErrors;
  }

  /** The message and field messages in a reader's language. */
  localized(locale: string | null | undefined): { message: string; fieldErrors?: Record<string, string[]> } {
    const fields = this.fieldTexts;
    return {
      message: renderError(this.text, locale),
      ...(fields ? { fieldErrors: Object.fromEntries(Object.entries(fields).map(([k, list]) => [k, list.map((t) => renderError(t, locale))])) } : {}),
    };
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
export function requireRow<T>(row: T | undefined, message: AppErrorText = 'common.notFound'): T {
  if (row === undefined) throw new AppError('NOT_FOUND', message);
  return row;
}
