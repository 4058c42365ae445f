'use client';
// Readies this phone for the offline check-in on each patient page: the phone's offline data belongs to the
// patient signed in now (another patient's is wiped first), and the service worker is registered and asked
// to keep the offline shell of the check-in page fresh.
import { getOwner, offlineSupported, setOwner, wipeOfflineData, type OfflineOwner } from './pending-store';

let markReady: () => void = () => {};
/** Settles once the phone's data is known to be the signed-in patient's: nothing is sent before. */
export const offlineReady = new Promise<void>((resolve) => {
  markReady = resolve;
});
let preparedFor: string | null = null;

/** The offline shell runs without a signed-in page: the phone's data is whoever's was last kept there. */
export function offlineShellReady(): void {
  markReady();
}

async function registerWorker(): Promise<void> {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) return;
  await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
  const worker = (await navigator.serviceWorker.ready).active;
  worker?.postMessage({ type: 'cache-offline-shell', lang: document.documentElement.lang });
}

export function prepareOffline(owner: OfflineOwner): void {
  if (preparedFor === owner.userId || !offlineSupported()) {
    markReady();
    return;
  }
  preparedFor = owner.userId;
  void (async () => {
    try {
      const kept = await getOwner();
      // Another patient's unsent answers (they did not sign out) must not stay, nor be sent under this session.
      if (kept && kept.userId !== owner.userId) await wipeOfflineData();
      if (!kept || kept.userId !== owner.userId || kept.timeZone !== owner.timeZone) await setOwner(owner);
    } catch {
      // No storage (a private window that refuses IndexedDB): nothing is kept, so nothing can be wrong.
    }
    markReady();
    await registerWorker().catch(() => {});
  })();
}
