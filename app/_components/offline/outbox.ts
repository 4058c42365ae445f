// Sends the check-ins kept on this phone, oldest first, each under the idempotency key it was made with, so
// a resend (a second tab, a reply lost on the way back) never makes a second check-in: the server answers a
// known key with its first result. What the screens show follows one shared state.
import type { CheckInResult, SubmitInput } from '~/app/(patient)/patient/check-in/types';
import type { PendingCheckIn } from './pending-store';

/** How a failed send is taken: no answer (still offline), try later (the server is busy or the session ended), or refused for good. */
export type FailureKind = 'network' | 'later' | 'refused';

export interface OutboxDeps {
  list: () => Promise<PendingCheckIn[]>;
  remove: (idempotencyKey: string) => Promise<unknown>;
  send: (input: SubmitInput) => Promise<CheckInResult>;
  classify: (error: unknown) => { kind: FailureKind; message: string };
}

export type FlushOutcome =
  | { kind: 'sent'; input: SubmitInput; result: CheckInResult }
  | { kind: 'refused'; input: SubmitInput; message: string }
  | { kind: 'kept'; input: SubmitInput; reason: 'network' | 'later' };

/**
 * One pass over the kept check-ins. A sent one is deleted at once; a refused one too (its answers can never
 * be saved as they are, and keeping them would keep health data for nothing: the screen says so instead);
 * the first that gets no answer, or a "later", stops the pass and it and the rest stay for the next one.
 */
export async function flushPending(deps: OutboxDeps): Promise<FlushOutcome[]> {
  const outcomes: FlushOutcome[] = [];
  const items = await deps.list();
  for (const [i, item] of items.entries()) {
    try {
      const result = await deps.send(item.input);
      await deps.remove(item.input.idempotencyKey);
      outcomes.push({ kind: 'sent', input: item.input, result });
    } catch (error) {
      const { kind, message } = deps.classify(error);
      if (kind === 'refused') {
        await deps.remove(item.input.idempotencyKey);
        outcomes.push({ kind: 'refused', input: item.input, message });
        continue;
      }
      for (const rest of items.slice(i)) outcomes.push({ kind: 'kept', input: rest.input, reason: kind });
      break;
    }
  }
  return outcomes;
}

/** What the screens show: the check-ins still on the phone, whether a pass is running, and what the last passes did. */
export interface OutboxState {
  pending: PendingCheckIn[];
  sending: boolean;
  sent: { input: SubmitInput; result: CheckInResult }[];
  refused: { input: SubmitInput; message: string }[];
  /** The last pass ended on "no answer" or "later": the kept ones wait for the connection or the next page. */
  waiting: 'network' | 'later' | null;
}

export interface Outbox {
  getState: () => OutboxState;
  subscribe: (listener: () => void) => () => void;
  /** Reads the phone's list again (after saving one, or on a page's first render). */
  reload: () => Promise<void>;
  /** Sends what is kept; a call while a pass runs waits for that pass instead of sending twice. */
  flush: () => Promise<FlushOutcome[]>;
  /** Forgets what the screens were told (after sign-out, or once a result has been shown). */
  reset: () => void;
}

const empty: OutboxState = { pending: [], sending: false, sent: [], refused: [], waiting: null };

export function createOutbox(deps: OutboxDeps): Outbox {
  let state = empty;
  const listeners = new Set<() => void>();
  let running: Promise<FlushOutcome[]> | null = null;
  const set = (change: Partial<OutboxState>) => {
    state = { ...state, ...change };
    for (const listener of listeners) listener();
  };

  async function reload() {
    set({ pending: await deps.list() });
  }

  function flush(): Promise<FlushOutcome[]> {
    running ??= (async () => {
      set({ sending: true });
      try {
        const outcomes = await flushPending(deps);
        const waiting = outcomes.find((o) => o.kind === 'kept');
        set({
          pending: await deps.list(),
          sent: [...state.sent, ...outcomes.flatMap((o) => (o.kind === 'sent' ? [{ input: o.input, result: o.result }] : []))],
          refused: [...state.refused, ...outcomes.flatMap((o) => (o.kind === 'refused' ? [{ input: o.input, message: o.message }] : []))],
          waiting: waiting?.kind === 'kept' ? waiting.reason : null,
        });
        return outcomes;
      } catch {
        // Storage itself failed (a private window that refuses IndexedDB): nothing was sent or deleted.
        set({ waiting: 'later' });
        return [];
      } finally {
        set({ sending: false });
        running = null;
      }
    })();
    return running;
  }

  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload,
    flush,
    reset: () => set({ ...empty, pending: state.pending }),
  };
}
