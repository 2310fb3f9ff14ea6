/**
 * The backup and restore drill: `npm run warrant -- backup FILE` while 10 clients make claims
 * over HTTP; then the backup must be one consistent moment of the database (integrity ok, no
 * write half in, each client's claims 1..k with no gap, nothing sent after the backup ended) that
 * holds every write acknowledged before the backup began, and the app started on a copy of it must
 * serve exactly those claims.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compareLedger, describeVerdict, type Attempt } from './ledger';
import { claimsOverApi, setUpInstance, startWriters } from './instance';
import { inspectDatabase } from '@/db/engines/sqlite-inspect';
import { startServer, stopAll, warrantCli, type Server } from './processes';

export interface BackupReport {
  backupMs: number;
  acknowledgedBefore: number;
  acknowledgedDuring: number;
  inBackup: number;
  summary: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBackupDrill({
  port,
  workDir,
  paragraphs = 300,
  clients = 10,
  log = console.log,
}: {
  port: number;
  workDir: string;
  paragraphs?: number;
  clients?: number;
  log?: (line: string) => void;
}): Promise<BackupReport> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(path.join(workDir, 'backups'), { recursive: true });
  const databasePath = path.join(workDir, 'data', 'warrant.db');
  const backupFile = path.join(workDir, 'backups', 'warrant-backup.db');
  const restoredPath = path.join(workDir, 'restored', 'warrant.db');
  const ledger: Attempt[] = [];
  let server: Server | undefined;
  try {
    const instance = await setUpInstance({
      databasePath,
      port,
      logFile: path.join(workDir, 'server.log'),
      paragraphs,
      log,
    });
    const { creds, documentId } = instance;
    server = instance.server;
    const writers = startWriters({
      baseUrl: server.baseUrl,
      token: creds.token,
      documentId,
      label: 'Backup drill',
      clients,
      maxEach: 2000,
      markers: paragraphs,
      ledger,
    });
    for (let waited = 0; writers.acknowledged() < 30 && waited < 60_000; waited += 50) await sleep(50);
    const began = Date.now();
    const backup = await warrantCli(databasePath, ['backup', backupFile], { timeoutMs: 90_000 });
    const ended = Date.now();
    await sleep(300);
    writers.stop();
    await writers.done;
    await server.stop();
    server = undefined;
    if (backup.code !== 0) throw new Error(`warrant backup failed (${backup.code}): ${backup.stderr}`);

    const before = (a: Attempt) => a.outcome === 'acknowledged' && a.answeredAt! < began;
    const acknowledgedBefore = ledger.filter(before).length;
    const acknowledgedDuring = ledger.filter(
      (a) => a.outcome === 'acknowledged' && a.answeredAt! >= began && a.answeredAt! <= ended,
    ).length;
    const refused = ledger.filter((a) => a.outcome === 'refused');
    const unanswered = ledger.filter((a) => a.outcome === 'unanswered');
    const facts = inspectDatabase(backupFile, creds.workspaceId);
    const verdict = compareLedger(ledger, facts.claims, before);
    const statements = new Map(ledger.map((a) => [a.statement, a]));
    const late = facts.claims.filter((c) => (statements.get(c.statement)?.sentAt ?? 0) > ended);
    const problems = [
      facts.integrity !== 'ok' && `integrity_check: ${facts.integrity}`,
      facts.foreignKeyProblems && `${facts.foreignKeyProblems} foreign key problems`,
      ...facts.partial,
      !verdict.ok && describeVerdict(verdict),
      late.length && `${late.length} claims sent after the backup ended are in it`,
      refused.length &&
        `${refused.length} writes refused under load: ${[...new Set(refused.map((a) => a.status))].join(', ')}`,
    ].filter(Boolean);
    if (problems.length) throw new Error(`Backup drill, the backup file:\n${problems.join('\n')}`);

    mkdirSync(path.dirname(restoredPath), { recursive: true });
    copyFileSync(backupFile, restoredPath);
    server = await startServer({
      databasePath: restoredPath,
      port,
      logFile: path.join(workDir, 'restored.log'),
    });
    const signIn = await fetch(`${server.baseUrl}/sign-in`);
    await signIn.arrayBuffer();
    const served = await claimsOverApi(server.baseUrl, creds.token, documentId);
    const servedIds = new Set(served.map((c) => c.id));
    const restoredVerdict = compareLedger(ledger, served, before);
    const restoredProblems = [
      signIn.status !== 200 && `the sign-in page answered ${signIn.status}`,
      !restoredVerdict.ok && describeVerdict(restoredVerdict),
      (served.length !== facts.claims.length || facts.claims.some((c) => !servedIds.has(c.id))) &&
        `the restored server lists ${served.length} claims, the backup holds ${facts.claims.length}`,
    ].filter(Boolean);
    if (restoredProblems.length) {
      throw new Error(`Backup drill, the server on the backup:\n${restoredProblems.join('\n')}`);
    }
    const summary =
      `backup drill: backup took ${ended - began} ms under load (${acknowledgedDuring} writes acknowledged meanwhile); ` +
      `${acknowledgedBefore} writes acknowledged before it began, all in it; it holds ${facts.claims.length} ` +
      `claims as one moment, integrity ok; the server started on it serves them, lost 0` +
      (unanswered.length
        ? ` (${unanswered.length} writes without an answer, a client stopping at each: ${[...new Set(unanswered.map((a) => a.error))].join('; ')})`
        : '');
    log(summary);
    return {
      backupMs: ended - began,
      acknowledgedBefore,
      acknowledgedDuring,
      inBackup: facts.claims.length,
      summary,
    };
  } finally {
    await server?.stop().catch(() => undefined);
    await stopAll();
  }
}
