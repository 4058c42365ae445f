// One QueryClient configuration for the browser.
import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30 * 1000, retry: 1, refetchOnWindowFocus: true },
      // Offline, React Query would hold a save in a paused queue with its button saying "Saving…" for as long as
      // the connection is gone, and send it whenever it returns, maybe after the person has left. Sent at once,
      // the save fails at once and the form says in plain words that nothing was saved (formErrorFrom).
      mutations: { networkMode: 'always' },
      dehydrate: { serializeData: superjson.serialize, shouldDehydrateQuery: (q) => defaultShouldDehydrateQuery(q) || q.state.status === 'pending' },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
