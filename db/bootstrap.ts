/**
 * Start-up of the server (called from instrumentation.ts): open the database (pragmas checked),
 * apply migrations, make sure the session secret exists, record an existing administrator,
 * retire the published demo login of earlier versions, seed the demo workspace on a new
 * instance, and say where things are.
 */
import { databasePath, getDb } from './client';
import { applyMigrations } from './migrate';
import { pruneLoginAttempts } from './queries/accounts';
import { markInitialisedIfAdministrator } from './queries/administrators';
import { CONTESTED_RULES_VERSION, recomputeAllContested } from './queries/contested';
import { readSetting, writeSetting } from './queries/settings';
import { getSessionSecret } from './secret';
import { DEMO_WORKSPACE_NAME, handOrphanedDemoWorkspaces, retireDemoLogins, seedDemoIfEmpty } from './seed';

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
  if (markInitialisedIfAdministrator(db)) log('Recorded that this instance has an administrator.');
  for (const email of retireDemoLogins(db)) {
    log(`Disabled the demo account ${email}: its password was published. Its workspace stays.`);
  }
  const seed = await seedDemoIfEmpty(db);
  log(`Warrant database: ${databasePath()}`);
  if (seed.seeded) {
    log(
      seed.ownerEmail
        ? `Seeded the demo workspace "${DEMO_WORKSPACE_NAME}", owned by ${seed.ownerEmail}.`
        : `Seeded the demo workspace "${DEMO_WORKSPACE_NAME}": it will belong to the first account created (the administrator).`,
    );
  }
  const handed = handOrphanedDemoWorkspaces(db);
  if (handed)
    log(`Gave the demo workspace "${DEMO_WORKSPACE_NAME}" to the administrator ${handed.ownerEmail}.`);
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
