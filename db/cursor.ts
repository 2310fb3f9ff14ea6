/**
 * Reading many rows without mapping each into an object: raw rows (arrays of stored values), the
 * row reader an export reads through inside `store.snapshot` (`RowReader`: prepared statements and
 * a streaming cursor on one consistent snapshot), and where each field sits in a raw row.
 * `store.rows(query)` answers raw rows outside a snapshot.
 */
import type { SQLWrapper } from 'drizzle-orm';

/**
 * A row as the engine returns it: the select's fields in their order, each value as stored, not
 * mapped by Drizzle (no Date, no parsed JSON): on SQLite a time is its number of milliseconds and a
 * JSON column its text. A reader of raw rows decodes what it uses (an export: hundreds of
 * thousands of rows, where building, preparing and mapping every batch's statements through
 * Drizzle's query API cost about 2.5 s of a 100k-claim CSV).
 */
export type RawRow = unknown[];

/**
 * Raw reads inside one snapshot (`store.snapshot(fn)` hands one to `fn` with its query handle), for
 * exports. A query is built with Drizzle as usual (`sql.placeholder(name)` for what changes from one
 * run to the next, e.g. a batch's ids: db/dialect `idTable`), prepared once, and run many times.
 * The SQLite engine prepares a statement on the snapshot's connection; a PostgreSQL engine would
 * use a named prepared statement and a server-side cursor in array row mode.
 */
export interface RowReader {
  prepare(query: SQLWrapper): PreparedRows;
}

export interface PreparedRows {
  /** Every row, for these placeholder values (a small result: a batch's rows, counts). */
  rows(values?: Record<string, unknown>): Promise<RawRow[]>;
  /**
   * The rows in batches of `size` (the last one shorter, none when there are no rows), read from
   * one running statement as they are asked for: a streaming cursor. The engine lets other work
   * run between two batches (it never reads the next batch in the same turn of the event loop).
   * Returning early (`break`) closes the cursor.
   */
  batches(size: number, values?: Record<string, unknown>): AsyncGenerator<RawRow[]>;
}

/**
 * Where each field of a flat selection is in a raw row (Drizzle selects a flat object's fields in
 * the order of its keys): `const at = fieldPositions(fields)`, then `row[at.statement]`.
 */
export function fieldPositions<F extends Record<string, unknown>>(
  fields: F,
): { readonly [K in keyof F]: number } {
  const at: Record<string, number> = {};
  Object.keys(fields).forEach((key, i) => (at[key] = i));
  return at as { readonly [K in keyof F]: number };
}
