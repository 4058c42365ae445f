'use client';
// On every patient page: readies the phone for the offline check-in, and sends check-ins kept on the phone
// when the page loads and when the connection returns (Background Sync is not in every browser, so it is
// not relied on), saying what happened. The check-in page does this itself, with its own words.
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { OutboxState } from './outbox';
import { OutboxBanner } from './outbox-banner';
import { listPending } from './pending-store';
import { offlineReady, prepareOffline } from './prepare';

const CHECK_IN = '/patient/check-in';

export function OfflineKeeper({ userId, timeZone }: { userId: string; timeZone: string }) {
  const onCheckIn = usePathname() === CHECK_IN;
  const [state, setState] = useState<OutboxState | null>(null);

  useEffect(() => prepareOffline({ userId, timeZone }), [userId, timeZone]);

  useEffect(() => {
    if (onCheckIn) return;
    let stop = () => {};
    let cancelled = false;
    void (async () => {
      await offlineReady;
      if ((await listPending().catch(() => [])).length === 0 || cancelled) return;
      // Loaded only when something waits: the other pages do not carry the API client for this.
      const { checkInOutbox } = await import('./check-in-outbox');
      if (cancelled) return;
      const show = () => setState(checkInOutbox.getState());
      const unsubscribe = checkInOutbox.subscribe(show);
      const flush = () => void checkInOutbox.flush();
      window.addEventListener('online', flush);
      stop = () => {
        unsubscribe();
        window.removeEventListener('online', flush);
      };
      await checkInOutbox.reload();
      show();
      if (navigator.onLine) flush();
    })();
    return () => {
      cancelled = true;
      stop();
    };
  }, [onCheckIn]);

  if (onCheckIn) return null;
  return <OutboxBanner state={state} className="not-empty:mb-4" />;
}
