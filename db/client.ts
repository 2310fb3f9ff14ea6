/**
 * The SQLite connection. Only db/ opens the database file. Pragmas are set at open and checked:
 * WAL, synchronous=FULL, foreign_keys=ON, busy_timeout ≥ 5000. One connection per process, kept
 * on globalThis so that Next.js bundles which load this module twice share it.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle: the same query API, used inside `db.transaction(...)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const REQUIRED_PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL
  foreign_keys: 1,
} as const;
export const MIN_BUSY_TIMEOUT_MS = 5000;

export function databasePath(): string {
  const configured = process.env.DATABASE_PATH || './data/warrant.db';
  return configured === ':memory:' ? configured : path.resolve(/* turbopackIgnore: true */ configured);
}

/**
 * The data folder is created 0700 (an existing one is left as the operator made it) and the
 * database file 0600 before SQLite opens it; SQLite gives its -wal and -shm files the database
 * file's mode. Files left readable by others are tightened.
 */
export function prepareDatabaseFiles(file: string): void {
  const dir = path.dirname(file);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}

export function openDatabase(file: string = databasePath()): Db {
  if (file !== ':memory:') prepareDatabaseFiles(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${MIN_BUSY_TIMEOUT_MS}`);
  assertPragmas(sqlite, file === ':memory:');
  return drizzle(sqlite, { schema }) as Db;
}

/** Throws when a pragma the app relies on does not hold (checked at every open). */
export function assertPragmas(sqlite: Database.Database, inMemory = false): void {
  const journal = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
  const problems: string[] = [];
  if (!inMemory && journal !== REQUIRED_PRAGMAS.journal_mode) problems.push(`journal_mode is ${journal}`);
  if (sqlite.pragma('synchronous', { simple: true }) !== REQUIRED_PRAGMAS.synchronous)
    problems.push('synchronous is not FULL');
  if (sqlite.pragma('foreign_keys', { simple: true }) !== REQUIRED_PRAGMAS.foreign_keys)
    problems.push('foreign_keys is off');
  const busy = Number(sqlite.pragma('busy_timeout', { simple: true }));
  if (busy < MIN_BUSY_TIMEOUT_MS) problems.push(`busy_timeout is ${busy}`);
  if (problems.length) throw new Error(`SQLite settings do not hold: ${problems.join(', ')}`);
}

const globalForDb = globalThis as unknown as { __warrantDb?: { file: string; db: Db } };

/** The process-wide database, opened on first use. */
export function getDb(): Db {
  const file = databasePath();
  const cached = globalForDb.__warrantDb;
  if (cached && cached.file === file) return cached.db;
  const db = openDatabase(file);
  globalForDb.__warrantDb = { file, db };
  return db;
}

/** For tests and the CLI: use this database as the process-wide one. */
export function setDb(db: Db, file = ':memory:'): void {
  globalForDb.__warrantDb = { file, db };
  process.env.DATABASE_PATH = file;
}
