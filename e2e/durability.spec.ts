import { expect, test } from '@playwright/test';
import path from 'node:path';
import { runBackupDrill } from '../scripts/drill/backup-drill';
import { runCrashDrill } from '../scripts/drill/crash';
import { stopAll } from '../scripts/drill/processes';

/**
 * Crash durability and the backup drill, on servers of their own (not the suite's server): their
 * own data folder under test-results/durability and their own port, DURABILITY_PORT (default: the
 * suite's port + 1), on 127.0.0.1 only. `npm test` kills the server 3 times (DURABILITY_KILLS);
 * `npm run test:durability` 20 times. No browser is needed.
 */
const KILLS = Number(process.env.DURABILITY_KILLS ?? 3);
const PORT = Number(process.env.DURABILITY_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
const SEED = process.env.DURABILITY_SEED ? Number(process.env.DURABILITY_SEED) : undefined;
const workRoot = path.join(__dirname, '..', 'test-results', 'durability');

test.describe.configure({ mode: 'serial' });
test.afterAll(stopAll);

test('every claim acknowledged before a kill -9 of the server is there after the restart', async () => {
  test.setTimeout(120_000 + KILLS * 45_000);
  const report = await runCrashDrill({
    kills: KILLS,
    port: PORT,
    seed: SEED,
    workDir: path.join(workRoot, 'crash'),
    log: (line) => console.log(`  ${line}`),
  });
  console.log(report.summary);
  expect(report).toMatchObject({ kills: KILLS, restarts: KILLS, lost: 0, refused: 0 });
  expect(report.acknowledged).toBeGreaterThan(0);
  expect(report.found).toBeGreaterThanOrEqual(report.acknowledged);
});

test('a backup made while clients write holds, and serves once restored, all that was committed before it', async () => {
  test.setTimeout(240_000);
  const report = await runBackupDrill({ port: PORT, workDir: path.join(workRoot, 'backup') });
  expect(report.acknowledgedBefore).toBeGreaterThan(0);
  expect(report.inBackup).toBeGreaterThanOrEqual(report.acknowledgedBefore);
});
