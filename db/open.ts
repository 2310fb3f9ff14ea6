/**
 * Opens the store the configuration names. Today that is the SQLite file of DATABASE_PATH
 * (./data/warrant.db by default); the PostgreSQL engine is added here as a second case.
 * Composition roots (the server's start, the CLI, the bench) call this once and pass the store on.
 */
import { openSqliteStore } from './engines/sqlite';
import type { Store } from './store';

export function openStore(env: NodeJS.ProcessEnv = process.env): Store {
  return openSqliteStore({ file: env.DATABASE_PATH || undefined });
}
