/**
 * `npm run bench`: starts Warrant on a scratch database, imports a generated 100k-word document
 * twice, puts 5,000 claims (20% overlapping) on one copy, and measures in headless Chromium:
 * the time until the reader has painted the highlights, against the same page without claims;
 * the highlight step itself; scrolling frame times with and without highlights; and, in-process,
 * re-anchoring 5,000 passages after an edit. Each number comes with its baseline from the same run.
 * Then heavy operations and the event loop (bench/event-loop.ts), the export benchmark
 * (bench/export.ts: 100k claims as CSV and XLSX, in its own processes), the light paths at 100k
 * claims (bench/light-paths.ts: the documents list, making a claim, a write in a large topic, the
 * rules-version recompute), search over 2,000 documents and 100k claims (bench/search.ts)
 * and claim creation by 10 analysts on 1 and 2 processes, on SQLite and PostgreSQL
 * (bench/processes.ts).
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SqliteStore } from '@/db/engines/sqlite';
import { markdownToHtml } from '@/lib/documents/convert';
import { generateMarkdown, mulberry32, randomPassages } from './generate';
import { runReanchorBench } from './reanchor';
import { isLargeReaderRun, readerTable, today, writeSection } from './report';

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const WORDS = Number(process.env.BENCH_WORDS ?? 100_000);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 5_000);
const RUNS = 5;
/** A point other than the default 100k words / 5,000 claims (the 200k / 20k): its own table. */
const LARGE = WORDS !== 100_000 || CLAIMS !== 5_000;
const round = (v: number | null) => (v === null ? null : Math.round(v));
// BENCH_DIR keeps the scratch database for a look afterwards (it must not exist yet).
const keep = process.env.BENCH_DIR;
const dir = keep ? (mkdirSync(keep), keep) : mkdtempSync(path.join(tmpdir(), 'warrant-bench-'));
const env = {
  ...process.env,
  DATABASE_PATH: path.join(dir, 'bench.db'),
  PORT: String(PORT),
  WARRANT_SEED_DEMO: 'false',
};

function cli(...args: string[]) {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/warrant.ts', ...args], { env, stdio: 'pipe' });
}

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${BASE}/sign-in`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The server did not start.');
}

/**
 * Runs a page script that waits for animation frames, failing after two minutes: page.evaluate
 * has no time limit of its own, and a page whose frames stop would otherwise hang the bench.
 */
async function inPage(page: Page, script: string, what: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The page never finished measuring ${what}.`)), 120_000);
  });
  try {
    return await Promise.race([page.evaluate(script), limit]);
  } finally {
    clearTimeout(timer);
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

// Browser-side scripts are strings: tsx would otherwise add helpers the browser does not have.
/** Scrolls top to bottom, 600 px per frame; resolves with the frame durations (ms). */
const SCROLL_SCRIPT = `new Promise((resolve) => {
  const frames = [];
  let last = performance.now();
  window.scrollTo(0, 0);
  const step = (now) => {
    frames.push(now - last);
    last = now;
    const before = window.scrollY;
    window.scrollBy(0, 600);
    if (window.scrollY === before || frames.length > 5000) resolve(frames.slice(1));
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;
/**
 * A change to the page elsewhere than the text (what a hover card or a list update does): the
 * time from the change until two frames later, for three kinds of change; median of 9 each. With
 * the CSS Custom Highlight API, Chromium re-validates every highlight range when nodes are added
 * or removed anywhere in the document.
 */
const CHANGE_SCRIPT = `new Promise((resolve) => {
  const host = document.createElement('div');
  host.textContent = 'x';
  document.body.appendChild(host);
  const kinds = {
    node: () => { const el = document.createElement('span'); el.textContent = 'y'; host.appendChild(el); },
    attribute: () => host.setAttribute('data-n', String(Math.random())),
    text: () => { host.firstChild.data = String(Math.random()); },
  };
  const out = {};
  const names = Object.keys(kinds);
  let k = 0, n = 0, times = [];
  const step = () => {
    const t0 = performance.now();
    kinds[names[k]]();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      times.push(performance.now() - t0);
      if (++n < 9) return setTimeout(step, 40);
      times.sort((a, b) => a - b);
      out[names[k]] = times[4];
      n = 0; times = [];
      if (++k < names.length) setTimeout(step, 40); else { host.remove(); resolve(out); }
    }));
  };
  setTimeout(step, 100);
})`;

/**
 * The two ways of painting passages, on the same static page and the same ranges (5,000 by
 * default, 15–75 characters, 20% overlapping the previous one): the CSS Custom Highlight API
 * (Range objects registered, the DOM untouched) and <mark> wrapping (text nodes split at every
 * boundary, each piece wrapped; overlaps nest). Each is timed twice: the script with the layout it
 * forces, and until two frames later (paint included). Run on a fresh copy of the page each.
 */
const PAINT_WAYS_SCRIPT = (way: 'highlight' | 'mark', count: number) => `new Promise((resolve) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = [], starts = [], total = 0;
  for (let n; (n = walker.nextNode()); ) { nodes.push(n); starts.push(total); total += n.data.length; }
  let a = 7;
  const rand = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const ranges = [];
  let prev = null;
  for (let i = 0; i < ${count}; i++) {
    const start = prev && rand() < 0.2 ? prev.start + Math.floor((prev.end - prev.start) / 2) : Math.floor(rand() * (total - 200));
    prev = { start, end: start + 15 + Math.floor(rand() * 60) };
    ranges.push(prev);
  }
  const find = (offset) => { let lo = 0, hi = starts.length - 1; while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; } return lo; };
  const t0 = performance.now();
  if ('${way}' === 'highlight') {
    const list = ranges.map(({ start, end }) => {
      const r = new Range();
      const s = find(start), e = find(end);
      r.setStart(nodes[s], Math.min(start - starts[s], nodes[s].data.length));
      r.setEnd(nodes[e], Math.min(end - starts[e], nodes[e].data.length));
      return r;
    });
    CSS.highlights.set('bench', new Highlight(...list));
  } else {
    const cuts = [...new Set(ranges.flatMap((r) => [r.start, r.end]))].sort((x, y) => x - y);
    const pieces = [], pieceStarts = [];
    let c = 0;
    nodes.forEach((node, k) => {
      const from = starts[k], to = from + node.data.length;
      while (c < cuts.length && cuts[c] <= from) c++;
      let rest = node, restStart = from;
      for (; c < cuts.length && cuts[c] < to; c++) {
        const tail = rest.splitText(cuts[c] - restStart);
        pieces.push(rest); pieceStarts.push(restStart);
        rest = tail; restStart = cuts[c];
      }
      pieces.push(rest); pieceStarts.push(restStart);
    });
    starts = pieceStarts; nodes = pieces;
    for (const { start, end } of ranges) {
      for (let k = find(start); k < nodes.length && starts[k] < end; k++) {
        if (starts[k] < start) continue;
        const mark = document.createElement('mark');
        nodes[k].parentNode.insertBefore(mark, nodes[k]);
        mark.appendChild(nodes[k]);
      }
    }
  }
  document.body.offsetHeight;
  const script = performance.now() - t0;
  requestAnimationFrame(() => requestAnimationFrame(() => resolve({ script, painted: performance.now() - t0 })));
})`;

interface Phases {
  served: number;
  hydrated: number | null;
  claims: number | null;
  claimsAsked: number | null;
  claimsAnswered: number | null;
  claimsLoaded: number | null;
  /** When the highlight step ended (the browser paints it in the next frame). */
  highlighted: number | null;
  painted: number;
}

/**
 * Installed in the page before its own scripts: when the reader records the entry the bench waits
 * for (the highlights painted, or the text ready), it waits two animation frames (what was drawn
 * has then been painted) and notes the time. Noting it in the page, rather than polling from here,
 * keeps the polling's delay out of the number.
 */
const PAINT_WATCH = `(() => {
  window.__warrantAt = {};
  const watch = (entry) => {
    const ready = entry.name === 'warrant:reader-ready';
    if (!ready && !(entry.name === 'warrant:paint-highlights' && entry.detail && entry.detail.passages > 0)) return;
    if (entry.name in window.__warrantAt) return;
    window.__warrantAt[entry.name] = null;
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__warrantAt[entry.name] = performance.now(); }));
  };
  const measure = performance.measure.bind(performance);
  performance.measure = (...args) => { const e = measure(...args); if (e) watch(e); return e; };
  const mark = performance.mark.bind(performance);
  performance.mark = (...args) => { const e = mark(...args); if (e) watch(e); return e; };
})()`;

/** 5,000 claims through the data layer: passages of 15–75 characters, 20% overlapping the previous. */
async function createClaims(
  store: SqliteStore,
  email: string,
  workspaceId: string,
  documentId: string,
  revisionId: string,
) {
  const { listUsers } = await import('@/db/queries/accounts');
  const { listClaimTypes } = await import('@/db/queries/claim-types');
  const { createClaim } = await import('@/db/queries/claims');
  const { getRevision } = await import('@/db/queries/revisions');
  const { claimFieldsSchema } = await import('@/lib/claims');
  const user = (await listUsers(store)).find((u) => u.email === email)!;
  const actor = { userId: user.id, isAdmin: true };
  const types = await listClaimTypes(store, { actor, workspaceId });
  const text = (await getRevision(store, { actor, documentId })).canonicalText;
  const spaces: number[] = [];
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) spaces.push(i);
  const rand = mulberry32(3);
  const started = Date.now();
  let overlapping = 0;
  let previous = { start: 0, end: 0 };
  for (let n = 0; n < CLAIMS; n++) {
    let start: number;
    if (n > 0 && rand() < 0.2) {
      start = previous.start + Math.floor((previous.end - previous.start) / 2);
      overlapping++;
    } else {
      start = spaces[Math.floor(rand() * (spaces.length - 20))]! + 1;
    }
    const min = start + 15 + Math.floor(rand() * 60);
    const end = spaces.find((s) => s > min) ?? text.length;
    const fields = claimFieldsSchema.parse({
      statement: `Generated claim ${n}`,
      typeId: types[n % types.length]!.id,
      kind: 'reported',
    });
    await createClaim(store, { actor, passage: { documentId, revisionId, start, end }, fields });
    previous = { start, end };
  }
  return { overlapping, ms: Date.now() - started };
}

async function measureOpen(
  page: Page,
  url: string,
  entry: 'warrant:paint-highlights' | 'warrant:reader-ready',
) {
  const times: number[] = [];
  const steps: number[] = [];
  let claimRequests = 0;
  const phases: Phases[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${BASE}${url}`);
    // Polled from outside (the page's CSP forbids the eval a waitForFunction predicate needs); the
    // time itself was noted in the page (PAINT_WATCH).
    for (let tries = 0; (await page.evaluate(`window.__warrantAt['${entry}'] ?? null`)) === null; tries++) {
      if (tries > 2400) throw new Error(`${entry} never happened`);
      await new Promise((r) => setTimeout(r, 50));
    }
    times.push((await page.evaluate(`window.__warrantAt['${entry}']`)) as number);
    phases.push(
      (await page.evaluate(
        `(() => { const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null; const nav = performance.getEntriesByType('navigation')[0]; const r = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/claims')); const h = performance.getEntriesByName('warrant:paint-highlights').find((e) => e.detail.passages > 0); return { painted: window.__warrantAt['${entry}'], highlighted: h ? h.startTime + h.duration : null, served: nav.responseEnd, hydrated: at('warrant:reader-ready'), claims: at('warrant:claims-received'), claimsAsked: r?.startTime ?? null, claimsAnswered: r?.responseStart ?? null, claimsLoaded: r?.responseEnd ?? null }; })()`,
      )) as Phases,
    );
    // The page preloads the claims; a second request for them would mean the preload was wasted.
    claimRequests = Math.max(
      claimRequests,
      (await page.evaluate(
        `performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/claims')).length`,
      )) as number,
    );
    steps.push(
      (await page.evaluate(
        `performance.getEntriesByName('${entry}').find((e) => !e.detail || e.detail.passages > 0).duration`,
      )) as number,
    );
  }
  const frames = (await inPage(page, SCROLL_SCRIPT, 'scrolling')) as number[];
  const change = (await inPage(page, CHANGE_SCRIPT, 'a change elsewhere')) as {
    node: number;
    attribute: number;
    text: number;
  };
  return {
    open: percentile(times, 50),
    opens: times.map((t) => Math.round(t)),
    served: percentile(
      phases.map((p) => p.served),
      50,
    ),
    step: percentile(steps, 50),
    scrollP95: percentile(frames, 95),
    change,
    frames: frames.length,
    claimRequests,
    // The timeline of the run whose time is the median.
    phases: phases.find((p) => p.painted === percentile(times, 50))!,
  };
}

/**
 * Loading a document's claims in this process, as the reader's endpoint does (the data layer and
 * its compact JSON), against a raw better-sqlite3 select of the same rows and columns (as
 * objects) and JSON.stringify: median of 7 each.
 */
async function timeClaimsQuery(store: SqliteStore, email: string, documentId: string) {
  const { listUsers } = await import('@/db/queries/accounts');
  const { listDocumentClaims } = await import('@/db/queries/claim-views');
  const { encodeReaderClaims } = await import('@/lib/reader-claims');
  const user = (await listUsers(store)).find((u) => u.email === email)!;
  const actor = { userId: user.id, isAdmin: true };
  // The same rows the data layer reads (its columns and joins), as plain objects, straight from
  // the driver (db/engines/sqlite-bulk.ts: the bench's baseline only, the app never does this).
  const { rawDocumentClaims } = await import('@/db/engines/sqlite-bulk');
  const layer: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < 7; i++) {
    let t0 = performance.now();
    JSON.stringify(encodeReaderClaims(await listDocumentClaims(store, { actor, documentId })));
    layer.push(performance.now() - t0);
    t0 = performance.now();
    JSON.stringify(rawDocumentClaims(store, documentId));
    baseline.push(performance.now() - t0);
  }
  return { layer: percentile(layer, 50), raw: percentile(baseline, 50) };
}

/**
 * Ten analysts making claims at once on the annotated document, over HTTP, each sending 20 claims
 * (passages at word boundaries). Two loads: `burst`, each analyst sending the next claim as soon
 * as the last one is answered (the server saturated: latency is mostly queueing behind the other
 * nine), and `paced`, each analyst sending one every 500 ms with jitter (20 claims a second for
 * the team, far above human pace). Latency of each request as the client sees it; errors are any
 * answer but 201. A short burst first warms the route up and is not counted.
 */
async function createConcurrently(
  store: SqliteStore,
  page: Page,
  email: string,
  documentId: string,
  workspaceId: string,
) {
  const { listUsers } = await import('@/db/queries/accounts');
  const { listClaimTypes } = await import('@/db/queries/claim-types');
  const { getRevision } = await import('@/db/queries/revisions');
  const user = (await listUsers(store)).find((u) => u.email === email)!;
  const actor = { userId: user.id, isAdmin: true };
  const types = await listClaimTypes(store, { actor, workspaceId });
  const revision = await getRevision(store, { actor, documentId });
  const text = revision.canonicalText;
  const rand = mulberry32(11);
  const passage = randomPassages(text, rand);
  const run = async (pace: number, each = 20) => {
    const latencies: number[] = [];
    let errors = 0;
    const analyst = async (a: number) => {
      for (let n = 0; n < each; n++) {
        if (pace) await new Promise((r) => setTimeout(r, pace * (0.5 + rand())));
        const { start, end } = passage();
        const t0 = performance.now();
        const res = await page.request.post(`${BASE}/api/documents/${documentId}/claims`, {
          headers: { Origin: BASE },
          data: {
            passage: { revisionId: revision.id, start, end },
            fields: {
              statement: `Concurrent claim ${a}.${n}`,
              typeId: types[n % types.length]!.id,
              kind: 'reported',
            },
          },
        });
        latencies.push(performance.now() - t0);
        if (res.status() !== 201) errors++;
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 10 }, (_, a) => analyst(a)));
    return {
      requests: latencies.length,
      errors,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      wallMs: performance.now() - t0,
    };
  };
  // A server that has been up a while: the first requests of a route load its modules and warm the
  // JIT, which is not what an analyst meets on a running server (30 claims, not counted).
  await run(0, 3);
  return { burst: await run(0), paced: await run(500) };
}

const fmt = (c: { node: number; attribute: number; text: number }) =>
  [c.node, c.attribute, c.text].map((v) => v.toFixed(1)).join(' / ');

async function profileOpen(page: Page, url: string, file: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.goto('about:blank');
  await cdp.send('Profiler.start');
  await page.goto(`${BASE}${url}`);
  while (!(await page.evaluate(`performance.getEntriesByName('warrant:paint-highlights').length > 0`))) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.waitForTimeout(100);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
  writeFileSync(file, JSON.stringify(profile));
  await cdp.detach();
}

async function main() {
  const email = 'bench@example.org';
  const password = 'bench password 2026';
  cli('user', 'create', '--email', email, '--password', password, '--admin');
  cli('workspace', 'create', '--name', 'Bench', '--owner', email);
  // The claims are written through the data layer of this process, on the same database file as
  // the server's (its own store: two processes, as SQLite in WAL mode allows).
  const { openSqliteStore } = await import('@/db/engines/sqlite');
  const store = openSqliteStore({ file: env.DATABASE_PATH });
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForServer();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(PAINT_WATCH);
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/w\//);
    const workspaceId = /\/w\/([^/]+)/.exec(page.url())![1]!;

    const markdown = generateMarkdown(WORDS);
    const importDoc = async (title: string) => {
      const t0 = Date.now();
      const res = await page.request.post(`${BASE}/api/workspaces/${workspaceId}/documents`, {
        data: { title, format: 'markdown', content: markdown },
      });
      if (res.status() !== 201) throw new Error(`Import failed: ${res.status()} ${await res.text()}`);
      const body = (await res.json()) as {
        url: string;
        words: number;
        document: { id: string; currentRevisionId: string };
      };
      return { ...body, ms: Date.now() - t0 };
    };
    const annotated = await importDoc('Generated brief, annotated');
    const bare = await importDoc('Generated brief, no claims');
    const created = await createClaims(
      store,
      email,
      workspaceId,
      annotated.document.id,
      annotated.document.currentRevisionId,
    );

    const withClaims = await measureOpen(page, annotated.url, 'warrant:paint-highlights');
    const without = await measureOpen(page, bare.url, 'warrant:reader-ready');
    // BENCH_PROFILE=file.cpuprofile: one more open with highlights, under the JS profiler (open the
    // file in Chromium's DevTools, Performance panel) to see where the main thread spends the open.
    if (process.env.BENCH_PROFILE) await profileOpen(page, annotated.url, process.env.BENCH_PROFILE);

    // The claims request alone: over HTTP (sign-in check, query, JSON), and its query in process.
    const endpointMs: number[] = [];
    let claimsBytes = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await page.request.get(`${BASE}/api/documents/${annotated.document.id}/claims`);
      claimsBytes = (await res.body()).length;
      endpointMs.push(performance.now() - t0);
    }
    const queryMs = await timeClaimsQuery(store, email, annotated.document.id);
    const concurrent = await createConcurrently(store, page, email, annotated.document.id, workspaceId);

    const html = `<!doctype html><html><body style="max-width:42rem;margin:auto;font:18px/1.7 Georgia,serif">${markdownToHtml(markdown)}</body></html>`;
    const statics: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = Date.now();
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.body.offsetHeight');
      statics.push(Date.now() - start);
    }
    type Way = { script: number; painted: number };
    const paintWays = { highlight: [] as Way[], mark: [] as Way[] };
    // The two ways of painting compared on the static page, at the default size only: <mark>
    // wrapping 20,000 passages over 200,000 words takes minutes per run.
    const compareWays = !LARGE;
    for (let i = 0; compareWays && i < RUNS; i++) {
      for (const way of ['highlight', 'mark'] as const) {
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.body.offsetHeight');
        paintWays[way].push(
          (await inPage(page, PAINT_WAYS_SCRIPT(way, CLAIMS), `painting by ${way}`)) as Way,
        );
      }
    }
    const median = (list: Way[], key: keyof Way) =>
      list.length
        ? percentile(
            list.map((w) => w[key]),
            50,
          )
        : null;
    const highlightApiMs = median(paintWays.highlight, 'painted');
    const markWrapMs = median(paintWays.mark, 'script');
    const markPaintedMs = median(paintWays.mark, 'painted');
    await browser.close();
    const reanchor = runReanchorBench(WORDS, CLAIMS);
    // The same edit at larger scales (issue 16): 20,000 and 50,000 passages, ten words of text each.
    const reanchorScales = LARGE
      ? []
      : [20_000, 50_000].map((passages) => runReanchorBench(passages * 10, passages));

    const results = {
      words: annotated.words,
      claims: CLAIMS,
      overlapping: created.overlapping,
      importMs: annotated.ms,
      createClaimsMs: created.ms,
      openWithHighlightsMs: Math.round(withClaims.open),
      openWithoutHighlightsMs: Math.round(without.open),
      pageServedWithMs: Math.round(withClaims.served),
      pageServedWithoutMs: Math.round(without.served),
      openRatio: Number((withClaims.open / without.open).toFixed(2)),
      highlightStepMs: Math.round(withClaims.step),
      staticHighlightApiMs: round(highlightApiMs),
      staticMarkWrapMs: round(markWrapMs),
      staticMarkPaintedMs: round(markPaintedMs),
      highlightStepToMarkRatio: markWrapMs ? Number((withClaims.step / markWrapMs).toFixed(3)) : null,
      staticHighlightToMarkPaintedRatio:
        highlightApiMs && markPaintedMs ? Number((highlightApiMs / markPaintedMs).toFixed(3)) : null,
      claimRequestsPerOpen: withClaims.claimRequests,
      claimsEndpointMs: Math.round(percentile(endpointMs, 50)),
      claimsQueryMs: Math.round(queryMs.layer),
      claimsRawSelectMs: Math.round(queryMs.raw),
      claimsLoadRatio: Number((queryMs.layer / queryMs.raw).toFixed(2)),
      createBurstP50Ms: Math.round(concurrent.burst.p50),
      createBurstP99Ms: Math.round(concurrent.burst.p99),
      createPacedP50Ms: Math.round(concurrent.paced.p50),
      createPacedP99Ms: Math.round(concurrent.paced.p99),
      createErrors: concurrent.burst.errors + concurrent.paced.errors,
      claimsBytes,
      scrollP95WithMs: withClaims.scrollP95,
      scrollP95WithoutMs: without.scrollP95,
      scrollRatio: Number((withClaims.scrollP95 / without.scrollP95).toFixed(2)),
      changeWithMs: withClaims.change,
      changeWithoutMs: without.change,
      staticPageMs: percentile(statics, 50),
      reanchorMs: reanchor.ms,
      reanchorCorrect: reanchor.correct,
      reanchorFuzzy: reanchor.fuzzy,
      reanchorOrphaned: reanchor.orphaned,
      reanchorWrong: reanchor.wrong,
      reanchorScales,
    };
    const lines = [
      `Reader, ${results.words.toLocaleString('en')}-word document; ${CLAIMS} claims (${created.overlapping} overlapping); median of ${RUNS} opens`,
      `  import over HTTP (parse, sanitize, store):     ${results.importMs} ms`,
      `  open until painted, with the highlights:      ${results.openWithHighlightsMs} ms`,
      `  open until painted, same page without claims: ${results.openWithoutHighlightsMs} ms   ratio ${results.openRatio}`,
      `  each open until painted, in order (the first is the browser's first sight of the text), with: ${withClaims.opens.join(', ')} ms; without: ${without.opens.join(', ')} ms`,
      `  of which the server's answer (page received), with / without: ${results.pageServedWithMs} / ${results.pageServedWithoutMs} ms`,
      `  the highlight step alone:                     ${results.highlightStepMs} ms   ratio ${results.highlightStepToMarkRatio} to <mark> wrapping's script and layout`,
      `  the same ${CLAIMS} passages painted on the static page, until painted: CSS highlights ${results.staticHighlightApiMs} ms, <mark> wrapping ${results.staticMarkPaintedMs} ms (ratio ${results.staticHighlightToMarkPaintedRatio}); <mark> wrapping's script and layout alone ${results.staticMarkWrapMs} ms`,
      `  requests for the claims per open (1 = the preload was used): ${results.claimRequestsPerOpen}`,
      `  timeline of one open (ms from navigation): page received ${Math.round(withClaims.phases.served)}, text ready ${Math.round(withClaims.phases.hydrated ?? NaN)}, claims received ${Math.round(withClaims.phases.claims ?? NaN)}, highlights set ${Math.round(withClaims.phases.highlighted ?? NaN)}, painted ${Math.round(withClaims.phases.painted)}`,
      `  the claims request (ms from navigation): sent ${Math.round(withClaims.phases.claimsAsked ?? NaN)}, first byte ${Math.round(withClaims.phases.claimsAnswered ?? NaN)}, last byte ${Math.round(withClaims.phases.claimsLoaded ?? NaN)}`,
      `  the claims endpoint alone, over HTTP: ${results.claimsEndpointMs} ms (${Math.round(claimsBytes / 1024)} KiB)`,
      `  loading the ${CLAIMS} claims in process, data layer + JSON / raw select + JSON: ${results.claimsQueryMs} / ${results.claimsRawSelectMs} ms   ratio ${results.claimsLoadRatio}`,
      `  scrolling p95 frame, with / without:          ${results.scrollP95WithMs.toFixed(1)} / ${results.scrollP95WithoutMs.toFixed(1)} ms   ratio ${results.scrollRatio}`,
      `  a change elsewhere on the page until painted (node added / attribute / text), with: ${fmt(withClaims.change)} ms; without: ${fmt(without.change)} ms`,
      `  the same text as a static HTML page:          ${results.staticPageMs} ms`,
      `Re-anchoring after 200 inserted sentences and 5% of the quotes altered:`,
      ...[reanchor, ...reanchorScales].map(
        (r) =>
          `  ${r.passages} passages over ${r.words} words: ${r.ms} ms; ${r.correct} correct (${((100 * r.correct) / r.passages).toFixed(1)}%, ${r.fuzzy} of them fuzzy), ${r.orphaned} orphaned, ${r.wrong} moved to a wrong passage`,
      ),
      `Making claims, 10 analysts at once over HTTP on the annotated document, 200 claims each load:`,
      `  paced (one every 500 ms each): p50 ${results.createPacedP50Ms} ms, p99 ${results.createPacedP99Ms} ms; burst (back to back): p50 ${results.createBurstP50Ms} ms, p99 ${results.createBurstP99Ms} ms, ${Math.round(concurrent.burst.wallMs)} ms for all; ${results.createErrors} errors`,
    ];
    console.log(lines.join('\n'));
    console.log(JSON.stringify(results));
    // BENCH_WRITE_DOCS=1: the table of docs/benchmarks.md from this run (bench/report.ts).
    if (process.env.BENCH_WRITE_DOCS === '1')
      writeSection(isLargeReaderRun(results) ? 'reader-large' : 'reader', readerTable(results, today()));
  } finally {
    server.kill('SIGTERM');
    await store.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }

  // Heavy operations and the event loop, the exports, then claim creation on 1 and 2 processes and on PostgreSQL: scratch databases
  // and servers of their own, once this server is gone. BENCH_ONLY=reader skips them.
  if (process.env.BENCH_ONLY === 'reader') return;
  for (const bench of [
    'bench/event-loop.ts',
    'bench/export.ts',
    'bench/light-paths.ts',
    'bench/search.ts',
    'bench/processes.ts',
  ]) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', bench], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    });
    console.log(output.trimEnd());
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
