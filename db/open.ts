/**
 * Opens the store the configuration names: PostgreSQL when DATABASE_URL is a postgres:// (or
 * postgresql://) URL, with a pool of DATABASE_POOL_SIZE connections (10 by default); otherwise
 * the SQLite file of DATABASE_PATH (./data/warrant.db by default).
 * Composition roots (the server's start, the CLI, the bench) call this once and pass the store on.
 */
import { isPostgresUrl, openPostgresStore, poolSizeFrom } from './engines/postgres';
import { openSqliteStore } from './engines/sqlite';
import type { Store } from './store';

export function openStore(env: NodeJS.ProcessEnv = process.env): Store {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!isPostgresUrl(url))
      throw new Error(
        'DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset for the SQLite file of DATABASE_PATH).',
      );
    return openPostgresStore({ url, poolSize: poolSizeFrom(env.DATABASE_POOL_SIZE) });
  }
  return openSqliteStore({ file: env.DATABASE_PATH || undefined });
}
