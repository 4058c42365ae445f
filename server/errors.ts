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

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** True for a unique-constraint violation from either driver (Postgres error 23505). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (e.code === '23505') {
      const name = e.constraint_name ?? e.constraint;
      return constraint === undefined || name === constraint;
    }
    current = e.cause;
  }
  return false;
}
