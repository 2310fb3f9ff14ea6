/**
 * Test support: a snapshot of a store from which fresh stores are made (a new in-memory copy each
 * time, independent of the others), and digests of every table to tell which tables a call
 * changed. Used by the authorization matrix (app/authz-matrix.test.ts). Unit tests only.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { openSqliteStore, type SqliteStore } from './sqlite';

/**
 * Takes a snapshot of the store's database as it is now; the answer opens a fresh in-memory store
 * on a copy of it each time it is called. Closing the stores it made is the caller's business.
 */
export function snapshotStore(store: SqliteStore): () => SqliteStore {
  const image = store.connection.serialize();
  return () => openSqliteStore({ image });
}

/** Columns that only keep track of use (a token's last use), left out of the digests. */
const BOOKKEEPING = new Set(['last_used_at', 'last_seen_at']);

/** One query that answers each table's rows as JSON. */
function digestQuery(sqlite: Database.Database): string {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  // The search index's FTS5 table and its own tables only mirror search_entries (drizzle/0015).
  return tables
    .filter((table) => !table.startsWith('search_entries_fts'))
    .map((table) => {
      const columns = (sqlite.pragma(`table_info("${table}")`) as { name: string }[])
        .filter((c) => !BOOKKEEPING.has(c.name))
        .map((c) => `"${c.name}"`);
      const rows = `select json_group_array(json_array(${columns.join(', ')})) from (select * from "${table}" order by rowid)`;
      return `select '${table}' as name, (${rows}) as rows`;
    })
    .join(' union all ');
}

let cachedQuery: string | undefined;

/**
 * A digest of each table's rows, read through the store's connection (outside any transaction).
 * The tables are read once per process (they do not change).
 */
export function tableDigests(store: SqliteStore): Map<string, string> {
  cachedQuery ??= digestQuery(store.connection);
  const rows = store.connection.prepare(cachedQuery).all() as { name: string; rows: string }[];
  return new Map(rows.map((t) => [t.name, createHash('sha256').update(t.rows).digest('hex')]));
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((t) => before.get(t) !== after.get(t)).sort();
}
