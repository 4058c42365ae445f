// Which tRPC requests are the user's own: each one tells the idle warning (app/_components/idle-warning.tsx),
// and a request the app makes on its own (`context: { background: true }`) carries BACKGROUND_REQUEST_HEADER
// so the server does not count it as activity either.
import type { Operation, TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '~/server/api/root';
import { BACKGROUND_REQUEST_HEADER } from '~/lib/sessions/idle';

type Listener = () => void;
const listeners = new Set<Listener>();

/** Calls `listener` on each request of the user's own; returns the unsubscribe. */
export function onUserRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function isBackground(op: Pick<Operation, 'context'>): boolean {
  return op.context.background === true;
}

/** Headers of a request of these operations: marked as background only when every one of them is. */
export function activityHeaders(ops: Pick<Operation, 'context'>[]): Record<string, string> {
  return ops.length > 0 && ops.every(isBackground) ? { [BACKGROUND_REQUEST_HEADER]: '1' } : {};
}

/** Put before the terminating link: tells the listeners of each operation that is not background. */
export const activityLink: TRPCLink<AppRouter> = () => ({ op, next }) =>
  observable((observer) => {
    // After the current task: a query may start while React renders, and listeners update state.
    if (!isBackground(op)) queueMicrotask(() => listeners.forEach((listener) => listener()));
    return next(op).subscribe(observer);
  });
