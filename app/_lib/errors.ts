// Reads the error shape our tRPC setup sends (message, per-field errors, code) for forms, and tells a send
// that got no answer from the server (no connection, a dropped one, a proxy's page) apart from a refusal.

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

/** The words for a send that got no answer, in the reader's language (useNetworkWords gives them). */
export interface NetworkWords {
  /** The browser knew it was offline, so the request never left: nothing was saved. */
  offline: string;
  /** It may have left: whether it was saved is not known. */
  noAnswer: string;
}

/**
 * No answer from our server: the fetch itself failed (the browser's own "Failed to fetch"), or what came back
 * was not our API's error shape (every error our server sends carries `data` with its code).
 */
export function isNoServerAnswer(error: unknown): boolean {
  if (isTRPCClientError(error)) return error.data === undefined || error.data === null;
  return error instanceof TypeError;
}

export function formErrorFrom(error: unknown, fallback: string, network: NetworkWords): FormError {
  if (isNoServerAnswer(error)) {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return { message: offline ? network.offline : network.noAnswer, fieldErrors: {} };
  }
  if (isTRPCClientError(error)) {
    const data = (error.data ?? {}) as { fieldErrors?: Record<string, string[]>; code?: string };
    return { message: error.message || fallback, fieldErrors: data.fieldErrors ?? {}, code: data.code };
  }
  return { message: fallback, fieldErrors: {} };
}
