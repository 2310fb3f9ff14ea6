/**
 * Start-up of the server (called from instrumentation.ts) and of the CLI: open the database
 * (pragmas checked), apply migrations, seed the demo workspace on an empty database, make sure
 * the session secret exists.
 */
import { databasePath, getDb } from './client';
import { applyMigrations } from './migrate';
import { getSessionSecret } from './secret';
import { DEMO_CREDENTIALS, DEMO_WORKSPACE_NAME, seedDemoIfEmpty } from './seed';

export async function bootstrap({
  seed,
  log = console.log,
}: {
  seed: boolean;
  log?: (line: string) => void;
}) {
  const db = getDb();
  applyMigrations(db);
  getSessionSecret();
  if (!seed) return;
  const { seeded } = await seedDemoIfEmpty(db);
  log(`Warrant database: ${databasePath()}`);
  if (seeded) {
    log(`Seeded the demo workspace "${DEMO_WORKSPACE_NAME}".`);
  }
  if (seeded || process.env.WARRANT_SEED_DEMO !== 'false') {
    log(`Demo account: ${DEMO_CREDENTIALS.email} / ${DEMO_CREDENTIALS.password}`);
  }
}
