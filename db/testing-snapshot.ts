/**
 * Test support: a snapshot of the process-wide database that can be put back in place (a fresh
 * copy each time), and digests of every table to tell which tables a call changed. Used by the
 * authorization matrix (app/authz-matrix.test.ts). Unit tests only.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createHash } from 'node:crypto';
import { getDb, setDb, type Db } from './client';
import * as schema from './schema';

/** Takes a snapshot of the current database; the answer installs a fresh copy of it. */
export function snapshotDatabase(): () => Db {
  const image = getDb().$client.serialize();
  return () => {
    const sqlite = new Database(image);
    sqlite.pragma('foreign_keys = ON');
    const previous = getDb().$client;
    const db = drizzle(sqlite, { schema }) as Db;
    setDb(db, ':memory:');
    previous.close();
    return db;
  };
}

/** Columns that only keep track of use (a token's last use), left out of the digests. */
const BOOKKEEPING = new Set(['last_used_at', 'last_seen_at']);

/** One query that answers each table's rows as JSON. */
function digestQuery(sqlite: Database.Database): string {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  return tables
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

/** A digest of each table's rows. The tables are read once per process (they do not change). */
export function tableDigests(db: Db): Map<string, string> {
  cachedQuery ??= digestQuery(db.$client);
  const rows = db.$client.prepare(cachedQuery).all() as { name: string; rows: string }[];
  return new Map(rows.map((t) => [t.name, createHash('sha256').update(t.rows).digest('hex')]));
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((t) => before.get(t) !== after.get(t)).sort();
}
