// The tRPC caller for server components: the same procedures and access checks as the HTTP API.
import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { requestContext } from '~/server/api/context';
import { createCaller } from '~/server/api/root';

export const serverApi = cache(async () => {
  const h = await headers();
  return createCaller(await requestContext(h.get('x-request-id') ?? undefined));
});
