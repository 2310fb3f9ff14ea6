/**
 * Light paths at scale (issue 15, item 5): at 100,000 claims in 200 topics of ~150 claims (the
 * export bench's generator, bench/export.ts), the requests every analyst makes all day must not
 * grow with the workspace. Measured over HTTP on `npm start` (one process, the scratch SQLite
 * database), one client, each request 30 times after 5 warm-ups, medians and p90:
 *
 * - the documents list (GET /api/v1/workspaces/{id}/documents): target ≤ 20 ms;
 * - making a claim (POST /api/v1/documents/{id}/claims): ≤ 15 ms;
 * - a write to a claim in the largest topic (PATCH /api/v1/claims/{id}, its quantity moved so that
 *   it competes with other values of the topic, and back): ≤ 20 ms;
 * - and, in process, a rules-version recompute of every claim's contested state in batches
 *   (recomputeAllContested, as the server runs it in the background after a rules change):
 *   ≥ 2,000 claims/s.
 *
 * The baseline of the same run is a request that does not touch the workspace's size: reading one
 * claim (GET /api/v1/claims/{id}).
 *
 * `npx tsx bench/light-paths.ts` prints the lines and a JSON summary; `npm run bench` calls it.
 * BENCH_LIGHT_CLAIMS (default 100000) changes the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SqliteStore } from '@/db/engines/sqlite';
import { createScratch, scratchServerEnv, settleScratch, type Scratch } from './export';
import { lightPathsTable, today, writeSection } from './report';

export interface Timing {
  p50: number;
  p90: number;
  runs: number;
}

export interface LightPathsBench {
  claims: number;
  targets: typeof LIGHT_TARGETS;
  topicClaims: number;
  baseline: Timing;
  documentsList: Timing;
  createClaim: Timing;
  topicWrite: Timing;
  /** The same write through the data layer in process (updateClaim: its transaction and the contested refresh). */
  topicWriteInProcess: Timing;
  recompute: { claims: number; ms: number; perSecond: number; batches: number; longestBatchMs: number };
  /** Reading a claim on a server that started with out-of-date rules, while it recomputes. */
  whileRecomputing: Timing & { p99: number; readyMs: number; stillRunning: boolean };
  lines: string[];
}

export const LIGHT_TARGETS = { documentsList: 20, createClaim: 15, topicWrite: 20, recomputePerSecond: 2000 };

const PORT = Number(process.env.BENCH_LIGHT_PORT ?? 3250);
const RUNS = 30;
const WARM = 5;

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p90: at(0.9), runs: sorted.length };
}

async function timed(times: number, fn: (i: number) => Promise<void>): Promise<Timing> {
  for (let i = 0; i < WARM; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return timing(samples);
}

async function call(base: string, token: string, method: string, url: string, body?: unknown, etag?: string) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(etag ? { 'If-Match': etag } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, etag: res.headers.get('etag') };
}

/** The largest topic's claims, and one of them with a quantity (the one the bench edits). */
async function largestTopic(store: SqliteStore, workspaceId: string) {
  const { claims } = await import('@/db/schema');
  const { and, count, desc, eq, isNotNull, isNull } = await import('drizzle-orm');
  const [top] = await store.db
    .select({ topicId: claims.topicId, n: count() })
    .from(claims)
    .where(and(eq(claims.workspaceId, workspaceId), isNotNull(claims.topicId), isNull(claims.deletedAt)))
    .groupBy(claims.topicId)
    .orderBy(desc(count()))
    .limit(1);
  const [claim] = await store.db
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.topicId, top!.topicId!), isNotNull(claims.quantityMin), isNull(claims.deletedAt)))
    .limit(1);
  return { topicClaims: top!.n, claimId: claim!.id };
}

const serverEnv = (scratch: Scratch) => scratchServerEnv(scratch, PORT);

const BASE = `http://127.0.0.1:${PORT}`;

async function overHttp(scratch: Scratch, token: string, documentId: string, topicClaimId: string) {
  const { startServer, stopServer } = await import('./processes');
  const base = BASE;
  const server = await startServer(serverEnv(scratch));
  try {
    const claimId = scratch.firstClaimId();
    const baseline = await timed(RUNS, async () => {
      await call(base, token, 'GET', `/api/v1/claims/${claimId}`);
    });
    const documentsList = await timed(RUNS, async () => {
      await call(base, token, 'GET', `/api/v1/workspaces/${scratch.workspaceId}/documents`);
    });
    const createClaim = await timed(RUNS, async (i) => {
      await call(base, token, 'POST', `/api/v1/documents/${documentId}/claims`, {
        statement: `The convoy left Kidal at dawn, a driver said (bench ${i})`,
        typeId: scratch.typeId,
        kind: 'reported',
        target: {
          selector: { type: 'TextPositionSelector', start: 10 + ((i + 10) % 50), end: 60 + ((i + 10) % 50) },
        },
      });
    });
    // The claim's quantity alternates between a value far below and far above the topic's, so
    // that its competing set (and every sibling's) changes on each write.
    let { etag } = await call(base, token, 'GET', `/api/v1/claims/${topicClaimId}`);
    const topicWrite = await timed(RUNS, async (i) => {
      const value = i % 2 ? 1 : 100_000;
      const res = await call(
        base,
        token,
        'PATCH',
        `/api/v1/claims/${topicClaimId}`,
        { quantity: { amount: value, unit: 'people' } },
        etag ?? undefined,
      );
      etag = res.etag;
    });
    return { baseline, documentsList, createClaim, topicWrite };
  } finally {
    await stopServer(server);
  }
}

/**
 * The server started on a database whose contested rules are out of date: it serves at once and
 * recomputes in the background. One client reads a claim for 10 s meanwhile (the recompute of
 * 100k claims takes longer); says whether the recompute was still running at the end.
 */
async function duringRecompute(scratch: Scratch, token: string) {
  const { startServer, stopServer } = await import('./processes');
  const { readSetting, writeSetting, clearSetting } = await import('@/db/queries/settings');
  await scratch.store.transaction(async (tx) => {
    await writeSetting(tx, 'contestedRulesVersion', 0);
    await clearSetting(tx, 'contestedRecomputeLease');
  });
  const started = performance.now();
  const server = await startServer(serverEnv(scratch));
  try {
    const readyMs = performance.now() - started;
    const claimId = scratch.firstClaimId();
    const samples: number[] = [];
    const until = performance.now() + 10_000;
    while (performance.now() < until) {
      const t = performance.now();
      await call(BASE, token, 'GET', `/api/v1/claims/${claimId}`);
      samples.push(performance.now() - t);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const stillRunning = (await readSetting(scratch.store.db, 'contestedRulesVersion')) === 0;
    return {
      readyMs,
      ...timing(samples),
      p99: sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]!,
      stillRunning,
    };
  } finally {
    await stopServer(server);
  }
}

/** The topic write of the HTTP phase, through the data layer (the server is stopped). */
async function inProcessTopicWrite(scratch: Scratch, claimId: string): Promise<Timing> {
  const { updateClaim } = await import('@/db/queries/claims');
  const { claimFieldsSchema } = await import('@/lib/claims');
  const { claims } = await import('@/db/schema');
  const { eq } = await import('drizzle-orm');
  const actor = { userId: scratch.userId, isAdmin: false };
  const [row] = await scratch.store.db.select().from(claims).where(eq(claims.id, claimId));
  let version = row!.version;
  return timed(RUNS, async (i) => {
    const value = i % 2 ? 1 : 100_000;
    ({ version } = await updateClaim(scratch.store, {
      actor,
      claimId,
      expectedVersion: version,
      fields: claimFieldsSchema.parse({
        statement: row!.statement,
        typeId: row!.typeId,
        kind: row!.kind,
        amount: String(value),
        unit: 'people',
        topicId: row!.topicId,
      }),
    }));
  });
}

/** The rules-version recompute, in process on the scratch database (the server is stopped). */
async function recompute(store: SqliteStore) {
  const { recomputeAllContested } = await import('@/db/queries/contested');
  let batches = 0;
  let longestBatchMs = 0;
  let last = performance.now();
  const t0 = last;
  const { claims } = await recomputeAllContested(store, {
    onBatch: () => {
      const now = performance.now();
      longestBatchMs = Math.max(longestBatchMs, now - last);
      last = now;
      batches++;
    },
  });
  const ms = performance.now() - t0;
  return { claims, ms, perSecond: (claims / ms) * 1000, batches, longestBatchMs };
}

export async function runLightPathsBench(
  size = Number(process.env.BENCH_LIGHT_CLAIMS ?? 100_000),
): Promise<LightPathsBench> {
  const dir = mkdtempSync(path.join(tmpdir(), 'warrant-light-bench-'));
  let store: SqliteStore | undefined;
  try {
    const scratch = await createScratch(dir);
    store = scratch.store;
    await scratch.addClaims(size);
    // The generator writes contested states at random: the recompute sets them by the rules first.
    const recomputed = await recompute(store);
    // Recorded as done, with the search index built, so that the server does not start either in
    // the background while the light paths are measured.
    await settleScratch(store, { contested: false });
    const { topicClaims, claimId } = await largestTopic(store, scratch.workspaceId);
    const { createApiTokenForEmail } = await import('@/db/queries/api-tokens');
    const { token } = await createApiTokenForEmail(scratch.store, {
      email: scratch.ownerEmail,
      name: 'bench',
    });
    const http = await overHttp(scratch, token, scratch.picks()['@document'], claimId);
    const topicWriteInProcess = await inProcessTopicWrite(scratch, claimId);
    const whileRecomputing = await duringRecompute(scratch, token);
    const f = (n: number) => n.toFixed(1);
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const row = (label: string, t: Timing, target: number) =>
      `  ${label}: p50 ${f(t.p50)} ms, p90 ${f(t.p90)} ms (${t.runs} runs); target ≤ ${target} ms: ${verdict(t.p50 <= target)}`;
    const lines = [
      `Light paths at ${size.toLocaleString('en')} claims (200 topics, the largest ${topicClaims} claims), over HTTP, npm start with 1 process on SQLite, one client`,
      `  baseline, reading one claim: p50 ${f(http.baseline.p50)} ms, p90 ${f(http.baseline.p90)} ms`,
      row('the documents list', http.documentsList, LIGHT_TARGETS.documentsList),
      row('making a claim', http.createClaim, LIGHT_TARGETS.createClaim),
      row(`a write to a claim in the ${topicClaims}-claim topic`, http.topicWrite, LIGHT_TARGETS.topicWrite),
      row('  the same write in process (updateClaim)', topicWriteInProcess, LIGHT_TARGETS.topicWrite),
      `  the server started with out-of-date rules: ready in ${Math.round(whileRecomputing.readyMs).toLocaleString('en')} ms, then reading a claim while it recomputes in the background: p50 ${f(whileRecomputing.p50)} ms, p90 ${f(whileRecomputing.p90)} ms, p99 ${f(whileRecomputing.p99)} ms (${whileRecomputing.runs} requests in 10 s; ${whileRecomputing.stillRunning ? 'still recomputing at the end' : 'the recompute had ended'})`,
      `  the rules-version recompute of every claim: ${recomputed.claims.toLocaleString('en')} claims in ${Math.round(recomputed.ms).toLocaleString('en')} ms, ${Math.round(recomputed.perSecond).toLocaleString('en')} claims/s in ${recomputed.batches} batches (longest ${f(recomputed.longestBatchMs)} ms); target ≥ ${LIGHT_TARGETS.recomputePerSecond.toLocaleString('en')} claims/s: ${verdict(recomputed.perSecond >= LIGHT_TARGETS.recomputePerSecond)}`,
    ];
    return {
      claims: size,
      targets: LIGHT_TARGETS,
      topicClaims,
      ...http,
      topicWriteInProcess,
      recompute: recomputed,
      whileRecomputing,
      lines,
    };
  } finally {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  runLightPathsBench()
    .then(({ lines, ...results }) => {
      console.log(lines.join('\n'));
      console.log(JSON.stringify({ lightPaths: results }));
      if (process.env.BENCH_WRITE_DOCS === '1')
        writeSection('light-paths', lightPathsTable(results, today()));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
