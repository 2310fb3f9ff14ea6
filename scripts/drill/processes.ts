/**
 * The drills' processes: Warrant's server (`scripts/start.mjs`, the same as `npm start`) on its
 * own data folder and port, on the loopback address only, and the admin CLI (`npm run warrant`).
 * Each runs in its own process group, so that `kill -9` reaches every process of it at once, and
 * every group started is remembered so that `stopAll()` (in a finally) leaves nothing running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const HOST = '127.0.0.1';
const live = new Set<ChildProcess>();

// Should the test runner exit without running its cleanup, the groups still go with it.
process.once('exit', () => {
  for (const child of live) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Sends a signal to the whole process group of `child` and waits until the child has exited. */
async function signalGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  await exitOf(child);
  live.delete(child);
}

/** Kills (SIGKILL) every process group the drills started and did not stop yet. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((child) => signalGroup(child, 'SIGKILL')));
}

export interface Server {
  baseUrl: string;
  /** `kill -9` of the server's process group. */
  crash(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not stopped within 10 s. */
  stop(): Promise<void>;
  log(): string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StartingServer extends Server {
  /** Waits until the sign-in page answers 200; throws if the server exits or takes too long. */
  ready(timeoutMs: number): Promise<void>;
}

/** Spawns the server on `databasePath` (output to `logFile`) without waiting for it. */
export function spawnServer({
  databasePath,
  port,
  logFile,
}: {
  databasePath: string;
  port: number;
  logFile: string;
}): StartingServer {
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      PORT: String(port),
      HOST,
      DATABASE_PATH: databasePath,
      WARRANT_SEED_DEMO: 'false',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  closeSync(out);
  live.add(child);
  const baseUrl = `http://${HOST}:${port}`;
  const server: StartingServer = {
    baseUrl,
    crash: () => signalGroup(child, 'SIGKILL'),
    stop: async () => {
      const timer = setTimeout(() => void signalGroup(child, 'SIGKILL'), 10_000);
      await signalGroup(child, 'SIGTERM');
      clearTimeout(timer);
    },
    log: () => readFileSync(logFile, 'utf8'),
    ready: async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) {
          live.delete(child);
          throw new Error(
            `The server exited (${child.exitCode ?? child.signalCode}) before it served:\n${tail(server.log())}`,
          );
        }
        try {
          const res = await fetch(`${baseUrl}/sign-in`, { signal: AbortSignal.timeout(10_000) });
          await res.arrayBuffer();
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
        await sleep(150);
      }
      await server.crash();
      throw new Error(`The server did not serve within ${timeoutMs} ms:\n${tail(server.log())}`);
    },
  };
  return server;
}

/**
 * Starts the server on `databasePath` and waits until the sign-in page answers 200 (at most
 * `timeoutMs`: the first start may build the app).
 */
export async function startServer({
  timeoutMs = 300_000,
  ...options
}: {
  databasePath: string;
  port: number;
  logFile: string;
  timeoutMs?: number;
}): Promise<Server> {
  const server = spawnServer(options);
  await server.ready(timeoutMs);
  return server;
}

export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command in its own process group; killed (the whole group) after `timeoutMs`. */
async function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<CliResult> {
  const started = Date.now();
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => {
    stderr += `\n(killed after ${timeoutMs} ms)`;
    void signalGroup(child, 'SIGKILL');
  }, timeoutMs);
  const code = await exitOf(child);
  clearTimeout(timer);
  live.delete(child);
  return { code, stdout, stderr, ms: Date.now() - started };
}

/** `npm run warrant -- …args` on `databasePath`. */
export function warrantCli(
  databasePath: string,
  args: string[],
  { timeoutMs = 120_000 }: { timeoutMs?: number } = {},
): Promise<CliResult> {
  return run(
    'npm',
    ['run', '--silent', 'warrant', '--', ...args],
    { ...process.env, DATABASE_PATH: databasePath },
    timeoutMs,
  );
}

/** A TypeScript script of this project run with tsx (as `npm run warrant` runs the CLI). */
export function tsxScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<CliResult> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return run(
    process.execPath,
    [tsx, path.join(ROOT, script), ...args],
    { ...process.env, ...env },
    timeoutMs,
  );
}
