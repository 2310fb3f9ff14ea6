import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openDemoWorkspace, signIn, signInAfterSignUp, signUp } from './pages';

/**
 * Forwarding headers sent by a client (no proxy is trusted) change nothing: not next-auth's
 * origin (where it redirects, whether its cookies are Secure and __Secure-/__Host- named), not
 * the client address sign-in records and throttles by. Proved on `npm start` (the suite's
 * server) and on plain `next start` of the same build, which has no custom server.
 */
test.describe.configure({ mode: 'serial' });

const FORGED = {
  'X-Forwarded-Host': 'evil.example',
  'X-Forwarded-Proto': 'https',
  'X-Forwarded-Port': '443',
  'X-Forwarded-For': '203.0.113.9',
  'X-Real-IP': '203.0.113.10',
  Forwarded: 'for=203.0.113.11;host=evil.example;proto=https',
};
const NEXT_START_PORT = 3211;
const nextStartURL = `http://127.0.0.1:${NEXT_START_PORT}`;
const root = path.join(__dirname, '..');

async function forgingContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, extraHTTPHeaders: FORGED });
}

/** After a sign-in with forged headers: what the server decided. */
async function expectForgedHeadersIgnored(page: Page, origin: string) {
  const cookies = await page.context().cookies(origin);
  const session = cookies.find((c) => /next-auth\.session-token$/.test(c.name));
  expect(session?.name, 'session cookie name').toBe('next-auth.session-token');
  expect(session?.secure, 'session cookie Secure flag').toBe(false);
  for (const c of cookies) expect(c.domain).not.toContain('evil.example');
  expect(new URL(page.url()).origin).toBe(origin);

  // The session list shows the address this session signed in from: the socket's, not a header's.
  await page.goto('/account');
  const here = page
    .getByRole('list', { name: 'Active sessions' })
    .getByRole('listitem')
    .filter({ hasText: 'This browser' });
  await expect(here).toContainText('from 127.0.0.1');
  await expect(page.getByRole('list', { name: 'Active sessions' })).not.toContainText('203.0.113');

  // An anonymous request is sent to sign-in on this origin, not the forged one.
  const anonymous = await fetch(`${origin}/workspaces`, { headers: FORGED, redirect: 'manual' });
  expect(anonymous.status).toBe(307);
  const location = anonymous.headers.get('location')!;
  expect(location).toContain('/sign-in');
  expect(location).not.toContain('evil.example');
  expect(new URL(location, origin).origin).toBe(origin);
}

test('npm start: forged X-Forwarded-* headers change neither the origin nor the client address', async ({
  browser,
  baseURL,
}) => {
  const context = await forgingContext(browser, baseURL!);
  const page = await context.newPage();
  await openDemoWorkspace(page);
  await expectForgedHeadersIgnored(page, baseURL!);
  await context.close();
});

test.describe('plain next start (no custom server)', () => {
  let server: ChildProcess | undefined;
  let output = '';

  test.beforeAll(async () => {
    const dataDir = path.join(root, 'test-results', 'next-start-data');
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_PATH: path.join(dataDir, 'warrant.db'),
      // How the old guidance ran plain `next start` on another port: now ignored without TRUST_PROXY.
      AUTH_TRUST_HOST: 'true',
    };
    delete env.TRUST_PROXY;
    delete env.NEXTAUTH_URL;
    delete env.PORT;
    // Its own SQLite file, also when the suite's server runs on PostgreSQL.
    delete env.DATABASE_URL;
    server = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'),
        'start',
        '-p',
        String(NEXT_START_PORT),
        '-H',
        '127.0.0.1',
      ],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    await expect
      .poll(
        async () => {
          if (server!.exitCode !== null) throw new Error(`next start exited:\n${output}`);
          return fetch(`${nextStartURL}/sign-in`)
            .then((r) => r.status)
            .catch(() => 0);
        },
        { timeout: 90_000, intervals: [250, 500, 1000] },
      )
      .toBe(200);
  });

  test.afterAll(async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  });

  test('forged X-Forwarded-* headers change neither the origin nor the client address', async ({
    browser,
  }) => {
    const admin = { name: 'Fanta Coulibaly', email: 'fanta@example.org' };
    const setup = await browser.newContext({ baseURL: nextStartURL });
    const first = await setup.newPage();
    await first.goto('/sign-up');
    await signUp(first, admin);
    await first.getByRole('button', { name: 'Create account' }).click();
    await signInAfterSignUp(first);
    await expect(first).toHaveURL(/\/workspaces$/);
    await setup.close();

    const context = await forgingContext(browser, nextStartURL);
    const page = await context.newPage();
    await signIn(page, admin.email);
    await expectForgedHeadersIgnored(page, nextStartURL);
    await context.close();
  });
});
