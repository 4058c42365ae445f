// The context of one request, as the HTTP endpoint and server components build it: the process's database,
// the caller's session (checked against it) and the app's origin. Pages reach the database only through here.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb, noteDbFailure } from '~/db';
import { currentSession } from '~/server/auth';
import { appOrigin } from '~/server/origin';
import { createContextFor, isRetryableDbError, serviceUnavailable, type Context } from './trpc';

/** `page`: the page a server component renders (ids taken out), which the read audit records. */
export async function requestContext(requestId: string = randomUUID(), ip?: string, page?: string): Promise<Context> {
  return createContextFor(await getDb(), await currentSession(), { requestId, origin: appOrigin(), ip, page });
}

/**
 * The same for the HTTP endpoint, where the session is checked before any procedure runs: while the database
 * is out of reach, that check must answer "briefly unavailable" (503, retryable), not a server error.
 */
export async function requestContextOrUnavailable(requestId: string = randomUUID(), ip?: string): Promise<Context> {
  try {
    return await requestContext(requestId, ip);
  } catch (error) {
    if (isRetryableDbError(error)) {
      noteDbFailure(error);
      throw serviceUnavailable();
    }
    throw error;
  }
}
