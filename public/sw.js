// Taperline's service worker: shows a Web Push notice and, when it is clicked, opens the app where the notice
// points. Nothing else: no caching and no fetch handler, so every page still comes from the server, behind sign-in.
'use strict';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
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
