/**
 * The SQL that differs between database engines, in one place. Data-layer modules build their
 * queries with Drizzle and call these functions wherever plain Drizzle would not mean the same on
 * every engine; nothing else in db/queries writes engine-specific SQL.
 *
 * Every query is built with Drizzle's SQLite query builder on both engines; the PostgreSQL engine
 * renders it with its own dialect (./engines/postgres: `$n` parameters, DEFAULT for omitted
 * columns) inside `renderingFor('postgres', …)`. Each function below answers one SQL fragment that
 * holds both spellings (`byEngine`) and picks its engine's when the statement is rendered, so a
 * query reads the same whatever the engine, and a statement never mixes the two.
 *
 * What each construct means, so that a second implementation can match it:
 * - case-insensitive comparison of user-typed text (emails, topic questions, tags, names):
 *   SQLite's NOCASE folds ASCII letters only; PostgreSQL folds the same 26 letters with
 *   translate() on both sides (its lower() would fold every alphabet: "Émile" and "émile" would
 *   be one name there and two on SQLite);
 * - substring search in user text (`containsText`): case-insensitive, with %, _ and \ in the
 *   typed text matched literally;
 * - a list of ids of any length as one bound parameter (`inIds`; `idTable` + `idList` for a
 *   prepared statement run with many lists): json_each on SQLite (its limit is 32,766 bound
 *   variables), json_array_elements_text on PostgreSQL (the same JSON text as parameter), as
 *   `= any(array(…))`: PostgreSQL then looks the ids up in the index, where `in (select …)` is
 *   planned as a scan of the whole table, whose SERIALIZABLE read lock makes every concurrent
 *   insert into it a conflict;
 * - sorting nulls last whatever the direction (`nullsLast`);
 * - the current time in epoch milliseconds, as a default and in statements (`nowMs`);
 * - a row lock for the rest of a write transaction (`lockForUpdate`): SQLite's write transactions
 *   are already exclusive (BEGIN IMMEDIATE under the store's write queue), PostgreSQL runs
 *   `SELECT … FOR UPDATE`.
 * Same on both, no function needed: JSON arrays stored as text compared with '[]', `x is null` as
 * an order term, `0 = 1`, Drizzle's count() (a number on every engine), booleans as
 * `eq(column, true)` (1 on SQLite, a boolean on PostgreSQL, which reads '1' as true).
 */
import { sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './store';

type Expr = SQLWrapper | SQL;

/** The engines a statement can be rendered for. */
export type SqlEngine = 'sqlite' | 'postgres';

/**
 * The engine being rendered for, on globalThis: Next.js may bundle this module more than once,
 * and the copy that renders (./engines/postgres) must be the copy the fragments read.
 */
const RENDERING = Symbol.for('warrant.sql-rendering');
const shared = globalThis as unknown as { [RENDERING]?: SqlEngine };
const rendering = (): SqlEngine => shared[RENDERING] ?? 'sqlite';

/**
 * Renders `render` (a synchronous call that turns a Drizzle query into SQL text) with the
 * fragments of `engine`. Rendering is synchronous, so no other statement can be rendered while
 * the engine is set; it is set back afterwards, also when `render` throws.
 */
export function renderingFor<T>(engine: SqlEngine, render: () => T): T {
  const previous = shared[RENDERING];
  shared[RENDERING] = engine;
  try {
    return render();
  } finally {
    shared[RENDERING] = previous;
  }
}

/** A fragment with one spelling per engine, resolved when its statement is rendered. */
class EngineFragment implements SQLWrapper {
  constructor(
    private readonly sqlite: SQL,
    private readonly postgres: SQL,
  ) {}
  getSQL(): SQL {
    return rendering() === 'postgres' ? this.postgres : this.sqlite;
  }
  /** Drizzle puts a wrapper in parentheses unless told otherwise (a FROM item must not be). */
  shouldOmitSQLParens(): boolean {
    return true;
  }
}

/** One fragment, spelled for each engine. */
export function byEngine(sqlite: SQL, postgres: SQL): SQL {
  return sql`${new EngineFragment(sqlite, postgres)}`;
}

/**
 * A column the planner must not look up by index here. SQLite turns `col IN (list)` into one probe
 * per element of the list when an index starts with the column, even when an earlier column of
 * that index is already fixed; on a claim's evidence that was one probe per live source of the
 * workspace for every claim. Its unary `+` keeps the condition a filter on rows found otherwise.
 * PostgreSQL's planner weighs that by its statistics: the column as it is.
 */
export function unindexed(column: Expr): SQL {
  return byEngine(sql`+${column}`, sql`${column}`);
}

/** Marks a query handle whose statements run on PostgreSQL (set by ./engines/postgres). */
export const POSTGRES_HANDLE = Symbol.for('warrant.postgres-handle');

/** Whether `db` runs its statements on PostgreSQL. */
export function isPostgres(db: Db): boolean {
  return (db as unknown as { dialect?: Record<symbol, unknown> }).dialect?.[POSTGRES_HANDLE] === true;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** PostgreSQL: the 26 ASCII capitals made small, nothing else (what SQLite's NOCASE compares). */
const foldAscii = (value: Expr | string): SQL =>
  sql`translate(${value}, ${sql.raw(`'${UPPER}'`)}, ${sql.raw(`'${UPPER.toLowerCase()}'`)})`;
/** The same folding in JavaScript. */
const foldAsciiText = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** `a = b`, ignoring the case of ASCII letters. */
export function equalsIgnoringCase(column: Expr, value: string | Expr): SQL {
  return byEngine(
    sql`${column} = ${value} collate nocase`,
    typeof value === 'string'
      ? sql`${foldAscii(column)} = ${foldAsciiText(value)}`
      : sql`${foldAscii(column)} = ${foldAscii(value)}`,
  );
}

/** `a IN (b…)`, ignoring the case of ASCII letters. */
export function inIgnoringCase(column: Expr, values: readonly string[]): SQL {
  if (values.length === 0) return never;
  return byEngine(
    sql`${column} collate nocase in (select value from json_each(${JSON.stringify(values)}))`,
    sql`${foldAscii(column)} = any(array(select json_array_elements_text(${JSON.stringify(values.map(foldAsciiText))}::json)))`,
  );
}

/** Escapes %, _ and \ so that typed text is matched literally by LIKE … ESCAPE '\'. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The column contains `text` (case-insensitive; wildcards in `text` are literal). */
export function containsText(column: Expr, text: string): SQL {
  const pattern = `%${escapeLike(text)}%`;
  return byEngine(
    sql`${column} like ${pattern} escape '\\' collate nocase`,
    sql`${foldAscii(column)} like ${foldAsciiText(pattern)} escape '\\'`,
  );
}

/**
 * `column IN (ids)` for any number of ids: one JSON parameter, where a plain IN list would hit
 * SQLite's limit of 32,766 bound variables (a queue of 40,000 claims). No ids: false.
 */
export function inIds(column: Expr, ids: readonly string[]): SQL {
  if (ids.length === 0) return never;
  const list = JSON.stringify(ids);
  return byEngine(
    sql`${column} in (select value from json_each(${list}))`,
    sql`${column} = any(array(select json_array_elements_text(${list}::json)))`,
  );
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
 * statement filters on). PostgreSQL: json_array_elements_text … with ordinality, numbered from 0 too.
 */
export function idTable(list: Placeholder) {
  return {
    from: byEngine(
      sql`json_each(${list}) as batch`,
      // Numbered from 0, as json_each's key is (ordinality counts from 1).
      sql`(select value, ordinality - 1 as key from json_array_elements_text(${list}::json) with ordinality as ids(value, ordinality)) as batch`,
    ),
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
export const nowMs: SQL = byEngine(
  sql`(cast(unixepoch('subsec') * 1000 as integer))`,
  sql`(floor(extract(epoch from statement_timestamp()) * 1000)::bigint)`,
);

/** A condition that is always false (an empty filter). */
export const never: SQL = sql`0 = 1`;

/**
 * Locks the rows `where` selects in `table` until the transaction ends. On SQLite a write
 * transaction already excludes every other writer, so there is nothing to do; PostgreSQL runs
 * `SELECT 1 FROM table WHERE … FOR UPDATE`. Call it before reading what the write depends on
 * (e.g. a topic, before recomputing its contested state).
 */
export async function lockForUpdate(tx: Db, table: Expr, where: SQL | undefined): Promise<void> {
  if (!isPostgres(tx)) return;
  await tx.run(sql`select 1 from ${table}${where ? sql` where ${where}` : sql``} for update`);
}

/**
 * Wakes the readers of the live-event outbox in every process once this transaction commits
 * (PostgreSQL: NOTIFY, delivered at COMMIT and never for a rollback). SQLite has no such signal
 * between processes; its readers poll.
 */
export async function wakeLiveReaders(tx: Db): Promise<void> {
  if (!isPostgres(tx)) return;
  await tx.run(sql`select pg_notify('warrant_live', '')`);
}

/**
 * A text as the evidence table orders it (db/queries/evidence-table.ts): ASCII letters folded to
 * small (as NOCASE and `equalsIgnoringCase` fold them), then compared code point by code point, the
 * same on both engines: SQLite's lower() folds ASCII only and compares in binary; PostgreSQL folds
 * with translate() and compares under the "C" collation (its default collation would order by the
 * server's locale). Keys compare with plain `<`, `=`, `>` (keyset paging).
 */
export function foldedText(value: Expr): SQL {
  return byEngine(sql`lower(${value})`, sql`(${foldAscii(value)} collate "C")`);
}

/** The values of a group, in `orderBy`'s order, joined with `separator` (null for none). */
export function orderedConcat(value: Expr, separator: string, orderBy: Expr): SQL {
  return byEngine(
    sql`group_concat(${value}, ${separator} order by ${orderBy})`,
    sql`string_agg(${value}, ${separator}::text order by ${orderBy})`,
  );
}

/** The text under `key` in a JSON object given as text (a bound parameter), or null. */
export function jsonLookup(json: string, key: Expr): SQL {
  return byEngine(sql`(${json} ->> (${key}))`, sql`(${json}::json ->> (${key}))`);
}

/**
 * The elements of a JSON array stored as text, as a table `item` with columns `value` (the
 * element, JSON) and `key` (its place, increasing); `item.value ->> 'field'` reads a field.
 */
export function jsonArrayItems(column: Expr): SQL {
  return byEngine(
    sql`json_each(${column}) as item`,
    sql`json_array_elements(${column}::json) with ordinality as item(value, key)`,
  );
}

/** A number between 0 and 1 written with two decimals ("0.93"), as `toFixed(2)` writes it. */
export function twoDecimals(value: Expr): SQL {
  return byEngine(sql`printf('%.2f', ${value})`, sql`to_char(${value}::numeric, 'FM0.00')`);
}
