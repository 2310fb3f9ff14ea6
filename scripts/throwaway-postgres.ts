/**
 * `tsx scripts/throwaway-postgres.ts -- <command…>`: runs a command with WARRANT_TEST_DATABASE_URL
 * set to a throwaway PostgreSQL server (./postgres-cluster.ts), e.g. `npm run test:postgres`, then
 * stops the server, also when the command fails. A WARRANT_TEST_DATABASE_URL already set is used
 * as it is.
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
  const server = process.env.WARRANT_TEST_DATABASE_URL ? undefined : await startThrowawayPostgres();
  const url = process.env.WARRANT_TEST_DATABASE_URL || server!.url;
  let code = 1;
  try {
    if (server) console.log(`Throwaway PostgreSQL at ${url}`);
    const child = spawn(command[0]!, command.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, WARRANT_TEST_DATABASE_URL: url },
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
