/**
 * The SQLite implementation of the store (../store). The only module that opens a database file
 * or calls better-sqlite3 itself (with ./sqlite-backup, ./sqlite-inspect and ./sqlite-snapshot beside it).
 *
 * A file database gets two connections:
 * - the write connection, used only inside `transaction`: a per-process queue (one transaction at
 *   a time) around BEGIN IMMEDIATE … COMMIT, so a transaction that awaits between its statements
 *   never lets another request's statement in, and another process's writer makes it wait for
 *   the lock before the first statement, never half-way. That wait does not block the event
 *   loop: BEGIN IMMEDIATE is tried without a busy timeout and tried again after a short timer
 *   (growing to BEGIN_RETRY_MAX_MS) until MIN_BUSY_TIMEOUT_MS has passed, so the process goes on
 *   serving reads and streams while another process writes;
 * - the read connection (read-only), for reads outside a transaction: in WAL mode it sees the
 *   latest committed rows and never waits for a writer.
 * A snapshot opens a third, short-lived read-only connection with its own read transaction.
 *
 * An in-memory database (tests) has one connection for everything; its snapshots take the write
 * queue, so they too see one moment of the data.
 *
 * Pragmas are set at open and checked: WAL, synchronous=FULL, foreign_keys=ON,
 * busy_timeout ≥ 5000.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as schema from '../schema';
import { backupDatabase } from './sqlite-backup';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { fillPlaceholders, type SQLWrapper } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { RawRow, RowReader } from '../cursor';
import type { Db, Store, Tx } from '../store';

export const REQUIRED_PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL
  foreign_keys: 1,
} as const;
export const MIN_BUSY_TIMEOUT_MS = 5000;
/** The longest pause between two tries of BEGIN IMMEDIATE while another process writes (ms). */
const BEGIN_RETRY_MAX_MS = 8;

/** SQLITE_BUSY: another connection holds the lock. */
function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY';
}

/** The database file named by DATABASE_PATH (default ./data/warrant.db), resolved. */
export function databasePath(configured = process.env.DATABASE_PATH || './data/warrant.db'): string {
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

/** Opens a writable connection with the app's pragmas, checked. */
export function openConnection(file: string): Database.Database {
  if (file !== ':memory:') prepareDatabaseFiles(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${MIN_BUSY_TIMEOUT_MS}`);
  assertPragmas(sqlite, file === ':memory:');
  return sqlite;
}

function openReadOnly(file: string): Database.Database {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma(`busy_timeout = ${MIN_BUSY_TIMEOUT_MS}`);
  return sqlite;
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

export const MIGRATIONS_FOLDER = path.join(/* turbopackIgnore: true */ process.cwd(), 'drizzle');

/** drizzle's bookkeeping table: a database migrated by drizzle's own migrator carries on. */
const MIGRATIONS_TABLE = '"__drizzle_migrations"';

interface ForeignKeyProblem {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

/** "claims row 12: reviewer_id → users" for each of the first rows foreign_key_check reported. */
function describeForeignKeyProblems(sqlite: Database.Database, problems: ForeignKeyProblem[]): string {
  const shown = problems.slice(0, 10).map((p) => {
    const keys = sqlite.pragma(`foreign_key_list("${p.table.replaceAll('"', '""')}")`) as {
      id: number;
      from: string;
    }[];
    const columns = keys.filter((k) => k.id === p.fkid).map((k) => k.from);
    return `${p.table} row ${p.rowid ?? '?'}: ${columns.join(', ') || '?'} → ${p.parent}`;
  });
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * Applies the pending migrations of `folder` by SQLite's documented procedure for schema changes
 * that rebuild tables (https://www.sqlite.org/lang_altertable.html#otheralter), which drizzle-kit
 * emits to add a foreign key or a CHECK (create `__new_x`, copy, drop `x`, rename):
 * 1. `PRAGMA foreign_keys=OFF` outside the transaction (inside one it is a no-op, which is why the
 *    PRAGMA lines of the generated files do nothing): with foreign keys on, dropping a parent
 *    table deletes its rows first, which would cascade into (or be refused by) its children;
 * 2. one IMMEDIATE transaction that runs every pending migration and records each in drizzle's
 *    `__drizzle_migrations` table (same hash and folder time as drizzle's migrator);
 * 3. `PRAGMA foreign_key_check` before COMMIT: a row whose reference points nowhere throws and
 *    rolls everything back, so a migration never leaves broken references behind;
 * 4. `PRAGMA foreign_keys=ON` again (also after a failure), then the pragmas are checked.
 * A failing statement throws with the migration's name; nothing of the run is kept.
 * Returns how many migrations were applied.
 */
export function applyMigrations(sqlite: Database.Database, folder: string, inMemory: boolean): number {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const tag = (i: number) => journal.entries[i]?.tag ?? `migration ${i}`;
  sqlite.pragma('foreign_keys = OFF');
  let applied: number;
  try {
    if (sqlite.pragma('foreign_keys', { simple: true }) !== 0)
      throw new Error(
        'Migrations need foreign keys off, and they cannot be turned off inside a transaction.',
      );
    applied = sqlite
      .transaction(() => {
        sqlite
          .prepare(
            `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
          )
          .run();
        const last = sqlite
          .prepare(`SELECT created_at FROM ${MIGRATIONS_TABLE} ORDER BY created_at DESC LIMIT 1`)
          .get() as { created_at: number | string } | undefined;
        let count = 0;
        migrations.forEach((migration, i) => {
          if (last && Number(last.created_at) >= migration.folderMillis) return;
          try {
            for (const statement of migration.sql) sqlite.prepare(statement).run();
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const hint =
              (error as { code?: string }).code === 'SQLITE_CONSTRAINT_CHECK'
                ? ' A row holds a value outside its vocabulary (lib/vocabulary.ts, lib/scales.ts,' +
                  ' lib/permissions.ts): correct that row, then start again.'
                : '';
            throw new Error(`Migration ${tag(i)} failed and nothing was changed: ${message}.${hint}`, {
              cause: error,
            });
          }
          sqlite
            .prepare(`INSERT INTO ${MIGRATIONS_TABLE} ("hash", "created_at") VALUES (?, ?)`)
            .run(migration.hash, migration.folderMillis);
          count += 1;
        });
        if (count > 0) {
          const problems = sqlite.pragma('foreign_key_check') as ForeignKeyProblem[];
          if (problems.length > 0)
            throw new Error(
              `Migrations refused and nothing was changed: ${problems.length} row(s) reference rows that do ` +
                `not exist (${describeForeignKeyProblems(sqlite, problems)}). Correct or remove them ` +
                "(sqlite3 <database> 'PRAGMA foreign_key_check' lists them), then start again.",
            );
        }
        return count;
      })
      .immediate();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  assertPragmas(sqlite, inMemory);
  return applied;
}

/**
 * A statement of the cache below as Drizzle uses it: `raw()` applies to the next call only (a
 * cached statement is shared by every use of its SQL, so its mode is set on each call).
 */
export class SharedStatement {
  private rawNext = false;
  constructor(private readonly statement: Database.Statement) {}

  /** The statement's SQL. */
  get source(): string {
    return this.statement.source;
  }

  raw(toggle = true): this {
    this.rawNext = toggle;
    return this;
  }
  run(...params: unknown[]): Database.RunResult {
    return this.statement.run(...params);
  }
  all(...params: unknown[]): unknown[] {
    return this.mode().all(...params);
  }
  get(...params: unknown[]): unknown {
    return this.mode().get(...params);
  }
  private mode(): Database.Statement {
    const raw = this.rawNext;
    this.rawNext = false;
    return this.statement.reader ? this.statement.raw(raw) : this.statement;
  }
}

/**
 * The connection as Drizzle (and `store.rows`) sees it, with its statements cached by SQL text (the most recent
 * STATEMENTS_CACHED): Drizzle prepares every query it runs, and compiling the same SQL again was a
 * seventh of a claim's creation. Statements run to completion synchronously (never iterated here),
 * so one statement can serve every use of its SQL.
 */
function cachingClient(sqlite: Database.Database): Database.Database {
  const statements = new Map<string, SharedStatement>();
  const client = {
    prepare(sql: string): SharedStatement {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = new SharedStatement(sqlite.prepare(sql));
        if (statements.size >= STATEMENTS_CACHED) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
  return client as unknown as Database.Database;
}
const STATEMENTS_CACHED = 500;

const wrap = (client: Database.Database): Db => drizzle({ client, schema }) as unknown as Db;

const rawDialect = new SQLiteSyncDialect();
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The raw row reader (../cursor `RowReader`) on a snapshot's connection: each query becomes one
 * better-sqlite3 statement in raw mode (rows as arrays), prepared once; `batches` steps it with
 * `iterate`, a batch per turn of the event loop. Its statements die with the connection.
 */
function rowReader(connection: Database.Database): RowReader {
  return {
    prepare(query) {
      const { sql, params } = rawDialect.sqlToQuery(query.getSQL());
      const statement = connection.prepare(sql).raw(true);
      const bind = (values: Record<string, unknown> = {}) => fillPlaceholders(params, values);
      return {
        async rows(values) {
          return statement.all(...bind(values)) as RawRow[];
        },
        async *batches(size, values) {
          if (!(size >= 1)) throw new Error('A batch holds at least one row.');
          const rows = statement.iterate(...bind(values)) as IterableIterator<RawRow>;
          try {
            for (let first = true; ; first = false) {
              if (!first) await nextTurn();
              const batch: RawRow[] = [];
              for (let row = rows.next(); !row.done; row = rows.next()) {
                if (batch.push(row.value) === size) break;
              }
              if (batch.length > 0) yield batch;
              if (batch.length < size) return;
            }
          } finally {
            rows.return?.();
          }
        },
      };
    },
  };
}

/** A FIFO lock: `run` starts `fn` once every earlier `run` has settled. */
class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  get length(): number {
    return this.waiting;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    this.waiting += 1;
    const result = this.tail.then(fn).finally(() => {
      this.waiting -= 1;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}

interface Scope {
  tx: Db;
  /** False once the transaction ended (a continuation started inside it may outlive it). */
  open: boolean;
  depth: number;
}

export interface SqliteStore extends Store {
  readonly engine: 'sqlite';
  /** The file (or ':memory:'). */
  readonly file: string;
  /** Transactions waiting for (or holding) the write queue, for tests and the bench. */
  readonly queued: number;
  /**
   * The write connection, for ./sqlite-backup, ./sqlite-snapshot and db/ tests only (migrations, backups,
   * statements a test needs to run around the data layer). Outside a transaction.
   */
  readonly connection: Database.Database;
}

export interface OpenSqliteOptions {
  /** DATABASE_PATH by default. */
  file?: string;
  /** An in-memory database made from a serialized image (tests). */
  image?: Buffer;
}

/** Opens the SQLite store. */
export function openSqliteStore(options: OpenSqliteOptions = {}): SqliteStore {
  const file = options.image ? ':memory:' : databasePath(options.file);
  const writer = options.image ? new Database(options.image) : openConnection(file);
  if (options.image) {
    writer.pragma('foreign_keys = ON');
    writer.pragma(`busy_timeout = ${MIN_BUSY_TIMEOUT_MS}`);
  }
  const inMemory = file === ':memory:';
  const reader = inMemory ? writer : openReadOnly(file);
  const writeClient = cachingClient(writer);
  const readClient = inMemory ? writeClient : cachingClient(reader);
  const writeDb = wrap(writeClient);
  const readDb = inMemory ? writeDb : wrap(readClient);
  const queue = new WriteQueue();
  const begin = writer.prepare('BEGIN IMMEDIATE');
  const commit = writer.prepare('COMMIT');
  const rollback = writer.prepare('ROLLBACK');
  const scopes = new AsyncLocalStorage<Scope>();
  let savepoints = 0;
  let closed = false;

  const assertOpen = () => {
    if (closed) throw new Error('The database store is closed.');
  };

  /** BEGIN IMMEDIATE, waiting on timers (not in SQLite's busy handler) while another process writes. */
  async function beginImmediate(): Promise<void> {
    const deadline = Date.now() + MIN_BUSY_TIMEOUT_MS;
    for (let wait = 1; ; wait = Math.min(wait * 2, BEGIN_RETRY_MAX_MS)) {
      writer.pragma('busy_timeout = 0');
      try {
        begin.run();
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
      } finally {
        writer.pragma(`busy_timeout = ${MIN_BUSY_TIMEOUT_MS}`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait / 2 + Math.random() * wait));
      assertOpen();
    }
  }

  async function topLevel<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return queue.run(async () => {
      assertOpen();
      await beginImmediate();
      const scope: Scope = { tx: writeDb, open: true, depth: 0 };
      try {
        const value = await scopes.run(scope, () => fn(writeDb));
        scope.open = false;
        commit.run();
        return value;
      } catch (error) {
        scope.open = false;
        if (writer.inTransaction) rollback.run();
        throw error;
      }
    });
  }

  async function nested<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const name = `warrant_sp${(savepoints += 1)}`;
    writer.prepare(`SAVEPOINT ${name}`).run();
    scope.depth += 1;
    try {
      const value = await fn(scope.tx);
      writer.prepare(`RELEASE ${name}`).run();
      return value;
    } catch (error) {
      if (writer.inTransaction) {
        writer.prepare(`ROLLBACK TO ${name}`).run();
        writer.prepare(`RELEASE ${name}`).run();
      }
      throw error;
    } finally {
      scope.depth -= 1;
    }
  }

  const store: SqliteStore = {
    engine: 'sqlite',
    file,
    location: file,
    reopen: inMemory ? undefined : { engine: 'sqlite', file: path.resolve(file) },
    connection: writer,
    get queued() {
      return queue.length;
    },
    get db() {
      const scope = scopes.getStore();
      return scope?.open ? scope.tx : readDb;
    },
    async rows(query: SQLWrapper): Promise<RawRow[]> {
      assertOpen();
      const { sql, params } = rawDialect.sqlToQuery(query.getSQL());
      const client = scopes.getStore()?.open ? writeClient : readClient;
      return client
        .prepare(sql)
        .raw()
        .all(...params) as RawRow[];
    },
    transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const scope = scopes.getStore();
      if (scope?.open) return nested(scope, fn);
      return topLevel(fn);
    },
    async snapshot<T>(fn: (db: Db, rows: RowReader) => Promise<T>): Promise<T> {
      assertOpen();
      const scope = scopes.getStore();
      if (scope?.open) return fn(scope.tx, rowReader(writer));
      if (inMemory) return queue.run(() => fn(writeDb, rowReader(writer)));
      const connection = openReadOnly(file);
      try {
        connection.prepare('BEGIN').run();
        // A read transaction's snapshot starts at its first read.
        connection.prepare('select count(*) from sqlite_master').get();
        return await fn(wrap(cachingClient(connection)), rowReader(connection));
      } finally {
        if (connection.inTransaction) connection.prepare('COMMIT').run();
        connection.close();
      }
    },
    async listen() {
      // No signal between processes on SQLite: readers of the outbox poll.
      return async () => undefined;
    },
    async migrate() {
      await queue.run(async () => {
        assertOpen();
        applyMigrations(writer, MIGRATIONS_FOLDER, inMemory);
      });
    },
    async backup(target: string) {
      assertOpen();
      await backupDatabase(writer, target);
    },
    async close() {
      if (closed) return;
      await queue.run(async () => undefined);
      closed = true;
      if (reader !== writer) reader.close();
      writer.close();
    },
  };
  return store;
}

export function isSqliteStore(store: Store): store is SqliteStore {
  return store.engine === 'sqlite' && 'connection' in store;
}
