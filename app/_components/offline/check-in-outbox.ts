'use client';
// The one outbox of this tab: check-ins kept on this phone, sent through the plain tRPC client (fetched on demand).
import { serverErrorOf } from '~/app/(patient)/patient/check-in/use-idempotent-send';
import { loadApi } from '~/app/_trpc/lazy';
import { createOutbox, type FailureKind } from './outbox';
import { deletePending, listPending } from './pending-store';

// Worth another try later: a busy or restarting server, and a session that ended (the patient signs in
// again; a different patient signing in wipes the phone's data first). Anything else is a refusal of these answers.
const later = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'TOO_MANY_REQUESTS', 'TIMEOUT', 'CLIENT_CLOSED_REQUEST', 'UNAUTHORIZED']);

export function classifyFailure(error: unknown): { kind: FailureKind; message: string } {
  const data = serverErrorOf(error);
  if (!data) return { kind: 'network', message: '' };
  if (data.code && later.has(data.code)) return { kind: 'later', message: '' };
  return { kind: 'refused', message: (error as Error).message };
}

export const checkInOutbox = createOutbox({
  list: listPending,
  remove: deletePending,
  // A client that cannot be fetched (offline) fails as the send would: the check-in stays kept.
  send: async (input) => (await loadApi()).checkins.submit.mutate(input),
  classify: classifyFailure,
});
