/**
 * Start-up of the server (called from instrumentation.ts): open the database (pragmas checked),
 * apply migrations, make sure the session secret exists, seed the demo workspace on an empty
 * database, and say where things are.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { databasePath, getDb } from './client';
import { applyMigrations } from './migrate';
import { pruneLoginAttempts } from './queries/accounts';
import { CONTESTED_RULES_VERSION, recomputeAllContested } from './queries/contested';
import { readSetting, writeSetting } from './queries/settings';
import { users } from './schema';
import { getSessionSecret } from './secret';
import { DEMO_CREDENTIALS, DEMO_WORKSPACE_NAME, seedDemoIfEmpty } from './seed';

export async function bootstrap({ log = console.log }: { log?: (line: string) => void } = {}) {
  const db = getDb();
  applyMigrations(db);
  getSessionSecret();
  pruneLoginAttempts(db);
  // Claims from before the contested rules (or from older rules) get their state computed once.
  if (readSetting(db, 'contestedRulesVersion') !== CONTESTED_RULES_VERSION) {
    const changed = recomputeAllContested(db);
    writeSetting(db, 'contestedRulesVersion', CONTESTED_RULES_VERSION);
    if (changed) log(`Recomputed the contested state of ${changed} claims.`);
  }
  const { seeded } = await seedDemoIfEmpty(db);
  log(`Warrant database: ${databasePath()}`);
  if (seeded) log(`Seeded the demo workspace "${DEMO_WORKSPACE_NAME}".`);
  const demo = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, DEMO_CREDENTIALS.email), eq(users.isDemo, true), isNull(users.disabledAt)))
    .get();
  if (demo) log(`Demo account: ${DEMO_CREDENTIALS.email} / ${DEMO_CREDENTIALS.password}`);
}

/** For the server's start: bootstrap, or say why not and stop the process. */
export async function bootstrapOrExit() {
  try {
    await bootstrap();
  } catch (error) {
    console.error(`Warrant could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
