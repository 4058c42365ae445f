'use client';
// Sends a submission a flaky phone may resend: one client-made idempotency key per set of answers, kept
// across retries. Give it a plain tRPC client's mutate (vanillaApi), not React Query's: offline, the send
// then fails at once and the patient can retry under the same key, rather than wait in a paused queue.
import { useEffect, useRef, useState } from 'react';
import { isTRPCClientError } from '~/app/_lib/errors';

/** A v4 UUID; crypto.randomUUID needs a secure context, so plain http on a LAN falls back to getRandomValues. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The server's answer to a failed send, or null when none came (offline, dropped, a proxy's page). */
export function serverErrorOf(error: unknown): { code?: string; fieldErrors?: Record<string, string[]> } | null {
  const data: unknown = isTRPCClientError(error) ? error.data : undefined;
  return data ? (data as { code?: string; fieldErrors?: Record<string, string[]> }) : null;
}

export interface IdempotentSend<TBody, TResult> {
  /** A send is on its way: the button says so, and a second tap does not send again. */
  sending: boolean;
  /** Read at the tap itself (state would lag a double tap by a render). */
  inFlight: () => boolean;
  /** Sends; the handlers do not run once the page has been left. */
  send: (body: TBody, handlers: { onSaved: (result: TResult) => void; onFailed: (error: unknown, idempotencyKey: string) => void }) => void;
}

export function useIdempotentSend<TBody, TResult>(
  mutate: (input: TBody & { idempotencyKey: string }) => Promise<TResult>,
): IdempotentSend<TBody, TResult> {
  /**
   * The key names one set of answers. Retry (or sending again unchanged) reuses it, so a submission that did
   * land before the connection dropped is not saved twice; changed answers get a fresh key, since the
   * server refuses different answers under a used one. After a save the next send is a correction.
   */
  const keyRef = useRef<{ key: string; body: string } | null>(null);
  const inFlight = useRef(false);
  const [sending, setSending] = useState(false);
  // An answer that arrives after the patient has left the page changes nothing (no refresh, no state).
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  function send(body: TBody, { onSaved, onFailed }: { onSaved: (result: TResult) => void; onFailed: (error: unknown, idempotencyKey: string) => void }) {
    const canonical = JSON.stringify(body);
    // Different answers under an old key would be refused by the server, so they get a key of their own.
    if (!keyRef.current || keyRef.current.body !== canonical) keyRef.current = { key: newKey(), body: canonical };
    const key = keyRef.current.key;
    inFlight.current = true;
    setSending(true);
    const settle = (then: () => void) => {
      inFlight.current = false;
      if (!mounted.current) return;
      setSending(false);
      then();
    };
    void mutate({ ...body, idempotencyKey: key }).then(
      (result) =>
        settle(() => {
          keyRef.current = null;
          onSaved(result);
        }),
      (error: unknown) =>
        settle(() => {
          // The server refuses different answers under a used key: the next send gets a fresh one.
          if (serverErrorOf(error)?.code === 'CONFLICT') keyRef.current = null;
          // The key goes with the failure: answers kept on the phone are sent later under the same one.
          onFailed(error, key);
        }),
    );
  }

  return { sending, inFlight: () => inFlight.current, send };
}
