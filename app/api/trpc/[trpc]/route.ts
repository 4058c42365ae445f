// The tRPC HTTP endpoint. Every procedure checks the session and access for itself.
import { randomUUID } from 'node:crypto';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getDb, noteDbFailure } from '~/db';
import { appRouter } from '~/server/api/root';
import { createContextFor, isRetryableDbError, serviceUnavailable } from '~/server/api/trpc';
import { currentSession } from '~/server/auth';
import { appOrigin } from '~/server/origin';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => {
      // The session is checked against the database before any procedure runs: while the database is
      // out of reach, that check must answer "briefly unavailable" (503, retryable), not a server error.
      try {
        return createContextFor(await getDb(), await currentSession(), {
          requestId: randomUUID(),
          origin: appOrigin(),
        });
      } catch (error) {
        if (isRetryableDbError(error)) {
          noteDbFailure(error);
          throw serviceUnavailable();
        }
        throw error;
      }
    },
    // The proxy does not run here (proxy.ts): this sets what it would, no caching and the request id.
    responseMeta: ({ ctx }) => ({
      headers: new Headers({ 'Cache-Control': 'private, no-store, max-age=0', ...(ctx ? { 'X-Request-Id': ctx.requestId } : {}) }),
    }),
    // Errors are already logged without inputs by the error-mapping middleware.
    onError: () => {},
  });
}

export { handler as GET, handler as POST };
