/**
 * Several app processes on one machine for `npm start` (WARRANT_PROCESSES=N): a primary process
 * that serves nothing itself and N workers (node:cluster) that share the listening port, each with
 * its own database connections. No state that matters lives in one worker's memory (see
 * docs/architecture.md, "State across processes"), so any worker may answer any request.
 *
 * The first worker starts alone: it applies migrations, seeds the demo workspace and makes the
 * session secret; the others start once it listens. A worker that dies is started again, after a
 * pause that grows while workers keep dying young. SIGINT and SIGTERM stop every worker.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

export const MAX_PROCESSES = 64;
/** A worker that lived less than this (ms) died young: the next restart waits longer. */
const YOUNG_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** How long workers get to stop before they are killed (ms). */
const STOP_GRACE_MS = 10_000;

/**
 * The number of app processes WARRANT_PROCESSES asks for: unset or empty is 1, `auto` is one per
 * core, otherwise a whole number from 1 to MAX_PROCESSES. Answers { error } for anything else.
 */
export function parseProcessCount(value, cores = availableParallelism()) {
  const text = (value ?? '').trim();
  if (text === '') return { count: 1 };
  if (text.toLowerCase() === 'auto') return { count: Math.min(Math.max(cores, 1), MAX_PROCESSES) };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count >= 1 && count <= MAX_PROCESSES) return { count };
  }
  return {
    error: `WARRANT_PROCESSES must be a whole number from 1 to ${MAX_PROCESSES}, or "auto" (one per core); it is "${text}".`,
  };
}

/** The pause before a restart, after `youngDeaths` workers in a row died young (ms). */
export function restartDelay(youngDeaths) {
  if (youngDeaths <= 0) return 0;
  return Math.min(500 * 2 ** (youngDeaths - 1), MAX_RESTART_DELAY_MS);
}

/**
 * Runs in the primary: starts `count` workers (this same script, which serves when it is a
 * worker) and keeps them running until a signal. `address` is what the ready line shows.
 */
export function superviseWorkers({ count, address, log = console.log, error = console.error }) {
  let stopping = false;
  let ready = false;
  let youngDeaths = 0;
  let firstListened = false;
  const started = new Map();

  const fork = () => {
    const worker = cluster.fork({ WARRANT_WORKER: '1' });
    started.set(worker.id, Date.now());
    return worker;
  };

  cluster.on('listening', () => {
    const listening = Object.values(cluster.workers ?? {}).filter((w) => w && w.isConnected()).length;
    if (!firstListened) {
      // The first worker has migrated and seeded: the others can start.
      firstListened = true;
      for (let i = 1; i < count; i++) fork();
    }
    if (!ready && listening >= count) {
      ready = true;
      log(`Warrant is ready at ${address} (${count} processes)`);
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    const since = started.get(worker.id) ?? Date.now();
    started.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!firstListened) {
      // The first start failed (a bad setting, an unreachable database): it said why.
      error('Warrant could not start; see the messages above.');
      process.exit(code || 1);
    }
    youngDeaths = Date.now() - since < YOUNG_MS ? youngDeaths + 1 : 0;
    const delay = restartDelay(youngDeaths);
    error(
      `An app process (pid ${worker.process.pid}) stopped (${signal ?? `exit code ${code}`}); starting another${delay ? ` in ${delay / 1000} s` : ''}.`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter(Boolean);
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(0);
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  fork();
}
