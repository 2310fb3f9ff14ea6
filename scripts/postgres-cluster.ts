/**
 * A throwaway PostgreSQL server for tests, the bench and CI (../shared STACK notes): a new cluster
 * in a temporary folder, owned by the `postgres` user when run as root (the server refuses to run
 * as root), on a free local port, trust authentication for the `warrant` role on 127.0.0.1 only,
 * C.UTF-8 locale. `stop()` ends it and removes the folder; callers stop it in a `finally`.
 *
 * `tsx scripts/throwaway-postgres.ts -- <command…>` runs a command with WARRANT_TEST_DATABASE_URL
 * set to the server (e.g. `npm run test:postgres`), then stops it, also when the command fails.
 * (That command line is ./throwaway-postgres.ts; this module has no `import.meta`, so Playwright's
 * CommonJS transform can load it for e2e/processes.spec.ts.)
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface ThrowawayPostgres {
  /** postgres://warrant@127.0.0.1:PORT/postgres */
  url: string;
  stop(): void;
}

/** The newest PostgreSQL server binaries installed (Debian: /usr/lib/postgresql/N/bin). */
export function postgresBin(): string | undefined {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startThrowawayPostgres(
  options: { maxConnections?: number } = {},
): Promise<ThrowawayPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian: apt-get install -y postgresql).');
  const root = process.getuid?.() === 0;
  // Not under root's home folder: the postgres user must reach it.
  const dir = mkdtempSync(path.join('/var/tmp', 'warrant-pg-'));
  chmodSync(dir, 0o755);
  if (root) execFileSync('chown', ['postgres', dir]);
  const as = (command: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' })
      : execFileSync(command, args, { stdio: 'pipe' });
  const data = path.join(dir, 'data');
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      try {
        as(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    as(path.join(bin, 'initdb'), [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'warrant',
      '--locale=C.UTF-8',
      '-E',
      'UTF8',
    ]);
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      `-c max_connections=${options.maxConnections ?? 300}`,
      // A throwaway cluster: durability is not what is tested here.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    as(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-o', settings, '-w', 'start']);
    started = true;
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgres://warrant@127.0.0.1:${port}/postgres`, stop };
}
