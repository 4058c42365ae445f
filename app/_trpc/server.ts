// The tRPC caller for server components: the same procedures and access checks as the HTTP API.
import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getDb } from '~/db';
import { createCaller } from '~/server/api/root';
import { createContextFor } from '~/server/api/trpc';
import { currentSession } from '~/server/auth';
import { appOrigin } from '~/server/origin';

export const serverApi = cache(async () => {
  const h = await headers();
  return createCaller(
    createContextFor(await getDb(), await currentSession(), {
      requestId: h.get('x-request-id') ?? undefined,
      origin: appOrigin(),
    }),
  );
});
