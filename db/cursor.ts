/**
 * Reading many rows: keyset pagination in plain Drizzle (`keysetBatches`), and the raw row reader
 * an export reads through inside `store.snapshot` (`RowReader`).
 *
 * Keyset pagination: a query's rows in batches, each batch the rows that come after the last row
 * of the batch before in the order of a unique key (e.g. `(created_at, id)`), never by OFFSET.
 * Plain Drizzle, so the same on every engine. A batch is one statement: run the cursor inside
 * `store.snapshot` when the batches must all see the same data (an export); outside one, each
 * batch sees the rows committed when it is read, and no row is read twice or skipped for that.
 *
 * The key's parts must never be null (`(a, b) > (x, y)` is not true of a null), and together must
 * be unique: rows equal on the whole key would be cut between two batches.
 */
import { and, asc, eq, gt, or, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';

export interface KeyPart<Row> {
  /** A column (or expression) of the order, ascending; never null. */
  column: Column | SQLWrapper;
  /** Its value in a row of the query. */
  value: (row: Row) => unknown;
}

/** A select (a Drizzle builder) the cursor orders by the key and limits to a batch. */
export interface KeysetQuery<Row> {
  orderBy(...columns: SQL[]): { limit(limit: number): PromiseLike<Row[]> };
}

/**
 * Yields the rows of `query` in batches of `size` (the last one shorter, none when there are no
 * rows). `query(after)` builds the select with `after` added to its conditions (undefined for the
 * first batch: `and(…, undefined)` drops it); the cursor adds the order and the limit.
 */
export async function* keysetBatches<Row>(
  query: (after: SQL | undefined) => KeysetQuery<Row>,
  key: readonly KeyPart<Row>[],
  size: number,
): AsyncGenerator<Row[]> {
  if (key.length === 0) throw new Error('A keyset needs at least one key column.');
  if (!(size >= 1)) throw new Error('A keyset batch holds at least one row.');
  const order = key.map((k) => asc(k.column));
  let after: SQL | undefined;
  for (;;) {
    const rows = await query(after)
      .orderBy(...order)
      .limit(size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    after = following(key, rows[rows.length - 1]!);
  }
}

/** `(k1, …, kn) > (v1, …, vn)`, spelled out: `k1 > v1 or (k1 = v1 and k2 > v2) or …`. */
function following<Row>(key: readonly KeyPart<Row>[], row: Row): SQL {
  const values = key.map((k) => {
    const value = k.value(row);
    if (value === null || value === undefined) throw new Error('A keyset key is null.');
    return value;
  });
  const terms = key.map((k, i) =>
    and(...key.slice(0, i).map((p, j) => eq(p.column, values[j])), gt(k.column, values[i])),
  );
  return or(...terms)!;
}

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
