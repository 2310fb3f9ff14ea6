/**
 * Claim creation by 10 analysts at once over the REST API (each with their own personal access
 * token), on three set-ups in one run: `npm start` with 1 process on SQLite, with 2 processes on
 * SQLite, and with 2 processes on PostgreSQL (a throwaway cluster, scripts/postgres-cluster.ts).
 * Each set-up gets a fresh database holding EXISTING claims on one document (statistics updated,
 * as a running database's are) and a 20,000-word document to annotate, a warm-up, then
 * - burst: the 10 analysts make BURST claims each, back to back;
 * - paced: PACED claims each, one every 250–750 ms.
 * Answers latencies (p50, p99) and the burst's throughput (claims per second).
 *
 * Run by `npm run bench` (bench/run.ts), or alone: `npx tsx bench/processes.ts`. The last line of
 * its output is the JSON that bench/report.ts turns into the table of docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openPostgresStore } from '@/db/engines/postgres';
import { rolledBackTransactions } from '@/db/engines/postgres-admin';
import { openSqliteStore } from '@/db/engines/sqlite';
import { createApiTokenForEmail } from '@/db/queries/api-tokens';
import { createUser } from '@/db/queries/accounts';
import { listClaimTypes } from '@/db/queries/claim-types';
import { createClaim } from '@/db/queries/claims';
import { CONTESTED_RULES_VERSION } from '@/db/queries/contested';
import { importDocument } from '@/db/queries/documents';
import { acceptInvite, createInvite } from '@/db/queries/invites';
import { searchIndexNeeded } from '@/db/queries/search-index';
import { writeSetting } from '@/db/queries/settings';
import { createWorkspace } from '@/db/queries/workspaces';
import type { Store } from '@/db/store';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { claimFieldsSchema } from '@/lib/claims';
import { startThrowawayPostgres } from '../scripts/postgres-cluster';
import { generateMarkdown, mulberry32, randomPassages } from './generate';
import { processesTable, today, writeSection } from './report';

const PORT = Number(process.env.BENCH_PROCESSES_PORT ?? 3230);
const BASE = `http://127.0.0.1:${PORT}`;
const ANALYSTS = 10;
const BURST = Number(process.env.BENCH_BURST ?? 40);
const PACED = Number(process.env.BENCH_PACED ?? 20);
const WORDS = 20_000;
/** Claims the workspace already holds when the run starts (on another document), as a team's has. */
const EXISTING = Number(process.env.BENCH_EXISTING_CLAIMS ?? 2_000);
const root = path.join(__dirname, '..');

export interface Latencies {
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  wallMs: number;
  perSecond: number;
}
export interface SetupResult {
  setup: string;
  engine: 'sqlite' | 'postgres';
  processes: number;
  burst: Latencies;
  paced: Latencies;
  /** PostgreSQL: transactions rolled back during the burst (conflicts, each tried again). */
  rolledBack?: number;
}
export interface ProcessesBench {
  analysts: number;
  words: number;
  load: [number, number];
  setups: SetupResult[];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

interface Prepared {
  tokens: string[];
  documentId: string;
  text: string;
  typeIds: string[];
}

/** A workspace with 10 analysts (tokens) and the document, made through the data layer. */
async function prepare(store: Store, analyze: () => Promise<void>): Promise<Prepared> {
  await store.migrate();
  // As the server's first start records on an empty database: its writes index themselves and
  // compute their contested state, so nothing is rebuilt in the background while the server is
  // measured (the data layer below writes like the server, but does not bootstrap).
  await searchIndexNeeded(store);
  await store.transaction((tx) => writeSetting(tx, 'contestedRulesVersion', CONTESTED_RULES_VERSION));
  const users = [];
  for (let i = 0; i < ANALYSTS; i++) {
    const email = `analyst${i}@bench.example.org`;
    const { userId } = await createUser(store, {
      email,
      password: 'bench password 2026',
      name: `Analyst ${i}`,
      isAdmin: i === 0,
    });
    users.push({ userId, isAdmin: i === 0, email });
  }
  const owner = users[0]!;
  const { workspaceId } = await createWorkspace(store, { actor: owner, name: 'Bench desk' });
  for (const user of users.slice(1)) {
    const invite = await createInvite(store, { actor: owner, workspaceId, role: 'editor', expiresInDays: 1 });
    await acceptInvite(store, { actor: user, token: invite.token });
  }
  const converted = await convertToDocument('markdown', generateMarkdown(WORDS, 7));
  const doc = await importDocument(store, {
    actor: owner,
    workspaceId,
    metadata: documentMetadataSchema.parse({ title: 'Bench brief' }),
    format: 'markdown',
    converted,
  });
  // The claims a team made before: on another document of the workspace.
  const archiveText = await convertToDocument('markdown', generateMarkdown(WORDS, 8));
  const archive = await importDocument(store, {
    actor: owner,
    workspaceId,
    metadata: documentMetadataSchema.parse({ title: 'Archive brief' }),
    format: 'markdown',
    converted: archiveText,
  });
  const types = (await listClaimTypes(store, { actor: owner, workspaceId })).map((t) => t.id);
  const rand = mulberry32(5);
  for (let i = 0; i < EXISTING; i++) {
    const start = Math.floor(rand() * (archiveText.text.length - 80));
    await createClaim(store, {
      actor: users[i % ANALYSTS]!,
      passage: { documentId: archive.id, revisionId: archive.currentRevisionId, start, end: start + 40 },
      fields: claimFieldsSchema.parse({
        statement: `Earlier claim ${i}`,
        typeId: types[i % types.length],
        kind: 'reported',
      }),
    });
  }
  // PostgreSQL's autovacuum keeps the planner's statistics of a running database up to date.
  await analyze();
  const tokens = [];
  for (const user of users)
    tokens.push((await createApiTokenForEmail(store, { email: user.email, name: 'bench' })).token);
  return { tokens, documentId: doc.id, text: converted.text, typeIds: types };
}

/** What the server wrote to stderr (shown when requests failed). */
let serverErrors = '';

export async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  serverErrors = '';
  const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr!.on('data', (d) => {
    output += d;
    serverErrors = (serverErrors + d).slice(-4000);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 300_000);
    server.stdout!.on('data', (d: Buffer) => {
      output += d;
      if (/Warrant is ready at/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}):\n${output}`));
    });
  });
  return server;
}

export async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

/** The 10 analysts make `each` claims, back to back (pace 0) or one every pace × (0.5–1.5) ms. */
async function createClaims(p: Prepared, each: number, pace: number, seed: number): Promise<Latencies> {
  const rand = mulberry32(seed);
  const passage = randomPassages(p.text, rand);
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  const analyst = async (a: number) => {
    for (let n = 0; n < each; n++) {
      if (pace) await new Promise((r) => setTimeout(r, pace * (0.5 + rand())));
      const { start, end } = passage();
      const t0 = performance.now();
      const res = await fetch(`${BASE}/api/v1/documents/${p.documentId}/claims`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${p.tokens[a]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          target: { selector: { type: 'TextPositionSelector', start, end } },
          statement: `Bench claim ${a}.${n}`,
          typeId: p.typeIds[n % p.typeIds.length],
          kind: 'reported',
        }),
      });
      const body = await res.text();
      latencies.push(performance.now() - t0);
      if (res.status !== 201) {
        errors++;
        firstError ||= `${res.status} ${body.slice(0, 300)}`;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: ANALYSTS }, (_, a) => analyst(a)));
  const wallMs = performance.now() - t0;
  if (firstError)
    console.error(`  first error: ${firstError}\n  the server's last messages:\n${serverErrors}`);
  return {
    requests: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    wallMs,
    perSecond: (latencies.length / wallMs) * 1000,
  };
}

async function runSetup(
  engine: 'sqlite' | 'postgres',
  processes: number,
  log: (line: string) => void,
): Promise<SetupResult> {
  const setup = `${processes} process${processes > 1 ? 'es' : ''}, ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'warrant-bench-processes-'));
  const postgres = engine === 'postgres' ? await startThrowawayPostgres({ maxConnections: 100 }) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    WARRANT_PROCESSES: String(processes),
    WARRANT_SEED_DEMO: 'false',
    NEXTAUTH_SECRET: 'bench secret, long enough for next-auth to accept it',
    NODE_ENV: 'production',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_PATH;
  if (postgres) env.DATABASE_URL = postgres.url;
  else env.DATABASE_PATH = path.join(dir, 'bench.db');
  let server: ChildProcess | undefined;
  try {
    const pgStore = postgres ? openPostgresStore({ url: postgres.url, poolSize: 2 }) : undefined;
    const store = pgStore ?? openSqliteStore({ file: env.DATABASE_PATH });
    let prepared: Prepared;
    try {
      prepared = await prepare(store, async () => {
        await pgStore?.pool.query('analyze');
      });
    } finally {
      await store.close();
    }
    server = await startServer(env);
    // A server that has been up a while: the first requests load the route's modules and warm
    // the JIT in every process (not counted).
    await createClaims(prepared, 6, 0, 1);
    const rolledBackBefore = postgres ? await rolledBackTransactions(postgres.url) : 0;
    const burst = await createClaims(prepared, BURST, 0, 2);
    const rolledBack = postgres ? (await rolledBackTransactions(postgres.url)) - rolledBackBefore : undefined;
    const paced = await createClaims(prepared, PACED, 500, 3);
    log(
      `  ${setup.padEnd(26)} burst p50 ${burst.p50.toFixed(1)} ms, p99 ${burst.p99.toFixed(1)} ms, ${burst.perSecond.toFixed(1)} claims/s; paced p50 ${paced.p50.toFixed(1)} ms, p99 ${paced.p99.toFixed(1)} ms; ${burst.errors + paced.errors} errors`,
    );
    if (rolledBack !== undefined)
      log(`    transactions PostgreSQL aborted for a conflict during the burst: ${rolledBack}`);
    return { setup, engine, processes, burst, paced, rolledBack };
  } finally {
    if (server) await stopServer(server);
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runProcessesBench(log: (line: string) => void = console.log): Promise<ProcessesBench> {
  const before = loadavg()[0]!;
  log(
    `Making claims over the REST API, ${ANALYSTS} analysts at once on a ${WORDS.toLocaleString('en')}-word document, ${EXISTING.toLocaleString('en')} claims already in the workspace: burst ${BURST} each back to back, paced ${PACED} each one every 250–750 ms`,
  );
  const setups = [];
  // BENCH_SETUPS=postgres (or sqlite-1, sqlite-2; comma-separated) runs only those, for a look.
  const only = process.env.BENCH_SETUPS?.split(',');
  for (const [engine, processes] of [
    ['sqlite', 1],
    ['sqlite', 2],
    ['postgres', 2],
  ] as const) {
    if (only && !only.includes(engine === 'postgres' ? engine : `${engine}-${processes}`)) continue;
    setups.push(await runSetup(engine, processes, log));
  }
  if (setups.length < 3) return { analysts: ANALYSTS, words: WORDS, load: [before, loadavg()[0]!], setups };
  const [one, two, pg] = setups as [SetupResult, SetupResult, SetupResult];
  log(
    `  2 processes / 1 process on SQLite, burst throughput: ${(two.burst.perSecond / one.burst.perSecond).toFixed(2)}×; PostgreSQL / SQLite with 2 processes, burst p50: ${(pg.burst.p50 / two.burst.p50).toFixed(2)}×, paced p50: ${(pg.paced.p50 / two.paced.p50).toFixed(2)}×`,
  );
  return { analysts: ANALYSTS, words: WORDS, load: [before, loadavg()[0]!], setups };
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  runProcessesBench()
    .then((result) => {
      console.log(JSON.stringify({ processes: result }));
      // BENCH_WRITE_DOCS=1: the table of docs/benchmarks.md from this run.
      if (process.env.BENCH_WRITE_DOCS === '1') writeSection('processes', processesTable(result, today()));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
