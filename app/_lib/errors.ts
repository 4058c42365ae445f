// Reads the error shape our tRPC setup sends (message, per-field errors, code) for forms.

export interface FormError {
  message: string;
  fieldErrors: Record<string, string[]>;
  code?: string;
}

/**
 * An error from the tRPC client, told by its name: importing the class (for instanceof) would bring all of
 * @trpc/client (8 KB) into the first download of pages that fetch the client itself only on demand.
 */
export function isTRPCClientError(error: unknown): error is Error & { data?: unknown } {
  return error instanceof Error && error.name === 'TRPCClientError';
}

export function formErrorFrom(error: unknown, fallback: string): FormError {
  if (isTRPCClientError(error)) {
    const data = (error.data ?? {}) as { fieldErrors?: Record<string, string[]>; code?: string };
    return { message: error.message || fallback, fieldErrors: data.fieldErrors ?? {}, code: data.code };
  }
  return { message: fallback, fieldErrors: {} };
}
