// One QueryClient configuration for the browser.
import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30 * 1000, retry: 1, refetchOnWindowFocus: true },
      dehydrate: { serializeData: superjson.serialize, shouldDehydrateQuery: (q) => defaultShouldDehydrateQuery(q) || q.state.status === 'pending' },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
