/**
 * `tsx scripts/throwaway-postgres.ts -- <command…>`: runs a command with WARRANT_TEST_DATABASE_URL
 * set to a throwaway PostgreSQL server (./postgres-cluster.ts), e.g. `npm run test:postgres`, then
 * stops the server, also when the command fails. A WARRANT_TEST_DATABASE_URL already set is used
 * as it is.
 *
 * `tsx scripts/throwaway-postgres.ts --e2e -- playwright test` (`npm run test:e2e:postgres`):
 * always a new cluster, whose empty database is given as E2E_DATABASE_URL (playwright.config.ts
 * serves the suite from it).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startThrowawayPostgres } from './postgres-cluster';

async function main() {
  const at = process.argv.indexOf('--');
  const command = at >= 0 ? process.argv.slice(at + 1) : [];
  if (command.length === 0) {
    console.error('Usage: tsx scripts/throwaway-postgres.ts -- <command…>');
    process.exit(2);
  }
  const e2e = process.argv.slice(2, at).includes('--e2e');
  const given = e2e ? undefined : process.env.WARRANT_TEST_DATABASE_URL;
  const server = given ? undefined : await startThrowawayPostgres();
  const url = given || server!.url;
  let code = 1;
  try {
    if (server) console.log(`Throwaway PostgreSQL at ${url}`);
    const child = spawn(command[0]!, command.slice(1), {
      stdio: 'inherit',
      env: e2e
        ? { ...process.env, E2E_DATABASE_URL: url }
        : { ...process.env, WARRANT_TEST_DATABASE_URL: url },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  } finally {
    server?.stop();
  }
  process.exit(code);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? ''))
  void main();
