/* The preview's worker (mkdocs serve): every save changes the pages, and the server adds its
   reload script to each, so no copy would ever match its list (the foot said 网络断了 on every
   page). It replaces a worker an earlier build left on the same address, whose copy would show
   old pages, and removes itself and that copy. */
"use strict";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("handbook")) await caches.delete(name);
      }
      await self.registration.unregister();
    })(),
  );
});
