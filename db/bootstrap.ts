/**
 * Start-up of the server (called from instrumentation.ts with the server's store, opened by
 * app/_server/store.ts with its pragmas checked): apply migrations, make sure the session secret
 * exists, record an existing administrator, retire the published demo login of earlier versions,
 * seed the demo workspace on a new instance, and say where things are. Each step is its own
 * write transaction, as it was when the steps were synchronous. After a change of the contested
 * rules, the claims are recomputed in the background (the promise returned, for tests).
 */
import { pruneLoginAttempts } from './queries/accounts';
import { markInitialisedIfAdministrator } from './queries/administrators';
import { recomputeContestedInBackground } from './queries/contested';
import { indexSearchInBackground, searchIndexNeeded } from './queries/search-index';
import { readSetting, writeSetting } from './queries/settings';
import { isPostgresStore } from './engines/postgres';
import { getSessionSecret, newSessionSecret, sessionSecretFromEnv, adoptSharedSessionSecret } from './secret';
import { DEMO_WORKSPACE_NAME, handOrphanedDemoWorkspaces, retireDemoLogins, seedDemoIfEmpty } from './seed';
import type { Store } from './store';

export async function bootstrap(
  store: Store,
  { log = console.log }: { log?: (line: string) => void } = {},
): Promise<{ contestedRecompute: Promise<number | null>; searchIndex: Promise<number | null> }> {
  await store.migrate();
  // Before the seed: a new database is marked as indexed (its writes, the seed's too, index themselves).
  const indexNeeded = await searchIndexNeeded(store);
  await loadSharedSessionSecret(store);
  getSessionSecret();
  await store.transaction((tx) => pruneLoginAttempts(tx));
  if (await markInitialisedIfAdministrator(store)) log('Recorded that this instance has an administrator.');
  for (const email of await retireDemoLogins(store)) {
    log(`Disabled the demo account ${email}: its password was published. Its workspace stays.`);
  }
  const seed = await seedDemoIfEmpty(store);
  log(`Warrant database: ${store.location}`);
  if (seed.seeded) {
    log(
      seed.ownerEmail
        ? `Seeded the demo workspace "${DEMO_WORKSPACE_NAME}", owned by ${seed.ownerEmail}.`
        : `Seeded the demo workspace "${DEMO_WORKSPACE_NAME}": it will belong to the first account created (the administrator).`,
    );
  }
  const handed = await handOrphanedDemoWorkspaces(store);
  if (handed)
    log(`Gave the demo workspace "${DEMO_WORKSPACE_NAME}" to the administrator ${handed.ownerEmail}.`);
  // Claims from before the contested rules (or from older rules) get their state computed once, in
  // the background while the server serves (never before it: at 100k claims that takes a minute).
  // Likewise a database from before the search index is indexed in the background.
  return {
    contestedRecompute: recomputeContestedInBackground(store, { log }),
    searchIndex: indexNeeded ? indexSearchInBackground(store, { log }) : Promise.resolve(null),
  };
}

/**
 * On PostgreSQL without NEXTAUTH_SECRET: reads the instance's session secret from the database,
 * generating it on the first start (the first process to commit wins; SERIALIZABLE makes the
 * others read its secret), so that every app process on every machine accepts the same cookies.
 * On SQLite the secret file beside the database does that for the processes of one machine.
 */
export async function loadSharedSessionSecret(store: Store): Promise<string | undefined> {
  if (sessionSecretFromEnv() || !isPostgresStore(store)) return undefined;
  const secret = await store.transaction(async (tx) => {
    const existing = await readSetting(tx, 'sessionSecret');
    if (existing) return existing;
    const generated = newSessionSecret();
    await writeSetting(tx, 'sessionSecret', generated);
    return generated;
  });
  adoptSharedSessionSecret(secret);
  return secret;
}

/**
 * For the server's start: bootstrap the store `open` gives (app/_server/store.ts `appStore`), or
 * say why not and stop the process. The store is opened inside, so that a database that cannot be
 * opened (its pragmas do not hold, its folder is not writable) is reported the same way.
 */
export async function bootstrapOrExit(open: () => Store): Promise<void> {
  try {
    await bootstrap(open());
  } catch (error) {
    console.error(`Warrant could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
