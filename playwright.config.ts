import { defineConfig } from '@playwright/test';
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.join(__dirname, 'test-results', 'e2e-data');
/**
 * `npm run test:e2e:postgres`: the suite's server on an empty PostgreSQL database (a throwaway
 * cluster). The crash drill (SQLite's files) and the two-process test (its own cluster) are left out.
 */
const postgresUrl = process.env.E2E_DATABASE_URL || undefined;
const SQLITE_ONLY = new Set(['durability', 'processes']);

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    // A control that never becomes usable fails the step, not the whole test's time budget.
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  // One server and database for the run: the foundation creates the first (administrator)
  // account, so it runs first; later specs build on the seeded demo workspace.
  projects: withoutSqliteOnly([
    { name: 'foundation', testMatch: /foundation\.spec\.ts/ },
    { name: 'documents', testMatch: /documents\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'annotate', testMatch: /annotate\.spec\.ts/, dependencies: ['documents'] },
    { name: 'review', testMatch: /review\.spec\.ts/, dependencies: ['annotate'] },
    { name: 'evidence', testMatch: /evidence\.spec\.ts/, dependencies: ['review'] },
    { name: 'authority', testMatch: /authority\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'visibility', testMatch: /visibility\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'discussion', testMatch: /discussion\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'search', testMatch: /search\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'reader', testMatch: /reader\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'csp', testMatch: /csp\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'proxy-trust', testMatch: /proxy-trust\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'pdf', testMatch: /pdf\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'charts', testMatch: /charts\.spec\.ts/, dependencies: ['foundation'] },
    { name: 'api-client', testMatch: /api-client\.spec\.ts/, dependencies: ['foundation'] },
    // Crash durability and the backup drill run servers of their own (no browser, no dependency).
    { name: 'durability', testMatch: /durability\.spec\.ts/ },
    // Two app processes on one throwaway PostgreSQL cluster, servers of their own.
    { name: 'processes', testMatch: /processes\.spec\.ts/ },
    // The XSS suite enters payloads everywhere (it renames the demo workspace, keeping its name as
    // a prefix): it runs after the specs that read the demo state.
    { name: 'xss', testMatch: /xss\.spec\.ts/, dependencies: ['evidence'] },
    { name: 'accessibility', testMatch: /accessibility\.spec\.ts/, dependencies: ['foundation'] },
  ]),
  webServer: {
    // A fresh database for every run; start.mjs builds first when the sources changed.
    command: 'node e2e/serve.mjs',
    url: `http://127.0.0.1:${PORT}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_PATH: path.join(dataDir, 'warrant.db'),
      E2E_DATA_DIR: dataDir,
      ...(postgresUrl ? { DATABASE_URL: postgresUrl } : {}),
      // Every spec signs up from 127.0.0.1 on one server; the limit itself is unit-tested.
      SIGN_UP_LIMIT_PER_HOUR: '200',
    },
  },
});

function withoutSqliteOnly<T extends { name?: string }>(projects: T[]): T[] {
  return postgresUrl ? projects.filter((p) => !SQLITE_ONLY.has(p.name ?? '')) : projects;
}
