/**
 * `column IN (ids)` for any number of ids: one JSON parameter read by json_each, where a plain IN
 * list would hit SQLite's limit of 32,766 bound variables (a queue of 40,000 claims).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

export function inIds(column: SQLiteColumn, ids: readonly string[]): SQL {
  return ids.length === 0 ? sql`0` : sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}
