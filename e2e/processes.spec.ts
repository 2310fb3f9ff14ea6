import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { postgresBin, startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/postgres-cluster';
import { expect, test } from './fixtures';
import {
  createInviteLink,
  createWorkspace,
  joinWithInvite,
  makeClaim,
  pasteDocument,
  signInAfterSignUp,
  signUp,
} from './pages';

/**
 * Two app processes on one PostgreSQL database, as two machines behind a load balancer run:
 * `npm start` twice, on two ports, sharing a throwaway PostgreSQL cluster and nothing else (no
 * NEXTAUTH_SECRET: the session secret comes from the database). A session made on one is good on
 * the other, presence crosses them, and a claim made through process A appears live in a reader
 * open on process B.
 *
 * Needs Debian's postgresql package (.ci/run installs it); without it the spec is skipped, unless
 * WARRANT_REQUIRE_POSTGRES=1 (CI), which makes that a failure.
 */
const BASE = Number(process.env.PROCESSES_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 20);
const A = `http://127.0.0.1:${BASE}`;
const B = `http://127.0.0.1:${BASE + 1}`;
const root = path.join(__dirname, '..');

const TITLE = 'Border crossing note';
const TEXT = [
  'Two weeks after the exchange, a regional paper reported that the released men had crossed into Niger.',
  'A spokesman for the governorate denied it the same evening, and no other outlet repeated the report.',
].join('\n\n');

test.describe.configure({ mode: 'serial' });

const havePostgres = Boolean(postgresBin());
if (!havePostgres && process.env.WARRANT_REQUIRE_POSTGRES === '1')
  throw new Error('PostgreSQL is not installed (Debian: apt-get install -y postgresql), and CI requires it.');
test.skip(!havePostgres, 'PostgreSQL is not installed (Debian: apt-get install -y postgresql).');

let postgres: ThrowawayPostgres | undefined;
const servers: { process: ChildProcess; output: string }[] = [];

async function startServer(port: number, databaseUrl: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  for (const name of ['NEXTAUTH_SECRET', 'AUTH_SECRET', 'DATABASE_PATH', 'WARRANT_PROCESSES', 'TRUST_PROXY'])
    delete env[name];
  const server = {
    process: spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    output: '',
  };
  servers.push(server);
  server.process.stdout!.on('data', (d) => (server.output += d));
  server.process.stderr!.on('data', (d) => (server.output += d));
  await expect
    .poll(
      async () => {
        if (server.process.exitCode !== null)
          throw new Error(`The server on ${port} exited:\n${server.output}`);
        return fetch(`http://127.0.0.1:${port}/sign-in`)
          .then((r) => r.status)
          .catch(() => 0);
      },
      { timeout: 240_000, intervals: [250, 500, 1000] },
    )
    .toBe(200);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  postgres = await startThrowawayPostgres({ maxConnections: 100 });
  // Process A migrates the empty database and seeds it; B starts on what A made.
  await startServer(BASE, postgres.url);
  await startServer(BASE + 1, postgres.url);
});

test.afterAll(async () => {
  await Promise.all(
    servers.splice(0).map(async ({ process: server }) => {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }),
  );
  postgres?.stop();
});

test('a claim made through process A appears live in a reader open on process B', async ({
  browser,
  problems,
}) => {
  test.setTimeout(180_000);
  // The administrator signs up on A; the session is good on B too (one secret, from the database).
  const owner = await browser.newContext({ baseURL: A });
  const onA = await owner.newPage();
  await onA.goto('/sign-up');
  await signUp(onA, { name: 'Mariam Keita', email: 'mariam@processes.example.org' });
  await onA.getByRole('button', { name: 'Create account' }).click();
  await signInAfterSignUp(onA);
  const ws = await createWorkspace(onA, 'Two-process desk');
  const documentId = await pasteDocument(onA, ws, { title: TITLE, format: 'Plain text', text: TEXT });
  const invite = await createInviteLink(onA, ws, 'Editor');

  const ownerOnB = await owner.newPage();
  await ownerOnB.goto(`${B}/w/${ws}`);
  await expect(ownerOnB.getByRole('heading', { level: 1, name: 'Two-process desk' })).toBeVisible();
  await ownerOnB.close();

  // A second analyst joins and reads the document on B.
  const analyst = await browser.newContext({ baseURL: B });
  analyst.on('page', (p) => p.on('pageerror', (e) => problems.push(`pageerror on B: ${e.message}`)));
  const onB = await analyst.newPage();
  await joinWithInvite(onB, invite.replace(A, B), 'Seydou Traoré', 'seydou@processes.example.org');
  await onB.goto(`/w/${ws}/documents/${documentId}`);
  await expect(onB.getByRole('document', { name: TITLE })).toBeVisible();

  // The owner opens it on A: each sees the other reading, across the two processes.
  await onA.goto(`/w/${ws}/documents/${documentId}`);
  await expect(onA.getByRole('region', { name: 'Also reading' })).toContainText('Seydou Traoré');
  await expect(onB.getByRole('region', { name: 'Also reading' })).toContainText('Mariam Keita');

  // A claim made on A reaches the reader on B without a reload.
  const claims = onB.getByRole('list', { name: 'Claims' });
  await expect(claims.getByRole('button', { name: /crossed into Niger/ })).toHaveCount(0);
  await makeClaim(onA, TITLE, 'the released men had crossed into Niger', {
    statement: 'The released men crossed into Niger',
    type: 'Event',
  });
  await expect(claims.getByRole('button', { name: /The released men crossed into Niger/ })).toBeVisible({
    timeout: 5_000,
  });

  // The owner leaves: B's reader stops showing them (the region lists the others: it goes away).
  await onA.close();
  await expect(onB.getByRole('region', { name: 'Also reading' })).toHaveCount(0, { timeout: 5_000 });
  await owner.close();
  await analyst.close();
});
