/**
 * Opens the store the configuration names: PostgreSQL when DATABASE_URL is a postgres:// (or
 * postgresql://) URL, with a pool of DATABASE_POOL_SIZE connections (10 by default); otherwise
 * the SQLite file of DATABASE_PATH (./data/warrant.db by default).
 * Composition roots (the server's start, the CLI, the bench) call this once and pass the store on.
 */
import { isPostgresUrl, openPostgresStore, poolSizeFrom } from './engines/postgres';
import { openSqliteStore } from './engines/sqlite';
import type { Store, StoreAddress } from './store';

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

/** Opens the database at `address` again (another thread's connection to it: db/export-job.ts). */
export function openStoreAt(address: StoreAddress, { poolSize = 2 }: { poolSize?: number } = {}): Store {
  return address.engine === 'postgres'
    ? openPostgresStore({ url: address.url, poolSize })
    : openSqliteStore({ file: address.file });
}
