/**
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
