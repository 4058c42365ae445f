// Taperline's service worker: shows a Web Push notice and, when it is clicked, opens the app where the notice
// points; and keeps the patient's check-in usable offline.
//
// Offline, and only offline: pages always come from the server first (they are no-store, behind sign-in). When
// the network fails for the check-in page (or the home page the installed app opens on), the worker answers
// with a cached OFFLINE SHELL of the check-in form (/offline/check-in): a page made for this that holds no
// patient data (no name, no plan, no answers: only the form's words, the clinic's and emergency numbers), and
// the build's static scripts and styles it needs. No API answer and no other page is ever cached. The check-in
// page itself keeps unsent answers in IndexedDB (app/_components/offline/). Sign-out, and another patient
// signing in, wipe both: the page asks this worker to ("wipe" below), so no caching still under way can
// write after the wipe. docs/security.md, "Offline check-in", says why.
'use strict';

const CACHE = 'taperline-offline-v1';
const SHELL_URL = '/offline/check-in';
/** Navigations answered with the shell when the network fails: the check-in, and where the installed app opens. */
const OFFLINE_PAGES = new Set(['/', '/patient', '/patient/check-in']);
/** A cached shell is fetched again after this long, so a new build's scripts and words reach it. */
const SHELL_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** Bumped by each wipe: a caching pass started before it never writes after it. */
let generation = 0;
/** The caching pass under way, if any: a wipe waits for it to end, and a second request joins it. */
let caching = null;

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Caches of an older version of this worker go: their pages and scripts belong to an older build.
      const keys = await caches.keys();
      await Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)));
      await self.clients.claim();
    })(),
  );
});

/** Fetches the shell and every static file it names, then replaces the cache in one go; on any failure the old cache stays. */
async function cacheShell(lang) {
  const cache = await caches.open(CACHE);
  const current = await cache.match(SHELL_URL, { ignoreVary: true });
  const at = Number(current && current.headers.get('x-offline-shell-at'));
  if (current && current.headers.get('x-offline-shell-lang') === lang && Date.now() - at < SHELL_MAX_AGE_MS) return;
  const started = generation;
  const response = await fetch(SHELL_URL, { credentials: 'same-origin', cache: 'no-store' });
  // Only a signed-in patient gets the shell: a redirect (signed out) or a refusal (staff, a pump) is not cached.
  if (!response.ok || response.redirected) return;
  const html = await response.text();
  if (!html.includes('data-offline-shell')) return;
  const assets = [...new Set(html.match(/\/_next\/static\/[^"'\s\\)]+/g) || [])];
  const files = await Promise.all(
    assets.map(async (path) => {
      const file = await fetch(path, { credentials: 'same-origin' });
      if (!file.ok) throw new Error(`${path}: ${file.status}`);
      return [path, file];
    }),
  );
  if (started !== generation) return;
  const headers = new Headers(response.headers);
  // The body is kept decoded: these described the bytes as they came over the wire.
  for (const name of ['content-encoding', 'content-length', 'transfer-encoding']) headers.delete(name);
  headers.set('x-offline-shell-lang', lang);
  headers.set('x-offline-shell-at', String(Date.now()));
  for (const request of await cache.keys()) await cache.delete(request);
  await Promise.all(files.map(([path, file]) => cache.put(path, file)));
  await cache.put(SHELL_URL, new Response(html, { status: 200, headers }));
}

async function wipe() {
  generation += 1;
  if (caching) await caching.catch(() => {});
  const keys = await caches.keys();
  await Promise.all(keys.map((key) => caches.delete(key)));
}

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (event.origin && event.origin !== self.location.origin) return;
  if (data.type === 'cache-offline-shell') {
    caching ??= cacheShell(typeof data.lang === 'string' ? data.lang : '').catch(() => {}).finally(() => {
      caching = null;
    });
    event.waitUntil(caching);
  } else if (data.type === 'wipe') {
    const port = event.ports && event.ports[0];
    event.waitUntil(wipe().finally(() => port && port.postMessage('wiped')));
  }
});

async function fromCache(key) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key, { ignoreVary: true, ignoreSearch: true })) || Response.error();
}

// Network first, always; the cache answers only when the network does not (offline, or the connection dropped).
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && OFFLINE_PAGES.has(url.pathname)) {
    event.respondWith(fetch(request).catch(() => fromCache(SHELL_URL)));
  } else if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(fetch(request).catch(() => fromCache(url.pathname)));
  }
});

/** A path inside this site; anything else (another origin, a malformed address) becomes the start page. */
function samePath(url) {
  if (typeof url !== 'string' || url === '') return '/';
  try {
    const parsed = new URL(url, self.location.origin);
    return parsed.origin === self.location.origin ? parsed.pathname + parsed.search + parsed.hash : '/';
  } catch {
    return '/';
  }
}

// The notice is the payload alone ({title, body, url, tag}): the server sends no health data, and the worker adds none.
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  if (typeof data.title !== 'string' || data.title === '') return;
  const options = { body: typeof data.body === 'string' ? data.body : '', data: { url: samePath(data.url) } };
  if (typeof data.tag === 'string' && data.tag !== '') {
    options.tag = data.tag;
    // A newer notice with the same tag replaces the old one and still alerts.
    options.renotify = true;
  }
  event.waitUntil(self.registration.showNotification(data.title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(samePath(event.notification.data && event.notification.data.url), self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.filter((client) => new URL(client.url).origin === self.location.origin);
      const exact = open.find((client) => client.url === target);
      if (exact) return exact.focus();
      for (const client of open) {
        try {
          const focused = await client.focus();
          return await focused.navigate(target);
        } catch {
          // A tab this worker does not control cannot be sent elsewhere: open a new one instead.
        }
      }
      return self.clients.openWindow(target);
    })(),
  );
});
