/*
 * Imported by the service worker (vite-plugin-pwa `importScripts`). While an event session of offline intake is on
 * (its cache exists), a newly installing worker also fetches the event's chunks of its own version (the list the
 * build writes to /event-assets.json), so that an update taken mid-event never leaves the phone, offline, with an
 * app whose console or scanner chunk is missing. If they cannot be fetched, the install fails and the old worker
 * stays in charge.
 */
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.has("vneid-event").then((on) => {
      if (!on) return undefined;
      return fetch("/event-assets.json", { cache: "no-store" })
        .then((res) => {
          if (!res.ok) throw new Error(`event-assets.json: ${res.status}`);
          return res.json();
        })
        .then((lists) =>
          Promise.all(Object.keys(lists).map((name) => caches.open(name).then((cache) => cache.addAll(lists[name])))),
        );
    }),
  );
});
