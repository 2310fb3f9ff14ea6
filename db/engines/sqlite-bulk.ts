/**
 * Bench support on the SQLite engine: fixture rows loaded in bulk, and the driver's floor that the
 * bench compares the data layer with. Only bench/ uses it; the app never does.
 *
 * - `bulkLoad` fills tables with generated rows far faster than the data layer's checked writes
 *   (100k claims with their passages, evidence and assessments in seconds): one prepared INSERT
 *   per table and set of columns, each row typed by the schema (`table.$inferInsert`) and its
 *   values converted by the schema's own columns (times, JSON, booleans), inside one store
 *   transaction (the write queue, BEGIN IMMEDIATE, rolled back whole on an error).
 * - `rawDocumentClaims` and `rawWorkspaceClaims`: plain better-sqlite3 selects, answered as objects
 *   without Drizzle, for the bench's baselines.
 */
import type Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { SqliteStore } from './sqlite';

/** Adds one row to a table (inside `bulkLoad`). */
export type BulkInsert = <T extends SQLiteTable>(table: T, row: T['$inferInsert']) => void;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One table's prepared insert for one set of row keys. */
interface Prepared {
  statement: Database.Statement;
  /** In the statement's order: the row key (or the column's default function) and its column. */
  columns: { key: string; column: SQLiteColumn; fill?: () => unknown }[];
}

/**
 * Runs `fill` in one store transaction; each `insert(table, row)` it makes writes one row. Keys a
 * row leaves out take the column's default (its default function when it has one, else the SQL
 * default). Rows of one table with the same keys share a prepared statement.
 */
export async function bulkLoad<R>(store: SqliteStore, fill: (insert: BulkInsert) => R): Promise<R> {
  const prepared = new Map<string, Prepared>();
  const insert: BulkInsert = (table, row) => {
    const values = row as Record<string, unknown>;
    const keys = Object.keys(values).filter((k) => values[k] !== undefined);
    const cacheKey = `${getTableName(table)}\0${keys.join('\0')}`;
    let p = prepared.get(cacheKey);
    if (!p) {
      const all = getTableColumns(table) as Record<string, SQLiteColumn>;
      const columns: Prepared['columns'] = [];
      for (const [key, column] of Object.entries(all)) {
        if (keys.includes(key)) columns.push({ key, column });
        else if (column.defaultFn) columns.push({ key, column, fill: column.defaultFn as () => unknown });
      }
      const unknown = keys.filter((k) => !(k in all));
      if (unknown.length) throw new Error(`${getTableName(table)} has no column ${unknown.join(', ')}`);
      const names = columns.map((c) => quote(c.column.name)).join(', ');
      const marks = columns.map(() => '?').join(', ');
      p = {
        statement: store.connection.prepare(
          `insert into ${quote(getTableName(table))} (${names}) values (${marks})`,
        ),
        columns,
      };
      prepared.set(cacheKey, p);
    }
    p.statement.run(
      p.columns.map(({ key, column, fill }) => {
        const value = fill ? fill() : values[key];
        return value === null ? null : column.mapToDriverValue(value);
      }),
    );
  };
  return store.transaction(async () => fill(insert));
}

const cached = new WeakMap<SqliteStore, Map<string, Database.Statement>>();
function statement(store: SqliteStore, sql: string): Database.Statement {
  let map = cached.get(store);
  if (!map) cached.set(store, (map = new Map()));
  let s = map.get(sql);
  if (!s) map.set(sql, (s = store.connection.prepare(sql)));
  return s;
}

/**
 * The rows the reader's claims endpoint reads for a document (its columns and joins), as plain
 * objects straight from the driver: the baseline of the bench's claim loading.
 */
export function rawDocumentClaims(store: SqliteStore, documentId: string): unknown[] {
  return statement(
    store,
    `select a.id, a.start, a."end", a.status, a.score,
       case when a.status = 'orphaned' then a.exact end as orphan_quote,
       c.id as claim_id, c.statement, c.type_id, c.kind, c.status as claim_status, c.quantity_min,
       c.quantity_max, c.quantity_unit, t.question, u.name
     from anchors a join claims c on c.id = a.claim_id left join topics t on t.id = c.topic_id
       left join users u on u.id = c.created_by
     where a.document_id = ? and c.deleted_at is null order by a.start`,
  ).all(documentId);
}

/** Every live claim row of a workspace as plain objects: the baseline of the export bench. */
export function rawWorkspaceClaims(store: SqliteStore, workspaceId: string): Record<string, unknown>[] {
  return statement(store, 'select * from claims where workspace_id = ? and deleted_at is null').all(
    workspaceId,
  ) as Record<string, unknown>[];
}

/**
 * The database's size, and the part of it the search index takes (search_entries with its indexes,
 * and FTS5's own tables), in bytes, after a checkpoint: the search benchmark's sizes.
 */
export function searchIndexBytes(store: SqliteStore): { database: number; index: number } {
  store.connection.pragma('wal_checkpoint(TRUNCATE)');
  const pages =
    (store.connection.pragma('page_count', { simple: true }) as number) *
    (store.connection.pragma('page_size', { simple: true }) as number);
  const index = store.connection
    .prepare(
      `select coalesce(sum(pgsize), 0) from dbstat where name like 'search_entries%'
         or name in (select name from sqlite_master where tbl_name = 'search_entries' and type = 'index')`,
    )
    .pluck()
    .get() as number;
  return { database: pages, index };
}

/** Refreshes the query planner's statistics (`analyze`), as a database long in use has them. */
export function analyzeDatabase(store: SqliteStore): void {
  store.connection.exec('analyze');
}

/** Some passage placed on its document's text: where a benchmark makes its claims. */
export function somePlacedPassage(
  store: SqliteStore,
): { documentId: string; revisionId: string; start: number; end: number } | undefined {
  return store.connection
    .prepare(
      `select document_id as documentId, revision_id as revisionId, start, "end" as "end"
         from anchors where start is not null limit 1`,
    )
    .get() as { documentId: string; revisionId: string; start: number; end: number } | undefined;
}

/** Drops indexes by name, or creates them from their DDL: to measure what they cost a write. */
export function dropIndexes(store: SqliteStore, names: readonly string[]): void {
  for (const name of names) store.connection.exec(`drop index ${name.replace(/[^A-Za-z0-9_]/g, '')}`);
}
export function createIndexes(store: SqliteStore, ddls: readonly string[]): void {
  for (const ddl of ddls) store.connection.exec(ddl);
}
