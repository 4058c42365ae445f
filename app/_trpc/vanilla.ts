// The browser's plain tRPC client, for components that only send a mutation: no React Query, so the pages
// they are on (the check-in above all, opened on phones) load about 20 KB less JavaScript.
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '~/server/api/root';
import { activityHeaders, activityLink } from './activity';

// One request per call, not batched: these components send one mutation at a time, and the batch link
// would only add its code. Creating the client sends nothing, so this module is safe to load on the server.
export const vanillaApi = createTRPCClient<AppRouter>({
  links: [activityLink, httpLink({ url: '/api/trpc', transformer: superjson, headers: ({ op }) => activityHeaders([op]) })],
});
