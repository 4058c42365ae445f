// The tRPC caller for server components: the same procedures and access checks as the HTTP API.
import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { requestContext } from '~/server/api/context';
import { createCaller } from '~/server/api/root';
import { pageRoute } from '~/lib/read-audit/what';

export const serverApi = cache(async () => {
  const h = await headers();
  const page = h.get('x-page-path');
  return createCaller(await requestContext(h.get('x-request-id') ?? undefined, undefined, page ? pageRoute(page) : undefined));
});
