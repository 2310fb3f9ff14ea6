/**
 * The SQL that differs between database engines, in one place. Data-layer modules build their
 * queries with Drizzle and call these functions wherever plain Drizzle would not mean the same on
 * every engine; nothing else in db/queries writes engine-specific SQL. This is the SQLite
 * implementation; the PostgreSQL engine adds its own beside it (same names, same meaning).
 *
 * What each construct means, so that a second implementation can match it:
 * - case-insensitive comparison of user-typed text (emails, topic questions, tags, names):
 *   SQLite's NOCASE folds ASCII letters only; PostgreSQL would use lower() on both sides;
 * - substring search in user text (`containsText`): case-insensitive, with %, _ and \ in the
 *   typed text matched literally;
 * - a list of ids of any length as one bound parameter (`inIds`; `idTable` + `idList` for a
 *   prepared statement run with many lists): json_each on SQLite (its limit is 32,766 bound
 *   variables), `= any($1::text[])` or `unnest($1::text[]) with ordinality` on PostgreSQL;
 * - JSON arrays stored as text compared with the empty array (`jsonArrayEmpty`);
 * - sorting nulls last whatever the direction (`nullsLast`);
 * - the current time in epoch milliseconds, as a default and in statements (`nowMs`);
 * - a row lock for the rest of a write transaction (`lockForUpdate`): SQLite's write transactions
 *   are already exclusive (BEGIN IMMEDIATE under the store's write queue), PostgreSQL needs
 *   `SELECT … FOR UPDATE`.
 * Counts use Drizzle's `count()` (a number on every engine) and booleans `eq(column, true)`.
 */
import { sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './store';

type Expr = SQLWrapper | SQL;

/** `a = b`, ignoring the case of ASCII letters. */
export function equalsIgnoringCase(column: Expr, value: string | Expr): SQL {
  return sql`${column} = ${value} collate nocase`;
}

/** `a IN (b…)`, ignoring the case of ASCII letters. */
export function inIgnoringCase(column: Expr, values: readonly string[]): SQL {
  if (values.length === 0) return sql`0 = 1`;
  return sql`${column} collate nocase in (select value from json_each(${JSON.stringify(values)}))`;
}

/** Escapes %, _ and \ so that typed text is matched literally by LIKE … ESCAPE '\'. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The column contains `text` (case-insensitive; wildcards in `text` are literal). */
export function containsText(column: Expr, text: string): SQL {
  return sql`${column} like ${`%${escapeLike(text)}%`} escape '\\' collate nocase`;
}

/**
 * `column IN (ids)` for any number of ids: one JSON parameter, where a plain IN list would hit
 * SQLite's limit of 32,766 bound variables (a queue of 40,000 claims). No ids: false.
 */
export function inIds(column: Expr, ids: readonly string[]): SQL {
  return ids.length === 0
    ? sql`0 = 1`
    : sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** The value to bind to the placeholder of `idTable`: one parameter, however many ids. */
export function idList(ids: readonly string[]): string {
  return JSON.stringify(ids);
}

/**
 * A list of ids bound to a placeholder (`idList(ids)` at each run) as a table, for a prepared
 * statement that reads the rows of many ids in the list's order (an export's batches): `from`
 * names it, `id` is an id and `position` its place in the list (increasing). The list is the outer
 * loop: join the tables read to it with `crossJoin` and a condition on `id` (SQLite keeps a CROSS
 * JOIN's order; each row is then found through its table's index on the id, whatever else the
 * statement filters on). PostgreSQL: `unnest($1::text[]) with ordinality as batch(id, position)`.
 */
export function idTable(list: Placeholder) {
  return {
    from: sql`json_each(${list}) as batch`,
    id: sql<string>`batch.value`,
    position: sql<number>`batch.key`,
  };
}

/** A JSON array column (stored as text) holds the empty array. */
export function jsonArrayEmpty(column: Expr): SQL {
  return sql`${column} = '[]'`;
}

/** A JSON array column (stored as text) holds at least one element. */
export function jsonArrayNotEmpty(column: Expr): SQL {
  return sql`${column} <> '[]'`;
}

/** Order terms that put nulls last, ascending or descending. */
export function nullsLast(column: Expr, direction: 'asc' | 'desc' = 'asc'): SQL[] {
  return [sql`${column} is null`, direction === 'asc' ? sql`${column} asc` : sql`${column} desc`];
}

/** The current time in epoch milliseconds (an integer), evaluated by the database. */
export const nowMs: SQL = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** A condition that is always false (an empty filter). */
export const never: SQL = sql`0 = 1`;

/**
 * Locks the rows `where` selects in `table` until the transaction ends. On SQLite a write
 * transaction already excludes every other writer, so there is nothing to do; PostgreSQL runs
 * `SELECT 1 FROM table WHERE … FOR UPDATE`. Call it before reading what the write depends on
 * (e.g. a topic, before recomputing its contested state).
 */
export async function lockForUpdate(_tx: Db, _table: Expr, _where: SQL | undefined): Promise<void> {}
