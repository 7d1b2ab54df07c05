/* Offline copy of the handbook. macros/site/offline.py writes BUILD (above) after every build:
   BUILD.hash names the build, BUILD.files lists [url, file, sha256 prefix] for every file,
   BUILD.first the urls saved first (what the first search needs).

   Each build has its own cache, filled completely in `install` and checked file by file
   against BUILD, so a cache never holds files of two builds. A new build takes over as soon
   as its cache is complete, but a page keeps getting every file (stylesheets, scripts, the
   pages instant navigation fetches) from the cache of the build its document came from;
   only a page loaded afterwards comes from the new build. An old cache is deleted once no
   open page uses it. */
"use strict";

const SCOPE = self.registration.scope;
// Cache names carry the scope: two copies of the handbook on one host keep apart.
const PREFIX = `handbook ${SCOPE} `;
const CACHE = PREFIX + BUILD.hash;
const PAGES = `handbook-pages ${SCOPE}`; // which build's cache each open page (client) uses
const FILES = new Map(
  BUILD.files.map(([url, file, sha, size]) => [new URL(url, SCOPE).href, { file, sha, size }]),
);
// The copy's progress in bytes, not files: 41% after four seconds of small files, then a
// minute to 98%, read as almost done when a fifth of it was.
const BYTES = [...FILES.values()].reduce((sum, file) => sum + file.size, 0);
const SHA_HEADER = "X-Handbook-Sha";
const buildOfClient = new Map(); // memory in front of PAGES, lost when the browser stops the worker
const rememberedAt = new Map(); // when this worker recorded each page, to spare pages still loading
const LOADING_GRACE = 30_000; // ms: a page being loaded may not be listed among the clients yet
// Open pages (assets/js/offline.js) hear how far the copy is and why it failed: before the
// first copy is complete, no page opens without network, and staff must know it.
const STATUS = typeof BroadcastChannel === "function" ? new BroadcastChannel("hb-offline") : null;
const tell = (message) => STATUS?.postMessage({ build: BUILD.hash, ...message });

// Chromium stops a worker whose install has run five minutes, without a word to the page (the
// foot went on saying 正在存): on a line too slow for the copy (uncompressed at 100 kbit/s),
// the install ends itself before that, as a broken line; the next page goes on from the files
// stored so far.
const INSTALL_LIMIT = 270_000; // ms

self.addEventListener("install", (event) => {
  // When a file last arrived, and whether the install is over: a failed one stops at once (it
  // went on downloading and reporting progress, and the page, told 正在存 again, started no
  // new copy).
  const line = { up: Date.now(), over: false };
  const overtime = new Promise((_, fail) =>
    setTimeout(
      () => fail(new DOMException("the copy ran out of time", "AbortError")),
      INSTALL_LIMIT,
    ),
  );
  event.waitUntil(
    Promise.race([precache(line), overtime]).then(
      () => self.skipWaiting(),
      (error) => {
        // A full phone (QuotaExceededError) fails again on every visit; a broken download
        // (a TypeError from fetch, an AbortError from a stall or the time limit) resumes on
        // the next one (the files stored so far are kept); an error from the server or a
        // file of another build is a deploy in progress.
        line.over = true;
        tell({ failed: failure(error) });
        throw error;
      },
    ),
  );
});

function failure(error) {
  if (error?.name === "QuotaExceededError") return "quota";
  return error instanceof TypeError || error?.name === "AbortError" ? "network" : "changed";
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Pages opened before any worker (the first visit) are of this build: say so, so a
      // later build serves them from this build's cache.
      const known = new Set((await (await caches.open(PAGES)).keys()).map((r) => r.url));
      await self.clients.claim();
      for (const client of await self.clients.matchAll({ type: "all" })) {
        if (!known.has(clientKey(client.id))) await remember(client.id, CACHE);
      }
      await prune();
    })(),
  );
});

self.addEventListener("message", (event) => {
  // offline.js asks whether its page is of the newest build.
  if (event.data !== "handbook:build" || !event.source || !event.ports[0]) return;
  const port = event.ports[0];
  event.waitUntil(
    cacheOf(event.source.id).then((page) => port.postMessage({ page, newest: CACHE })),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!url.href.startsWith(SCOPE)) return;
  const key = keyOf(url);
  if (request.mode === "navigate") {
    if (FILES.has(key)) {
      // A new document: always the newest build, and so are all the files it asks for.
      event.respondWith(match(CACHE, key).then((hit) => hit || fetch(request)));
      const id = event.resultingClientId;
      event.waitUntil(remember(id, CACHE).then(() => prune(true)));
    } else if (FILES.has(`${key}/`)) {
      event.respondWith(Response.redirect(`${key}/${url.search}`, 301));
    } else {
      event.respondWith(fetch(request).catch(notFound));
    }
    return;
  }
  event.respondWith(forPage(event, key, request));
});

function keyOf(url) {
  const href = url.origin + url.pathname;
  return href.endsWith("/index.html") ? href.slice(0, -"index.html".length) : href;
}

/* A file for an open page: from its own build's cache, else the newest, else the network
   (files never cached, such as the YAML behind "edit", or a cache the browser evicted). */
async function forPage(event, key, request) {
  const build = await cacheOf(event.clientId);
  if (request.destination === "worker" && event.resultingClientId) {
    event.waitUntil(remember(event.resultingClientId, build)); // the search worker is its page's
  }
  const hit = (await match(build, key)) || (build !== CACHE && (await match(CACHE, key)));
  return hit || fetch(request);
}

async function match(name, key) {
  if (!(await caches.has(name))) return undefined;
  return (await caches.open(name)).match(key);
}

function clientKey(id) {
  return new URL(`__handbook/page/${encodeURIComponent(id)}`, SCOPE).href;
}

async function remember(id, build) {
  if (!id) return;
  buildOfClient.set(id, build);
  rememberedAt.set(id, Date.now());
  await (await caches.open(PAGES)).put(clientKey(id), new Response(build));
}

async function cacheOf(id) {
  if (!id) return CACHE;
  if (!buildOfClient.has(id)) {
    const hit = await (await caches.open(PAGES)).match(clientKey(id));
    // A page opened before this worker existed (the first visit) is of the current build.
    buildOfClient.set(id, hit ? await hit.text() : CACHE);
  }
  return buildOfClient.get(id);
}

/* Delete the caches of builds no page uses. When a page is loaded, forget the pages that
   were closed. A page still loading is not listed among the clients yet (Chromium lists it
   only once it runs, even when clients.get() already finds it), so a page recorded in the
   last LOADING_GRACE ms counts as open. When this build takes over, keep every build a page
   may still use, and delete other caches: a build that failed to install. */
async function prune(forgetClosed = false) {
  const clients = await self.clients.matchAll({ includeUncontrolled: true, type: "all" });
  const open = new Set(clients.map((client) => client.id));
  for (const [id, at] of rememberedAt) {
    if (Date.now() - at < LOADING_GRACE) open.add(id);
    else rememberedAt.delete(id);
  }
  const pages = await caches.open(PAGES);
  const used = new Set([CACHE]);
  const unused = new Set();
  for (const request of await pages.keys()) {
    const id = decodeURIComponent(request.url.slice(clientKey("").length));
    const record = await pages.match(request);
    const build = record ? await record.text() : "";
    if (open.has(id) || !forgetClosed) {
      used.add(build);
    } else {
      unused.add(build);
      buildOfClient.delete(id);
      await pages.delete(request);
    }
  }
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && !used.has(name) && (!forgetClosed || unused.has(name))) {
      await caches.delete(name);
    }
  }
}

async function notFound() {
  const page = await match(CACHE, new URL("404.html", SCOPE).href);
  if (!page) return Response.error();
  return new Response(page.body, { status: 404, headers: page.headers });
}

// A download that breaks off (a lift, a back office without signal) is tried again while the
// first copy is saved, after 1, 2, 4… up to 10 s: a page opened meanwhile by instant
// navigation loads no document, so the browser would not start the install again before a
// reload. A line down longer than RETRY_FOR (no byte arriving for that long) fails the install;
// the next page resumes it (offline.js). It was counted from the start of the copy: on a line
// slow enough for the copy to take two minutes, its first drop, however short, failed it.
const RETRY_FOR = 120_000; // ms
const RETRY_MAX_WAIT = 10_000; // ms
// A connection that stops carrying data without closing (a handover between cells, a dead
// NAT mapping) never rejects: the copy stood at 28% for good, until the browser dropped the
// install after five minutes without telling the page. A download with no byte for STALL is
// broken off and tried again on a new connection, as a dropped one is.
const STALL = 20_000; // ms
// Files downloaded at a time: the browser opens six connections to a host, and a page opened
// meanwhile must get one at once rather than queue behind two hundred files of the copy.
const DOWNLOADS = 4;
const FIRST = new Set(BUILD.first.map((url) => new URL(url, SCOPE).href)); // offline.py

async function precache(line) {
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((request) => request.url));
  const old = await unchangedFiles();
  let saved = 0;
  let broken = false; // files still arriving after one failed must not read as progress
  // What the first search needs comes first, alone: on a weak line the whole copy takes a
  // minute and more, and the search index waited behind it. (The page's search worker asks
  // for the same files meanwhile; the browser's HTTP cache hands one download to both.)
  const downloads = (queue) => async () => {
    while (queue.length && !broken && !line.over) {
      const [key, { file, sha, size }] = queue.shift();
      try {
        await store(cache, have, old, key, file, sha, line);
      } catch (error) {
        broken = true;
        throw error;
      }
      saved += size;
      // Not progress after a failure. The last byte counts once the copy is switched on (the
      // page says 99% until then: 已存 100% beside 存好之前 read as a contradiction).
      if (!broken && !line.over) tell({ saved: Math.min(saved, BYTES - 1), of: BYTES });
    }
  };
  const files = [...FILES];
  await downloads(files.filter(([key]) => FIRST.has(key)))();
  const rest = files.filter(([key]) => !FIRST.has(key));
  await Promise.all(Array.from({ length: DOWNLOADS }, downloads(rest)));
  if (!(await caches.has(CACHE))) throw new Error("the cache was deleted while it was filled");
}

/* One file of the build into its cache: kept from an interrupted install, copied from an
   earlier build, or downloaded and checked. */
async function store(cache, have, old, key, file, sha, line) {
  if (have.has(key)) return; // stored and checked by an earlier, interrupted install
  const reused = old.get(key);
  if (reused) return cache.put(key, reused);
  const { response, body } = await download(key, line);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  if ((await digest(body)) !== sha) {
    // The server has files of another build (a deploy in progress, a stale proxy):
    // keep the current copy and try again on the next visit.
    throw new Error(`${file} is not the file of build ${BUILD.hash}`);
  }
  return cache.put(key, stored(body, response.headers.get("Content-Type"), sha));
}

/* A file and its body, tried again while the network is down (a fetch or a body that breaks
   off or stalls rejects; an answer, even an error, is the server's and final). */
async function download(key, line) {
  for (let wait = 1000; ; wait = Math.min(2 * wait, RETRY_MAX_WAIT)) {
    const stop = new AbortController();
    let stalled;
    const watch = () => {
      clearTimeout(stalled);
      stalled = setTimeout(() => stop.abort(), STALL);
    };
    try {
      watch(); // (a new try is no byte: RETRY_FOR counts from the last that came)
      // Asked for as pages link to it (`phrasing/`, not `phrasing/index.html`): the page
      // being read is then revalidated from the browser's cache, not downloaded again.
      const response = await fetch(key, { cache: "no-cache", signal: stop.signal });
      const reader = response.body.getReader();
      const chunks = [];
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        line.up = Date.now();
        watch();
        chunks.push(chunk.value);
      }
      line.up = Date.now(); // (an empty file too)
      return { response, body: await new Blob(chunks).arrayBuffer() };
    } catch (error) {
      if (line.over || Date.now() - line.up + wait > RETRY_FOR) throw error;
      await new Promise((resume) => setTimeout(resume, wait));
    } finally {
      clearTimeout(stalled);
    }
  }
}

/* Files of earlier builds that did not change: copied, not downloaded again. */
async function unchangedFiles() {
  const found = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const file = FILES.get(request.url);
      if (!file || found.has(request.url)) continue;
      const response = await cache.match(request);
      if (response && response.headers.get(SHA_HEADER) === file.sha)
        found.set(request.url, response);
    }
  }
  return found;
}

function stored(body, type, sha) {
  // A new Response carries no URL of its own, so a page is shown under the address asked for.
  const headers = { [SHA_HEADER]: sha };
  if (type) headers["Content-Type"] = type;
  return new Response(body, { status: 200, headers });
}

async function digest(body) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return Array.from(bytes.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}
