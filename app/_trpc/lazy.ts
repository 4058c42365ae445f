'use client';
// The plain tRPC client (app/_trpc/vanilla.ts) fetched when a patient's page first needs it, not with the page:
// with superjson it is about 12 KB of a phone's first download, and reading a page needs none of it. Pages
// start fetching it at the patient's first touch (preloadApi), well before a send.
import type { vanillaApi } from './vanilla';

export type VanillaApi = typeof vanillaApi;

let pending: Promise<VanillaApi> | null = null;

/** The client; a failed fetch (offline, a new build) is tried again on the next call. */
export function loadApi(): Promise<VanillaApi> {
  if (!pending) {
    // A script that cannot be fetched is a network failure, and reads as one (a TypeError, as fetch's own):
    // forms say the server could not be reached, and the check-in keeps its answers on the phone.
    const loading = import('./vanilla').then(
      (m) => m.vanillaApi,
      () => {
        throw new TypeError('The API client could not be fetched.');
      },
    );
    pending = loading;
    loading.catch(() => {
      if (pending === loading) pending = null;
    });
  }
  return pending;
}

const firstTouch = ['pointerdown', 'keydown', 'focusin'] as const;

/** Fetches the client at the first touch, key or focus on the page; returns the cleanup for an effect. */
export function preloadApi(): () => void {
  const start = () => {
    stop();
    loadApi().catch(() => {});
  };
  const stop = () => {
    for (const type of firstTouch) window.removeEventListener(type, start, true);
  };
  for (const type of firstTouch) window.addEventListener(type, start, { capture: true, passive: true });
  return stop;
}
