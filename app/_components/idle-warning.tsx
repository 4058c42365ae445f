'use client';
// Warns a clinician or administrator two minutes before their session ends for inactivity (the server ends
// it: server/auth/idle.ts), offers to stay signed in or sign out, and at the end opens the session-ended page.
import { TRPCClientError } from '@trpc/client';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { onUserRequest } from '~/app/_trpc/activity';
import { vanillaApi } from '~/app/_trpc/vanilla';
import { ACTIVITY_RECORD_SECONDS, countdown, IDLE_WARNING_SECONDS } from '~/lib/sessions/idle';
import { Button } from './ui';

const SESSION_ENDED = '/session-expired';

/**
 * The server's answer: the seconds left, 'ended' once the session has ended, or Infinity for a session with
 * no idle limit (not a staff member's: the warning is not shown on their pages, but should it be).
 */
async function askSecondsLeft(background: boolean): Promise<number | 'ended'> {
  try {
    const { idleSecondsLeft } = await vanillaApi.account.keepAlive.query(undefined, { context: { background } });
    return idleSecondsLeft ?? Number.POSITIVE_INFINITY;
  } catch (error) {
    if (error instanceof TRPCClientError && (error.data as { httpStatus?: number } | undefined)?.httpStatus === 401) return 'ended';
    throw error;
  }
}

/**
 * `limitSeconds`: STAFF_IDLE_MINUTES; `secondsLeft`: what the server said when this page was made. The
 * browser keeps its own deadline from the user's requests (page loads, navigation, tRPC calls), erring
 * early: the server records activity at most once a minute. Before warning and before ending, it asks the
 * server (a background request, which does not count as activity), so work in another tab keeps this one
 * quiet and the countdown shown is the server's.
 */
export function IdleWarning({ limitSeconds, secondsLeft }: { limitSeconds: number; secondsLeft: number }) {
  const t = useTranslations('IdleTimeout');
  const id = useId();
  const pathname = usePathname();
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  // When the session ends by this browser's clock (ms); set from the server's answer as the page arrives.
  const deadline = useRef(0);
  const [warning, setWarning] = useState(false);
  const [left, setLeft] = useState(secondsLeft);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  const ended = useCallback(() => {
    // A full page load, not the router: the page's data (React Query's cache of records) goes with it.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(SESSION_ENDED);
  }, []);

  /** A request of the user's own: the server's deadline moved to at least this. */
  const active = useCallback(() => {
    const soonest = Date.now() + (limitSeconds - ACTIVITY_RECORD_SECONDS) * 1000;
    if (soonest > deadline.current) deadline.current = soonest;
    if (deadline.current - Date.now() > IDLE_WARNING_SECONDS * 1000) setWarning(false);
    setTick((n) => n + 1);
  }, [limitSeconds]);

  useEffect(() => onUserRequest(active), [active]);
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname !== firstPath.current) active();
  }, [pathname, active]);

  useEffect(() => {
    deadline.current = Date.now() + secondsLeft * 1000;
  }, [secondsLeft]);

  // One timer at a time: to the warning, then to the end; each asks the server first.
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      const until = deadline.current - Date.now();
      const wait = until > IDLE_WARNING_SECONDS * 1000 ? until - IDLE_WARNING_SECONDS * 1000 : Math.max(until, 0);
      timer = setTimeout(check, wait);
    };
    const check = async () => {
      let serverLeft: number | 'ended';
      try {
        serverLeft = await askSecondsLeft(true);
      } catch {
        // The server is out of reach: go by this browser's own deadline.
        const own = (deadline.current - Date.now()) / 1000;
        serverLeft = own > 0 ? own : 'ended';
      }
      if (cancelled) return;
      if (serverLeft === 'ended') return ended();
      if (serverLeft === Number.POSITIVE_INFINITY) return setWarning(false);
      // A moment past the server's end, so the next check finds the session ended rather than at 0:00.
      deadline.current = Date.now() + serverLeft * 1000 + 500;
      setWarning(serverLeft <= IDLE_WARNING_SECONDS);
      schedule();
    };
    schedule();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [tick, secondsLeft, ended]);

  // The countdown, while the warning shows.
  useEffect(() => {
    if (!warning) return;
    const update = () => setLeft(Math.max(0, (deadline.current - 500 - Date.now()) / 1000));
    update();
    const interval = setInterval(update, 1000);
    return () => clearInterval(interval);
  }, [warning]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (warning && !element.open) {
      element.showModal();
      stay.current?.focus();
    }
    if (!warning && element.open) element.close();
  }, [warning]);

  async function staySignedIn() {
    setBusy(true);
    try {
      const serverLeft = await askSecondsLeft(false);
      if (serverLeft === 'ended') return ended();
      setWarning(false);
      if (serverLeft === Number.POSITIVE_INFINITY) return;
      deadline.current = Date.now() + serverLeft * 1000 + 500;
      setTick((n) => n + 1);
    } catch {
      // Not reached: the warning stays (open again if Escape closed it); the end is checked with the server when it comes.
      const element = dialog.current;
      if (element && !element.open) element.showModal();
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      // Closed by Escape (the browser closes it): the person is here, the same as "Stay signed in".
      onClose={() => {
        if (warning) void staySignedIn();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <h2 id={`${id}-title`} className="text-xl font-bold">{t('title')}</h2>
      <p id={`${id}-body`} className="mt-2">
        {t('body', { time: countdown(left) })}
      </p>
      <div className="mt-5 flex flex-wrap gap-3">
        <Button ref={stay} disabled={busy} onClick={() => void staySignedIn()}>{t('stay')}</Button>
        <Button variant="secondary" disabled={busy} onClick={() => void signOut({ redirectTo: '/sign-in' })}>{t('signOutNow')}</Button>
      </div>
    </dialog>
  );
}
