/**
 * Export at scale (DESIGN.md section 7: 100k claims, CSV ≤ 1.5 s and ≤ 150 MB peak, XLSX ≤ 6 s and
 * ≤ 250 MB, memory flat as rows grow). Builds a scratch database (migrations, a user and a
 * workspace and a short document through the data layer), then adds claims in bulk in one
 * transaction per step — anchors on the document, 0–3 tags, 1–2 evidence links to a few dozen
 * sources, 0–3 assessments by three analysts, some topics with quantities — up to 25k, 50k and
 * 100k claims. The bulk rows go in through the SQLite engine's bench support
 * (db/engines/sqlite-bulk.ts: typed by the schema, none of the data layer's checks); what is
 * measured goes through the real data layer. At each step every export runs in its own child
 * process (the store, openExport + serialize, bytes to /dev/null), so that its peak RSS is its
 * own; the baseline, in the same run, is a raw better-sqlite3 select of the claims
 * (rawWorkspaceClaims, beside the bulk loader) + JSON.stringify per row, also in a child.
 *
 * At the largest point, CSV exports of the evidence table's filtered views too (one child each, the
 * same runs), since each filter adds its own statements: BENCH_EXPORT_FILTERS lists them, `;`
 * between views, `,` between a view's filters, `@source`, `@topic`, `@author` and `@document` for
 * an id the generator knows (the first source by name, the topic with the most claims, the first
 * author by name, the document: the same in every run); "none" for none.
 *
 * `npx tsx bench/export.ts` prints the lines and a JSON summary; `npm run bench` calls it at the end.
 * BENCH_EXPORT_CLAIMS="25000,50000,100000" and BENCH_EXPORT_RUNS (runs at the largest point) change it
 * (e.g. BENCH_EXPORT_CLAIMS=20000 BENCH_EXPORT_RUNS=1 BENCH_EXPORT_FILTERS=none while iterating).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { SqliteStore } from '@/db/engines/sqlite';
import { generateMarkdown, mulberry32 } from './generate';
import { exportTable, today, writeSection } from './report';

/** An export, the raw baseline, or a view of the evidence table page (getEvidenceTable). */
type Format = 'csv' | 'xlsx' | 'raw' | 'table' | 'table-sorted' | 'table-sources';

export interface ExportMeasure {
  ms: number;
  /** CPU time of the child during the export (all its threads: zlib, the garbage collector). */
  cpuMs: number;
  /** Peak resident set of the child process (MB), modules included. */
  peakMb: number;
  /** Resident set once the modules were loaded, before the export started (MB). */
  startMb: number;
  bytes: number;
}

export interface ExportBenchPoint {
  claims: number;
  evidenceRows: number;
  raw: ExportMeasure;
  csv: ExportMeasure;
  xlsx: ExportMeasure;
}

/** A CSV export of a filtered view of the evidence table, at the largest point. */
export interface FilteredExportMeasure {
  /** The view, as given (`stance=supports`, `source=@source,credibility=3`). */
  view: string;
  csv: ExportMeasure;
}

/** The filtered views measured by default (BENCH_EXPORT_FILTERS). */
const DEFAULT_FILTERS =
  'stance=supports;tag=ransom;q=Bamako;likelihood=likely,confidence=high;source=@source,credibility=3;' +
  'reliability=B;status=accepted,contested=yes;topic=@topic;anchor=exact,author=@author';

export interface ExportBench {
  points: ExportBenchPoint[];
  filtered: FilteredExportMeasure[];
  runs: number;
  /** Resident set of an idle `node` and of an idle `node --import tsx` (MB): the loader's share. */
  loader: { nodeMb: number; tsxMb: number };
  /** Load average (1 min) before and after the measurements. */
  load: [number, number];
  lines: string[];
  underLoad?: UnderLoad;
}

const TARGETS = { csv: { ms: 1500, mb: 150 }, xlsx: { ms: 6000, mb: 250 } } as const;
const MB = 1024 * 1024;

/* ------------------------------------------------------------------------------------------- */
/* The child: one export, measured.                                                             */

async function runChild(format: Format): Promise<void> {
  const workspaceId = process.env.BENCH_WORKSPACE_ID!;
  const userId = process.env.BENCH_USER_ID!;
  const { openSqliteStore } = await import('@/db/engines/sqlite');
  const { rawWorkspaceClaims } = await import('@/db/engines/sqlite-bulk');
  const { openExport } = await import('@/db/queries/export');
  const { serialize } = await import('@/lib/export');
  const store = openSqliteStore({ file: process.env.DATABASE_PATH });
  const out = openSync('/dev/null', 'w');
  const startMb = process.memoryUsage().rss / MB;
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (format === 'raw') {
    const rows = rawWorkspaceClaims(store, workspaceId);
    let buffer = '';
    for (const row of rows) {
      buffer += JSON.stringify(row) + '\n';
      if (buffer.length > 65_536) {
        bytes += writeSync(out, buffer);
        buffer = '';
      }
    }
    bytes += writeSync(out, buffer);
  } else if (format.startsWith('table')) {
    const { getEvidenceTable } = await import('@/db/queries/evidence-table');
    const table = await getEvidenceTable(store, {
      actor: { userId, isAdmin: false },
      workspaceId,
      filters: {},
      baseUrl: '',
      view: format === 'table-sources' ? 'sources' : 'evidence',
      sort: format === 'table-sorted' ? 'statement' : undefined,
    });
    bytes = JSON.stringify(table).length;
  } else {
    const { evidenceTableFiltersSchema } = await import('@/lib/export/table-filters');
    const filters = evidenceTableFiltersSchema.parse(JSON.parse(process.env.BENCH_EXPORT_FILTER ?? '{}'));
    await openExport(
      store,
      { actor: { userId, isAdmin: false }, workspaceId, baseUrl: 'http://localhost:3000', filters },
      async (data) => {
        for await (const chunk of serialize(format as 'csv' | 'xlsx', data)) bytes += writeSync(out, chunk);
      },
    );
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  closeSync(out);
  await store.close();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ ms, cpuMs, peakMb, startMb, bytes } satisfies ExportMeasure) + '\n');
}

/* ------------------------------------------------------------------------------------------- */
/* The parent: the scratch database, the claims, the children.                                  */

const SENTENCES = [
  'Officials in Bamako confirmed the exchange took place at the airport',
  'The ransom was paid through intermediaries in Algiers, according to two sources',
  'The armed group denied that any payment was made',
  'Negotiators met for three weeks before the convoy left Kidal',
  'The minister said the list of names was agreed in September',
  'A spokesperson described the figure as "grossly exaggerated"',
  'Local authorities counted the prisoners released, including those from Gao',
  'The coalition leadership was not informed, a diplomat said',
];

function phrase(rand: () => number, min: number, max: number): string {
  const parts: string[] = [];
  const n = min + Math.floor(rand() * (max - min + 1));
  for (let i = 0; i < n; i++) parts.push(SENTENCES[Math.floor(rand() * SENTENCES.length)]!);
  let text = parts.join('; ');
  // A few awkward cells: commas and quotes are common, line breaks and formula-like starts rare.
  const r = rand();
  if (r < 0.02) text = `${text}\nSecond paragraph, with "quotes".`;
  else if (r < 0.03) text = `=${text}`;
  else if (r < 0.05) text = `-${text}`;
  return text;
}

export interface Scratch {
  dbPath: string;
  /** The parent's store on the scratch database (closed at the end). */
  store: SqliteStore;
  workspaceId: string;
  userId: string;
  /** Adds claims; answers the evidence rows in all. */
  addClaims: (count: number) => Promise<number>;
  /** The ids a view's `@` names stand for, as they are after the claims added so far. */
  picks: () => Record<'@source' | '@topic' | '@author' | '@document', string>;
  /** The first claim added, and the email of the workspace's owner (the under-load phase). */
  firstClaimId: () => string;
  ownerEmail: string;
  /** A claim type of the workspace (for claims made over HTTP). */
  typeId: string;
}

export async function createScratch(dir: string): Promise<Scratch> {
  const dbPath = path.join(dir, 'export.db');
  const { openSqliteStore } = await import('@/db/engines/sqlite');
  const { bulkLoad } = await import('@/db/engines/sqlite-bulk');
  const schema = await import('@/db/schema');
  const { createUser } = await import('@/db/queries/accounts');
  const { createWorkspace } = await import('@/db/queries/workspaces');
  const { importDocument } = await import('@/db/queries/documents');
  const { recountDocumentClaims } = await import('@/db/queries/document-counts');
  const { recountAllEvidenceLinks } = await import('@/db/queries/evidence-links');
  const { recountAllTagsKeys } = await import('@/db/queries/claims');
  const { keepAllPassageKeys } = await import('@/db/queries/passage-keys');
  const { keepAllAssessmentKeys } = await import('@/db/queries/assessment-key');
  const { listClaimTypes } = await import('@/db/queries/claim-types');
  const { convertToDocument } = await import('@/lib/documents/convert');
  const { CLAIM_KIND_KEYS, LIKELIHOOD_KEYS, CONFIDENCES, STANCES, RELIABILITY_CODES, SOURCE_KINDS } =
    await import('@/lib/scales');
  const { CLAIM_STATUSES } = await import('@/lib/vocabulary');
  const store = openSqliteStore({ file: dbPath });
  await store.migrate();

  const names = ['Ana Duarte', 'Ben Okafor', 'Chloé Martin'];
  const analysts: string[] = [];
  const emails: string[] = [];
  let firstClaim = '';
  for (const name of names) {
    const email = `${name
      .split(' ')[0]!
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z]/g, '')}@example.org`;
    emails.push(email);
    analysts.push((await createUser(store, { email, password: 'bench password 2026', name })).userId);
  }
  const owner = { userId: analysts[0]!, isAdmin: false };
  const { workspaceId } = await createWorkspace(store, { actor: owner, name: 'Export bench' });
  // Fixture rows in bulk (db/engines/sqlite-bulk.ts): typed by the schema, one transaction per step.
  await bulkLoad(store, (insert) => {
    for (const userId of analysts.slice(1))
      insert(schema.memberships, { workspaceId, userId, role: 'editor' });
  });

  const converted = await convertToDocument('markdown', generateMarkdown(3000, 5));
  const document = await importDocument(store, {
    actor: owner,
    workspaceId,
    metadata: {
      title: 'Generated brief',
      author: null,
      outlet: null,
      sourceUrl: null,
      publishedOn: null,
      language: null,
      notes: null,
    },
    format: 'markdown',
    converted,
  });
  const text = converted.text;
  const spaces: number[] = [];
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) spaces.push(i);
  const types = (await listClaimTypes(store, { actor: owner, workspaceId })).map((t) => t.id);

  const rand = mulberry32(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const t0 = Date.UTC(2026, 0, 1);
  const at = (ms: number) => new Date(ms);
  const sources: { id: string; name: string }[] = [];
  const topics: { id: string; question: string; claims: number }[] = [];
  await bulkLoad(store, (insert) => {
    for (let i = 0; i < 40; i++) {
      const source = { id: randomUUID(), name: `Source ${i + 1}${i % 7 === 0 ? ', Bamako bureau' : ''}` };
      sources.push(source);
      insert(schema.sources, {
        ...source,
        workspaceId,
        kind: pick(SOURCE_KINDS),
        url: i % 3 ? `https://example.org/source/${i}` : null,
        description: i % 2 ? phrase(rand, 1, 1) : null,
        reliability: pick(RELIABILITY_CODES),
        createdBy: owner.userId,
        createdAt: at(t0),
        updatedAt: at(t0),
      });
    }
    for (let i = 0; i < 200; i++) {
      const topic = { id: randomUUID(), question: `How many people were released in exchange ${i + 1}?` };
      topics.push({ ...topic, claims: 0 });
      insert(schema.topics, { ...topic, workspaceId, createdBy: owner.userId, createdAt: at(t0) });
    }
  });

  const TAGS = ['ransom', 'prisoners', 'Bamako, Mali', 'negotiation', 'casualties', 'figures', 'disputed'];
  // Drafts twice as often as each other status.
  const STATUSES = ['draft', ...CLAIM_STATUSES] as const;
  const KINDS = [CLAIM_KIND_KEYS[0], ...CLAIM_KIND_KEYS];
  const MIXED = [{ kind: 'mixed_evidence' as const, key: 'mixed_evidence', detail: 'Sources disagree.' }];
  const claimsBy = new Map<string, number>();
  let made = 0;
  let evidenceRows = 0;

  const addClaims = async (count: number) => {
    const rows = await addRows(count);
    // The bulk rows go around the data layer: the documents' claim counts, the claims' evidence
    // links, their tags and their passages as the table sorts them are counted again.
    await store.transaction(async (tx) => {
      await recountDocumentClaims(tx);
      await recountAllEvidenceLinks(tx);
      await recountAllTagsKeys(tx);
      await keepAllPassageKeys(tx);
      await keepAllAssessmentKeys(tx);
    });
    return rows;
  };
  const addRows = (count: number) =>
    bulkLoad(store, (insert) => {
      for (let n = 0; n < count; n++, made++) {
        const id = randomUUID();
        firstClaim ||= id;
        const time = t0 + made * 1000;
        const topic = rand() < 0.3 ? pick(topics) : null;
        const quantity = topic && rand() < 0.8;
        const min = quantity ? Math.floor(rand() * 300) : null;
        const status = pick(STATUSES);
        const claim = {
          id,
          workspaceId,
          typeId: pick(types),
          statement: phrase(rand, 1, 2),
          kind: pick(KINDS),
          topicId: topic?.id ?? null,
          quantityMin: min,
          quantityMax: quantity ? min! + Math.floor(rand() * 20) : null,
          quantityUnit: quantity ? 'people' : null,
          status,
          contested: rand() < 0.1 ? MIXED : [],
          createdBy: pick(analysts),
          createdAt: at(time),
          updatedAt: at(time),
        };
        insert(schema.claims, claim);
        if (topic) topic.claims++;
        claimsBy.set(claim.createdBy, (claimsBy.get(claim.createdBy) ?? 0) + 1);
        const tags = new Set<string>();
        for (let k = Math.floor(rand() * 4); k > 0; k--) tags.add(pick(TAGS));
        for (const tag of tags) insert(schema.claimTags, { claimId: id, tag });
        const w = Math.floor(rand() * (spaces.length - 30));
        const start = spaces[w]! + 1;
        const end = spaces[w + 3 + Math.floor(rand() * 12)]!;
        insert(schema.anchors, {
          id: randomUUID(),
          claimId: id,
          documentId: document.id,
          revisionId: document.currentRevisionId,
          exact: text.slice(start, end),
          prefix: text.slice(Math.max(0, start - 32), start),
          suffix: text.slice(end, end + 32),
          start,
          end,
          status: 'exact',
          score: 1,
          createdBy: pick(analysts),
          createdAt: at(time),
          updatedAt: at(time),
        });
        const links = rand() < 0.5 ? 1 : 2;
        evidenceRows += links;
        for (let k = 0; k < links; k++) {
          insert(schema.evidence, {
            id: randomUUID(),
            claimId: id,
            sourceId: pick(sources).id,
            stance: pick(STANCES),
            credibility: (1 + Math.floor(rand() * 6)) as 1 | 2 | 3 | 4 | 5 | 6,
            quote: rand() < 0.8 ? phrase(rand, 1, 3) : null,
            locator: rand() < 0.5 ? `p. ${1 + Math.floor(rand() * 40)}` : null,
            note: rand() < 0.3 ? phrase(rand, 1, 1) : null,
            accessedOn: rand() < 0.6 ? '2026-02-14' : null,
            createdBy: pick(analysts),
            createdAt: at(time + k),
            updatedAt: at(time + k),
          });
        }
        const assessed = Math.floor(rand() * 4);
        for (let k = 0; k < assessed; k++) {
          insert(schema.assessments, {
            id: randomUUID(),
            claimId: id,
            userId: analysts[k]!,
            likelihood: pick(LIKELIHOOD_KEYS),
            confidence: pick(CONFIDENCES),
            rationale: phrase(rand, 1, 2),
            createdAt: at(time + 10 + k),
            updatedAt: at(time + 10 + k),
          });
        }
        const outcome = status === 'accepted' || status === 'rejected' ? status : null;
        if (outcome) {
          insert(schema.decisions, {
            id: randomUUID(),
            claimId: id,
            outcome,
            rationale: phrase(rand, 1, 1),
            decidedBy: analysts[0]!,
            decidedAt: at(time + 20),
          });
        }
      }
      return evidenceRows;
    });

  /** The first by `order` (ascending, code-unit order as SQLite's binary collation). */
  const first = <T>(list: T[], order: (item: T) => string) =>
    [...list].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))[0]!;
  const picks = () => {
    const most = Math.max(...topics.map((t) => t.claims));
    const authors = analysts.filter((id) => claimsBy.has(id));
    return {
      '@source': first(sources, (s) => s.name).id,
      '@topic': first(
        topics.filter((t) => t.claims === most),
        (t) => t.question,
      ).id,
      '@author': first(authors, (id) => names[analysts.indexOf(id)]!),
      '@document': document.id,
    };
  };
  return {
    dbPath,
    store,
    workspaceId,
    userId: owner.userId,
    addClaims,
    picks,
    firstClaimId: () => firstClaim,
    ownerEmail: emails[0]!,
    typeId: types[0]!,
  };
}

/** The filters of a view (`stance=supports,tag=ransom`), its `@` ids picked in the scratch database. */
function viewFilters(scratch: Scratch, view: string): Record<string, string> {
  const ids: Record<string, string> = scratch.picks();
  return Object.fromEntries(
    view.split(',').map((part) => {
      const [key, value = ''] = part.split('=');
      return [key!, ids[value] ?? value];
    }),
  );
}

function measure(scratch: Scratch, format: Format, filters: Record<string, string> = {}): ExportMeasure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child', format], {
    env: {
      ...process.env,
      DATABASE_PATH: scratch.dbPath,
      BENCH_WORKSPACE_ID: scratch.workspaceId,
      BENCH_USER_ID: scratch.userId,
      BENCH_EXPORT_FILTER: JSON.stringify(filters),
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * MB,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ExportMeasure;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function medianOf(runs: ExportMeasure[]): ExportMeasure {
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    peakMb: median(runs.map((r) => r.peakMb)),
    startMb: median(runs.map((r) => r.startMb)),
    bytes: runs[0]!.bytes,
  };
}

/** Resident set (MB) of an idle node process started with `args`. */
function idleRss(args: string[]): number {
  const out = execFileSync(process.execPath, [...args, '-e', 'console.log(process.memoryUsage().rss)'], {
    encoding: 'utf8',
  });
  return Number(out.trim()) / MB;
}

/** Light requests and an XLSX export over HTTP, idle and together (`UnderLoad`). */
export interface UnderLoad {
  claims: number;
  clients: number;
  /** 10 clients reading a claim, back to back, with nothing else running */
  idle: { p50: number; p99: number; requests: number };
  /** the same clients while the XLSX export streams */
  during: { p50: number; p99: number; requests: number };
  /** the XLSX export over HTTP: alone, and while the clients read */
  exportIdle: { ms: number; firstByteMs: number; bytes: number };
  exportLoaded: { ms: number; firstByteMs: number; bytes: number };
}

const CLIENTS = 10;
const LOAD_PORT = Number(process.env.BENCH_EXPORT_PORT ?? 3240);

async function httpExport(base: string, token: string, workspaceId: string) {
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/workspaces/${workspaceId}/export?format=xlsx`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok || !res.body) throw new Error(`The export answered ${res.status}: ${await res.text()}`);
  let firstByteMs = 0;
  let bytes = 0;
  for await (const chunk of res.body) {
    if (!bytes) firstByteMs = performance.now() - started;
    bytes += (chunk as Uint8Array).length;
  }
  return { ms: performance.now() - started, firstByteMs, bytes };
}

/** CLIENTS clients read one claim back to back until `until` settles (or for `ms`). */
async function lightLoad(base: string, token: string, claimId: string, until: Promise<unknown>) {
  const latencies: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  const client = async () => {
    while (!done) {
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/claims/${claimId}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`Reading a claim answered ${res.status}.`);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), requests: sorted.length };
}

/** The environment of `npm start` on the scratch database: one process on SQLite, on `port`. */
export function scratchServerEnv(scratch: Scratch, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: scratch.dbPath,
    WARRANT_PROCESSES: '1',
    WARRANT_SEED_DEMO: 'false',
    NEXTAUTH_SECRET: 'bench secret, long enough for next-auth to accept it',
    NODE_ENV: 'production',
  };
  delete env.DATABASE_URL;
  return env;
}

/**
 * Brings the scratch database to the state a server that has run since its claims came in would
 * hold: each claim's contested state by the current rules (unless `contested: false`, when the
 * caller measures that recompute itself) and the search index built, both recorded as done. The
 * generator writes neither; a server started without them rebuilds them in the background, and
 * every request measured over HTTP would compete with that work.
 */
export async function settleScratch(store: SqliteStore, { contested = true } = {}): Promise<void> {
  const { CONTESTED_RULES_VERSION, recomputeAllContested } = await import('@/db/queries/contested');
  const { SEARCH_INDEX_VERSION, rebuildSearchIndex } = await import('@/db/queries/search-index');
  const { writeSetting } = await import('@/db/queries/settings');
  if (contested) await recomputeAllContested(store, {});
  await rebuildSearchIndex(store, { batchSize: 500 });
  await store.transaction(async (tx) => {
    await writeSetting(tx, 'contestedRulesVersion', CONTESTED_RULES_VERSION);
    await writeSetting(tx, 'searchIndexVersion', SEARCH_INDEX_VERSION);
  });
}

/**
 * `npm start` on the scratch database; the light load alone, the XLSX export alone, then both at
 * once (DESIGN.md: light requests p99 during ≤ 2× idle; the export ≤ 1.5× its idle time).
 */
async function measureUnderLoad(scratch: Scratch, claims: number): Promise<UnderLoad> {
  const { createApiTokenForEmail } = await import('@/db/queries/api-tokens');
  const { startServer, stopServer } = await import('./processes');
  const { token } = await createApiTokenForEmail(scratch.store, { email: scratch.ownerEmail, name: 'bench' });
  await settleScratch(scratch.store);
  const base = `http://127.0.0.1:${LOAD_PORT}`;
  const server = await startServer(scratchServerEnv(scratch, LOAD_PORT));
  try {
    const claimId = scratch.firstClaimId();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await lightLoad(base, token, claimId, sleep(2_000)); // warm-up
    const idle = await lightLoad(base, token, claimId, sleep(8_000));
    const exportIdle = await httpExport(base, token, scratch.workspaceId);
    const running = httpExport(base, token, scratch.workspaceId);
    const during = await lightLoad(base, token, claimId, running);
    const exportLoaded = await running;
    return { claims, clients: CLIENTS, idle, during, exportIdle, exportLoaded };
  } finally {
    await stopServer(server);
  }
}

export async function runExportBench(
  sizes = (process.env.BENCH_EXPORT_CLAIMS ?? '25000,50000,100000').split(',').map(Number),
  runs = Number(process.env.BENCH_EXPORT_RUNS ?? 3),
): Promise<ExportBench> {
  const loadBefore = loadavg()[0]!;
  const dir = mkdtempSync(path.join(tmpdir(), 'warrant-export-bench-'));
  const points: ExportBenchPoint[] = [];
  const filtered: FilteredExportMeasure[] = [];
  const views = (process.env.BENCH_EXPORT_FILTERS ?? DEFAULT_FILTERS)
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v && v !== 'none');
  let table: { first: ExportMeasure; sorted: ExportMeasure; sources: ExportMeasure } | undefined;
  let underLoad: UnderLoad | undefined;
  let store: SqliteStore | undefined;
  try {
    const scratch = await createScratch(dir);
    store = scratch.store;
    let total = 0;
    let evidenceRows = 0;
    for (const size of sizes) {
      evidenceRows = await scratch.addClaims(size - total);
      total = size;
      const n = size === sizes.at(-1) ? runs : 1;
      const collect = (format: Format) => medianOf(Array.from({ length: n }, () => measure(scratch, format)));
      points.push({
        claims: size,
        evidenceRows,
        raw: collect('raw'),
        csv: collect('csv'),
        xlsx: collect('xlsx'),
      });
    }
    // Filtered views at the largest size, as many runs as the unfiltered exports there.
    for (const view of views) {
      const filters = viewFilters(scratch, view);
      filtered.push({
        view,
        csv: medianOf(Array.from({ length: runs }, () => measure(scratch, 'csv', filters))),
      });
    }
    // The evidence table page at the largest size, once each: its first rows as they come, sorted
    // by statement (every claim read), and the source-centred view.
    table = {
      first: measure(scratch, 'table'),
      sorted: measure(scratch, 'table-sorted'),
      sources: measure(scratch, 'table-sources'),
    };
    // BENCH_EXPORT_LOAD=0 skips the phase over HTTP.
    if (process.env.BENCH_EXPORT_LOAD !== '0') underLoad = await measureUnderLoad(scratch, total);
  } finally {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const loader = { nodeMb: idleRss([]), tsxMb: idleRss(['--import', 'tsx']) };
  const load: [number, number] = [loadBefore, loadavg()[0]!];

  const last = points.at(-1)!;
  const f = (n: number) => Math.round(n).toLocaleString('en');
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const line = (label: string, m: ExportMeasure, target: { ms: number; mb: number }) =>
    `  ${label} ${f(m.ms).padStart(6)} ms (CPU ${f(m.cpuMs)} ms), peak ${f(m.peakMb)} MB   target ≤ ${f(target.ms)} ms: ${verdict(m.ms <= target.ms)}, ≤ ${target.mb} MB: ${verdict(m.peakMb <= target.mb)}; ${(m.ms / last.raw.ms).toFixed(1)}× the baseline; ${(m.bytes / MB).toFixed(1)} MB written`;
  const memory = (pick: (p: ExportBenchPoint) => ExportMeasure) =>
    `${points.map((p) => f(pick(p).peakMb)).join(' / ')} MB peak (${points.map((p) => f(pick(p).peakMb - pick(p).startMb)).join(' / ')} MB above the loaded process); ${points.map((p) => f(pick(p).ms)).join(' / ')} ms`;
  const lines = [
    `Export of ${f(last.claims)} claims (${f(last.evidenceRows)} evidence rows) from SQLite: openExport + serialize in a child process per export, bytes to /dev/null; median of ${runs}; load average ${load[0].toFixed(2)} → ${load[1].toFixed(2)} on ${availableParallelism()} cores`,
    `  baseline, a raw select of the claims + JSON.stringify per row: ${f(last.raw.ms)} ms, peak ${f(last.raw.peakMb)} MB`,
    line('CSV: ', last.csv, TARGETS.csv),
    line('XLSX:', last.xlsx, TARGETS.xlsx),
    `  as rows grow, ${points.map((p) => f(p.claims)).join(' / ')} claims:`,
    `    CSV  ${memory((p) => p.csv)}`,
    `    XLSX ${memory((p) => p.xlsx)}`,
    `    baseline ${memory((p) => p.raw)}`,
    `  the evidence table page at ${f(last.claims)} claims (getEvidenceTable in a child, once each): first 1,000 rows ${f(table!.first.ms)} ms, sorted by statement ${f(table!.sorted.ms)} ms (peak ${f(table!.sorted.peakMb)} MB), by source ${f(table!.sources.ms)} ms`,
    ...filtered.map(
      ({ view, csv }) =>
        `  CSV of the view ${view}: ${f(csv.ms)} ms (CPU ${f(csv.cpuMs)} ms), peak ${f(csv.peakMb)} MB, ${(csv.bytes / MB).toFixed(1)} MB written`,
    ),
    ...(underLoad
      ? [
          `  over HTTP (npm start, 1 process) at ${f(underLoad.claims)} claims: ${underLoad.clients} clients reading a claim, p50/p99 ${underLoad.idle.p50.toFixed(1)}/${underLoad.idle.p99.toFixed(1)} ms idle, ${underLoad.during.p50.toFixed(1)}/${underLoad.during.p99.toFixed(1)} ms during an XLSX export (${(underLoad.during.p99 / underLoad.idle.p99).toFixed(2)}×, target ≤ 2×: ${verdict(underLoad.during.p99 <= 2 * underLoad.idle.p99)})`,
          `  the XLSX export over HTTP: ${f(underLoad.exportIdle.ms)} ms alone (first byte ${f(underLoad.exportIdle.firstByteMs)} ms), ${f(underLoad.exportLoaded.ms)} ms while the clients read (${(underLoad.exportLoaded.ms / underLoad.exportIdle.ms).toFixed(2)}×, target ≤ 1.5×: ${verdict(underLoad.exportLoaded.ms <= 1.5 * underLoad.exportIdle.ms)}; first byte ${f(underLoad.exportLoaded.firstByteMs)} ms, target ≤ 200 ms: ${verdict(underLoad.exportLoaded.firstByteMs <= 200)})`,
        ]
      : []),
    `  a loaded child holds ${f(last.csv.startMb)} MB before exporting, of which the tsx loader ${f(loader.tsxMb - loader.nodeMb)} MB (idle node ${f(loader.nodeMb)} MB, with tsx ${f(loader.tsxMb)} MB)`,
  ];
  return { points, filtered, runs, loader, load, lines, underLoad };
}

if (process.argv.includes('--child')) {
  runChild(process.argv[process.argv.indexOf('--child') + 1] as Format).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  runExportBench()
    .then(({ lines, ...results }) => {
      console.log(lines.join('\n'));
      console.log(JSON.stringify({ export: results }));
      if (process.env.BENCH_WRITE_DOCS === '1') writeSection('export', exportTable(results, today()));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
