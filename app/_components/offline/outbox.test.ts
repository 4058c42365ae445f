// The outbox's rules, on an in-memory phone and a stand-in server that dedupes by key as the real one does.
import { describe, expect, it } from 'vitest';
import type { CheckInResult, SubmitInput } from '~/app/(patient)/patient/check-in/types';
import { createOutbox, flushPending, type FailureKind, type OutboxDeps } from './outbox';
import type { PendingCheckIn } from './pending-store';

const input = (key: string, localDate = '2026-03-02'): SubmitInput => ({ patientId: 'p1', idempotencyKey: key, localDate, doses: [], redFlags: [] });
const result = (id: string): CheckInResult => ({ checkInId: id, localDate: '2026-03-02', revision: 1, redFlags: [], urgent: false, alertsRaised: 0, replayed: false });

class NetworkDown extends Error {}
class Refused extends Error {}
class Busy extends Error {}

function phone(items: PendingCheckIn[]) {
  const kept = new Map(items.map((i) => [i.input.idempotencyKey, i]));
  // The server: one check-in per key, whatever the number of sends.
  const saved = new Map<string, CheckInResult>();
  const sends: string[] = [];
  let failWith: ((key: string) => Error | null) = () => null;
  const deps: OutboxDeps = {
    list: async () => [...kept.values()].sort((a, b) => a.savedAt - b.savedAt),
    remove: async (key) => kept.delete(key),
    send: async (i) => {
      sends.push(i.idempotencyKey);
      const error = failWith(i.idempotencyKey);
      if (error) throw error;
      const first = saved.get(i.idempotencyKey) ?? result(`c-${saved.size + 1}`);
      saved.set(i.idempotencyKey, first);
      return first;
    },
    classify: (error): { kind: FailureKind; message: string } =>
      error instanceof NetworkDown ? { kind: 'network', message: '' } : error instanceof Busy ? { kind: 'later', message: '' } : { kind: 'refused', message: (error as Error).message },
  };
  return { kept, saved, sends, deps, fail: (f: (key: string) => Error | null) => (failWith = f) };
}

describe('flushPending', () => {
  it('sends the oldest first, each under its own key, and deletes each once the server has it', async () => {
    const p = phone([{ input: input('b'), savedAt: 2 }, { input: input('a'), savedAt: 1 }]);
    const outcomes = await flushPending(p.deps);
    expect(p.sends).toEqual(['a', 'b']);
    expect(outcomes.map((o) => o.kind)).toEqual(['sent', 'sent']);
    expect(p.kept.size).toBe(0);
  });

  it('keeps everything from the first send that gets no answer, and sends nothing after it', async () => {
    const p = phone([{ input: input('a'), savedAt: 1 }, { input: input('b'), savedAt: 2 }, { input: input('c'), savedAt: 3 }]);
    p.fail((key) => (key === 'b' ? new NetworkDown() : null));
    const outcomes = await flushPending(p.deps);
    expect(outcomes).toEqual([
      expect.objectContaining({ kind: 'sent', input: input('a') }),
      { kind: 'kept', input: input('b'), reason: 'network' },
      { kind: 'kept', input: input('c'), reason: 'network' },
    ]);
    expect([...p.kept.keys()]).toEqual(['b', 'c']);
    expect(p.sends).toEqual(['a', 'b']);
  });

  it('keeps a check-in the server asks to send later (busy, or the session ended)', async () => {
    const p = phone([{ input: input('a'), savedAt: 1 }]);
    p.fail(() => new Busy());
    expect(await flushPending(p.deps)).toEqual([{ kind: 'kept', input: input('a'), reason: 'later' }]);
    expect(p.kept.size).toBe(1);
  });

  it('deletes a refused check-in and says why, then goes on with the next', async () => {
    const p = phone([{ input: input('a', '2026-03-01'), savedAt: 1 }, { input: input('b'), savedAt: 2 }]);
    p.fail((key) => (key === 'a' ? new Refused('A check-in is for today.') : null));
    const outcomes = await flushPending(p.deps);
    expect(outcomes[0]).toEqual({ kind: 'refused', input: input('a', '2026-03-01'), message: 'A check-in is for today.' });
    expect(outcomes[1]?.kind).toBe('sent');
    expect(p.kept.size).toBe(0);
  });

  it('a reply lost on the way back: the resend under the same key arrives once', async () => {
    const p = phone([{ input: input('a'), savedAt: 1 }]);
    let lost = true;
    const send = p.deps.send;
    // The server saves it, but the answer never reaches the phone.
    p.deps.send = async (i) => {
      const answer = await send(i);
      if (lost) {
        lost = false;
        throw new NetworkDown();
      }
      return answer;
    };
    expect((await flushPending(p.deps))[0]?.kind).toBe('kept');
    expect((await flushPending(p.deps))[0]?.kind).toBe('sent');
    expect(p.sends).toEqual(['a', 'a']);
    expect(p.saved.size).toBe(1);
    expect(p.kept.size).toBe(0);
  });
});

describe('createOutbox', () => {
  it('runs one pass at a time: a second flush while one runs sends nothing more', async () => {
    const p = phone([{ input: input('a'), savedAt: 1 }]);
    const outbox = createOutbox(p.deps);
    const [first, second] = await Promise.all([outbox.flush(), outbox.flush()]);
    expect(first).toBe(second);
    expect(p.sends).toEqual(['a']);
    expect(outbox.getState()).toMatchObject({ pending: [], sending: false, waiting: null, sent: [{ input: input('a') }] });
  });

  it('tells its listeners, and says it is waiting for the connection while offline', async () => {
    const p = phone([{ input: input('a'), savedAt: 1 }]);
    p.fail(() => new NetworkDown());
    const outbox = createOutbox(p.deps);
    const seen: boolean[] = [];
    outbox.subscribe(() => seen.push(outbox.getState().sending));
    await outbox.reload();
    await outbox.flush();
    expect(seen).toContain(true);
    expect(outbox.getState()).toMatchObject({ sending: false, waiting: 'network', pending: [{ input: input('a') }] });
    p.fail(() => null);
    await outbox.flush();
    expect(outbox.getState()).toMatchObject({ waiting: null, pending: [], sent: [{ input: input('a') }] });
  });

  it('a storage failure sends nothing and waits for later', async () => {
    const p = phone([]);
    const outbox = createOutbox({ ...p.deps, list: () => Promise.reject(new Error('IndexedDB unavailable')) });
    expect(await outbox.flush()).toEqual([]);
    expect(outbox.getState()).toMatchObject({ sending: false, waiting: 'later' });
  });
});
