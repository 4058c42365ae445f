// The context of one request, as the HTTP endpoint and server components build it: the process's database,
// the caller's session (checked against it) and the app's origin. Pages reach the database only through here.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { getDb, noteDbFailure } from '~/db';
import { LOCALE_COOKIE, type Locale } from '~/lib/i18n/locales';
import { negotiateLocale } from '~/lib/i18n/negotiate';
import { currentSession } from '~/server/auth';
import { appOrigin } from '~/server/origin';
import { createContextFor, isRetryableDbError, serviceUnavailable, type Context } from './trpc';

/** `page`: the page a server component renders (ids taken out), which the read audit records. */
export async function requestContext(requestId: string = randomUUID(), ip?: string, page?: string): Promise<Context> {
  const [db, session, locale] = await Promise.all([getDb(), currentSession(), deviceLocale()]);
  return createContextFor(db, session, { requestId, origin: appOrigin(), ip, page, locale });
}

/** The language of this device before sign-in (a signed-in person's account decides after: createContextFor). */
async function deviceLocale(): Promise<Locale> {
  const [h, c] = await Promise.all([headers(), cookies()]);
  return negotiateLocale(h.get('accept-language'), c.get(LOCALE_COOKIE)?.value);
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
