'use client';
// The browser's tRPC client and its React Query provider. Mounted by the layouts and pages whose components
// use these hooks (clinician, admin, account, the invite form, the patient's plan, notes and goals), not by
// the root layout, so pages without them (sign-in, the check-in) do not load React Query.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import { MAX_BATCH_CALLS } from '~/server/api/batch-limit';
import type { AppRouter } from '~/server/api/root';
import { activityHeaders, activityLink } from './activity';
import { makeQueryClient } from './query-client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    // The server refuses a batch of more calls than MAX_BATCH_CALLS; the link sends more as several requests.
    createTRPCClient<AppRouter>({
      links: [activityLink, httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: MAX_BATCH_CALLS, headers: ({ opList }) => activityHeaders(opList) })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
