/**
 * The crash drill: 10 clients make claims over HTTP, the server is killed (`kill -9` of its
 * process group) at a random moment, restarted on the same database, and then every write it
 * acknowledged with a 2xx must be there (same id, same statement, in the database and over the
 * API), nothing half-written, `PRAGMA integrity_check` ok, and the server must serve (sign-in page
 * 200, API read 200). Repeated `kills` times on the one database, so a later crash must not lose
 * what an earlier round wrote. Every third round also kills the restart itself at a random moment
 * of its start (bootstrap, migrations), before the real restart.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compareLedger, describeVerdict, type Attempt } from './ledger';
import { claimsOverApi, setUpInstance, startWriters } from './instance';
import { inspectDatabase } from '@/db/engines/sqlite-inspect';
import { spawnServer, startServer, stopAll, type Server } from './processes';
import { randomSource } from './random';

export interface CrashReport {
  kills: number;
  interruptedStarts: number;
  acknowledged: number;
  refused: number;
  found: number;
  lost: number;
  restarts: number;
  seed: number;
  summary: string;
}

const MARKERS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runCrashDrill({
  kills,
  port,
  workDir,
  seed = Date.now() % 2 ** 31,
  clients = 10,
  log = console.log,
}: {
  kills: number;
  port: number;
  workDir: string;
  seed?: number;
  clients?: number;
  log?: (line: string) => void;
}): Promise<CrashReport> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const databasePath = path.join(workDir, 'data', 'warrant.db');
  const logFile = path.join(workDir, 'server.log');
  const random = randomSource(seed);
  const ledger: Attempt[] = [];
  let restarts = 0;
  const interrupted: number[] = [];
  let server: Server | undefined;
  try {
    const instance = await setUpInstance({ databasePath, port, logFile, paragraphs: MARKERS, log });
    const { creds, documentId } = instance;
    server = instance.server;
    for (let round = 1; round <= kills; round++) {
      const writers = startWriters({
        baseUrl: server.baseUrl,
        token: creds.token,
        documentId,
        label: `Crash drill round ${round}`,
        clients,
        markers: MARKERS,
        ledger,
      });
      // A random moment while the clients write: 0 to 2 s after the first few were acknowledged
      // (waiting for those keeps a slow, busy machine from killing a server that wrote nothing).
      for (let waited = 0; writers.acknowledged() < 3 && waited < 60_000; waited += 20) await sleep(20);
      const delay = Math.floor(random() * 2000);
      await sleep(delay);
      await server.crash();
      writers.stop();
      await writers.done;
      const refused = ledger.filter((a) => a.outcome === 'refused');
      if (refused.length) {
        const statuses = [...new Set(refused.map((a) => a.status))].join(', ');
        throw new Error(
          `Crash drill round ${round}: ${refused.length} writes refused (${statuses}) while it ran`,
        );
      }
      // Every third round, the restart itself is killed at a random moment of its start first.
      if (round % 3 === 2) {
        const early = spawnServer({ databasePath, port, logFile });
        const after = Math.floor(random() * 4000);
        await sleep(after);
        await early.crash();
        interrupted.push(after);
      }
      const started = Date.now();
      server = await startServer({ databasePath, port, logFile, timeoutMs: 120_000 });
      restarts++;
      const restartMs = Date.now() - started;
      const signIn = await fetch(`${server.baseUrl}/sign-in`);
      await signIn.arrayBuffer();
      if (signIn.status !== 200)
        throw new Error(`round ${round}: the sign-in page answered ${signIn.status}`);
      const overApi = await claimsOverApi(server.baseUrl, creds.token, documentId);
      const facts = inspectDatabase(databasePath, creds.workspaceId);
      const inDb = compareLedger(ledger, facts.claims);
      const viaApi = compareLedger(ledger, overApi);
      const problems = [
        facts.integrity !== 'ok' && `integrity_check: ${facts.integrity}`,
        facts.foreignKeyProblems && `${facts.foreignKeyProblems} foreign key problems`,
        ...facts.partial,
        !inDb.ok && `in the database:\n${describeVerdict(inDb)}`,
        !viaApi.ok && `over the API:\n${describeVerdict(viaApi)}`,
        overApi.length !== facts.claims.length &&
          `the API lists ${overApi.length} claims, the database holds ${facts.claims.length}`,
      ].filter(Boolean);
      const thisRound = ledger.filter((a) => a.statement.startsWith(`Crash drill round ${round}:`));
      const early =
        interrupted.length && round % 3 === 2 ? `, its start killed after ${interrupted.at(-1)} ms` : '';
      log(
        `round ${round}: killed ${delay} ms after the 3rd acknowledgement${early}, ${thisRound.filter((a) => a.outcome === 'acknowledged').length} ` +
          `acknowledged, ${thisRound.filter((a) => a.outcome === 'unanswered').length} in flight, ` +
          `restarted in ${restartMs} ms, ${facts.claims.length} claims, integrity ${facts.integrity}`,
      );
      if (problems.length)
        throw new Error(`Crash drill round ${round} (seed ${seed}):\n${problems.join('\n')}`);
    }
    const acknowledged = ledger.filter((a) => a.outcome === 'acknowledged').length;
    const claims = inspectDatabase(databasePath, creds.workspaceId).claims;
    const found = claims.length;
    const lost = compareLedger(ledger, claims).lost.length;
    const summary =
      `crash durability: ${kills} kills while writing (+${interrupted.length} during a start), ` +
      `${restarts} restarts, ${acknowledged} acknowledged writes, ${found} claims found, lost ${lost}, ` +
      `integrity ok ${restarts}/${kills} (seed ${seed})`;
    return {
      kills,
      interruptedStarts: interrupted.length,
      acknowledged,
      refused: ledger.filter((a) => a.outcome === 'refused').length,
      found,
      lost,
      restarts,
      seed,
      summary,
    };
  } finally {
    await server?.stop().catch(() => undefined);
    await stopAll();
  }
}
