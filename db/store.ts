/**
 * The store: the one handle through which the app reaches its database. It is opened once by the
 * composition root (the server's start, the CLI, the bench, each test) and passed to every
 * data-layer function; nothing reaches for a process-wide connection.
 *
 * - `store.db` reads outside a transaction: each statement sees the latest committed rows. Inside
 *   a transaction's own async context it answers that transaction's handle, so a read never misses
 *   the transaction's own writes.
 * - `store.transaction(fn)` is the only way to write. On SQLite it runs under a per-process write
 *   queue around BEGIN IMMEDIATE … COMMIT on the write connection: two requests never interleave
 *   inside one transaction, no update is lost, and SQLITE_BUSY cannot surprise a write half-way.
 *   Called again inside a transaction it opens a savepoint.
 * - `store.rows(query)` reads like `store.db`, answering raw rows (arrays of stored values).
 * - `store.snapshot(fn)` reads many statements from one consistent snapshot (exports); besides
 *   its query handle, `fn` gets a reader of raw rows (./cursor `RowReader`: prepared statements
 *   and a streaming cursor) on the same snapshot.
 *
 * Engine-specific SQL lives in ./dialect; the implementations of this interface in
 * ./engines/sqlite (the default) and ./engines/postgres (DATABASE_URL=postgres://…). The query API is Drizzle's: every query is awaited (no synchronous driver
 * call outside ./engines).
 */
import type { SQLWrapper } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { RawRow, RowReader } from './cursor';
import type * as schema from './schema';

/** A handle that runs queries: the store's reader, a transaction or a snapshot. */
export type Db = BaseSQLiteDatabase<'sync', unknown, typeof schema>;
/** A write transaction's handle (the same query API). */
export type Tx = Db;

export type Engine = 'sqlite' | 'postgres';

/** A database another thread can open: a SQLite file or a PostgreSQL URL (with its password). */
export type StoreAddress = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export interface Store {
  readonly engine: Engine;
  /** Where the data lives, for messages (a file path or a URL; never a password). */
  readonly location: string;
  /**
   * How another thread of this process opens the same database (the worker pool's exports: see
   * db/export-job.ts); absent for a database only this connection can see (in-memory SQLite).
   */
  readonly reopen?: StoreAddress;
  /** Reads outside a transaction (inside one: that transaction's handle). */
  readonly db: Db;
  /**
   * The rows of a select as arrays of stored values in its fields' order (./cursor `RawRow`: no
   * per-row objects, no mapping), read where `db` reads. For the few reads of thousands of rows on
   * a request's path (the reader's claims), where mapping each row into an object was most of the
   * time; the caller decodes what it uses.
   */
  rows(query: SQLWrapper): Promise<RawRow[]>;
  /** One write transaction; serialised with every other write of this store. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Several reads from one consistent snapshot (`db`, and raw `rows`); writes are refused inside it. */
  snapshot<T>(fn: (db: Db, rows: RowReader) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotice` whenever a transaction of any process that wrote live events commits
   * (PostgreSQL: LISTEN/NOTIFY on a connection of its own). SQLite has no such signal between
   * processes: its readers poll (db/queries/outbox.ts). Answers the function that stops listening.
   */
  listen(onNotice: () => void): Promise<() => Promise<void>>;
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  /** An online backup into a new file (refused by engines that have their own tools). */
  backup(file: string): Promise<void>;
  /** Closes the connections once running transactions have ended. */
  close(): Promise<void>;
}

/** The first row of a query (or undefined). */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}
