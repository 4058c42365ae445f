// The tRPC HTTP endpoint. Every procedure checks the session and access for itself.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '~/server/api/root';
import { requestContextOrUnavailable } from '~/server/api/context';
import { bodyTooLarge, edgeLocale, MAX_BATCH_CALLS, MAX_TRPC_BODY_BYTES, readBodyWithin, trpcRefusal, trpcRefusalResponse, withBody } from '~/server/api/edge';
import { clientAddress } from '~/server/auth/ip';
import { env } from '~/server/env';

export const dynamic = 'force-dynamic';

const endpoint = '/api/trpc';

async function handler(incoming: Request) {
  // The edge (server/api/edge.ts): refused from the headers and URL alone, then the body counted as it is
  // read, all before tRPC parses anything, the session is looked up or a password is hashed.
  const refusal = trpcRefusal(incoming, endpoint, env.APP_URL);
  if (refusal) return trpcRefusalResponse(refusal, edgeLocale(incoming.headers));
  let req = incoming;
  // A body that declares its length is bounded by it (Node's HTTP parser delivers no more, and trpcRefusal
  // refused a declaration over the limit): tRPC reads it as it comes. Only a chunked body is counted here,
  // which costs a second Request to hand tRPC the bytes already read.
  if (incoming.method === 'POST' && incoming.headers.get('content-length') === null) {
    const body = await readBodyWithin(incoming, MAX_TRPC_BODY_BYTES);
    if (!body) return trpcRefusalResponse(bodyTooLarge(MAX_TRPC_BODY_BYTES), edgeLocale(incoming.headers));
    req = withBody(incoming, body);
  }
  return fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    // Also refused above; this keeps tRPC itself from ever running a bigger batch.
    maxBatchSize: MAX_BATCH_CALLS,
    // The session is checked against the database before any procedure runs: a database out of reach is a 503.
    createContext: ({ req: request }) => requestContextOrUnavailable(undefined, clientAddress(request.headers)),
    // The proxy does not run here (proxy.ts): this sets what it would, no caching and the request id.
    responseMeta: ({ ctx }) => ({
      headers: new Headers({ 'Cache-Control': 'private, no-store, max-age=0', ...(ctx ? { 'X-Request-Id': ctx.requestId } : {}) }),
    }),
    // Errors are already logged without inputs by the error-mapping middleware.
    onError: () => {},
  });
}

export { handler as GET, handler as POST };
