/**
 * `warrant migrate-to-postgres --from FILE --to URL`: copies a SQLite database of Warrant into an
 * empty PostgreSQL database, so that a team can move when it outgrows one machine.
 *
 * 1. The SQLite file is migrated to the current schema first (as `npm start` would), then read
 *    from one read transaction: nothing written meanwhile is half-copied.
 * 2. The PostgreSQL database is migrated, and must hold no row yet (the copy never merges).
 * 3. Every table is copied in one PostgreSQL transaction, parents before children; the references
 *    that form cycles (a document's current revision, a claim's alternative, a reply's parent)
 *    are written as null first and set once every row is in. Values go as SQLite stores them.
 * 4. Identity columns continue after the largest copied id.
 * 5. Before COMMIT the copy is checked: the row count of every table, and a sample of rows of
 *    each table (up to SAMPLE_ROWS, spread over the table) compared value by value. Any
 *    difference rolls everything back.
 */
import { getTableColumns, getTableName, isTable } from 'drizzle-orm';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import * as schema from '../schema';
import { openPostgresStore, type PostgresStore } from './postgres';
import { openSqliteStore, type SqliteStore } from './sqlite';

/** Rows compared value by value per table, spread over the table. */
export const SAMPLE_ROWS = 200;
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

interface TablePlan {
  name: string;
  columns: SQLiteColumn[];
  primaryKey: string[];
  /** Columns written as null first, then set: references in a cycle or to the same table. */
  later: string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The tables of ./schema, parents before children, with the references set after the copy. */
export function copyPlan(): TablePlan[] {
  const tables = (Object.values(schema) as unknown[]).filter(
    (t): t is SQLiteTable => isTable(t) && t instanceof SQLiteTable,
  );
  const plans = new Map<string, TablePlan & { parents: Set<string> }>();
  for (const table of tables) {
    const config = getTableConfig(table);
    const columns = Object.values(getTableColumns(table)) as SQLiteColumn[];
    const pk =
      config.primaryKeys[0]?.columns.map((c) => c.name) ??
      columns.filter((c) => c.primary).map((c) => c.name);
    const later: string[] = [];
    const parents = new Set<string>();
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const parent = getTableName(ref.foreignTable);
      const cols = ref.columns.map((c) => c.name);
      // documents.current_revision_id → document_revisions, which references documents: a cycle.
      const cyclic =
        parent === config.name || (config.name === 'documents' && parent === 'document_revisions');
      if (cyclic) later.push(...cols.filter((c) => !pk.includes(c)));
      else parents.add(parent);
    }
    plans.set(config.name, {
      name: config.name,
      columns,
      primaryKey: pk,
      later: [...new Set(later)],
      parents,
    });
  }
  const ordered: TablePlan[] = [];
  const done = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (done.has(name)) return;
    if (path.includes(name))
      throw new Error(`A cycle of references not broken: ${[...path, name].join(' → ')}`);
    const plan = plans.get(name)!;
    for (const parent of [...plan.parents].sort()) visit(parent, [...path, name]);
    done.add(name);
    ordered.push({ name: plan.name, columns: plan.columns, primaryKey: plan.primaryKey, later: plan.later });
  };
  for (const name of [...plans.keys()].sort()) visit(name, []);
  return ordered;
}

export interface CopyReport {
  tables: { name: string; rows: number; sampled: number }[];
  ms: number;
}

/** A value as both engines answer it, for comparison: booleans as 0/1, numbers as numbers. */
function comparable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

async function assertEmpty(client: pg.PoolClient, plans: TablePlan[]): Promise<void> {
  const counts = await client.query(
    plans
      .map((p) => `select '${p.name}' as name, count(*)::int as n from ${quote(p.name)}`)
      .join(' union all '),
  );
  const filled = (counts.rows as { name: string; n: number }[]).filter((r) => r.n > 0);
  if (filled.length > 0)
    throw new Error(
      `The PostgreSQL database is not empty (${filled.map((r) => `${r.name}: ${r.n} rows`).join(', ')}). ` +
        'Copy into a new, empty database (createdb), so that nothing is merged or overwritten.',
    );
}

/**
 * Copies the SQLite database `from` into the empty PostgreSQL database `to` (both migrated first),
 * checked before it commits. `log` hears the progress.
 */
export async function copySqliteToPostgres(
  from: string,
  to: string,
  { log = () => undefined }: { log?: (line: string) => void } = {},
): Promise<CopyReport> {
  const started = performance.now();
  const source: SqliteStore = openSqliteStore({ file: from });
  const target: PostgresStore = openPostgresStore({ url: to, poolSize: 2 });
  try {
    await source.migrate();
    await target.migrate();
    const plans = copyPlan();
    const reader = source.connection;
    const client = await target.pool.connect();
    const report: CopyReport = { tables: [], ms: 0 };
    try {
      await client.query('begin isolation level serializable');
      await assertEmpty(client, plans);
      reader.prepare('begin').run();
      try {
        for (const plan of plans) {
          const names = plan.columns.map((c) => c.name);
          const laterAt = new Set(plan.later.map((c) => names.indexOf(c)));
          const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / names.length));
          const rows = reader
            .prepare(`select ${names.map(quote).join(', ')} from ${quote(plan.name)} order by rowid`)
            .raw(true)
            .iterate() as IterableIterator<unknown[]>;
          let batch: unknown[][] = [];
          let copied = 0;
          const flush = async () => {
            if (batch.length === 0) return;
            const values: unknown[] = [];
            const tuples = batch.map((row) => {
              const marks = row.map((value, i) => {
                values.push(laterAt.has(i) ? null : value);
                return `$${values.length}`;
              });
              return `(${marks.join(', ')})`;
            });
            await client.query(
              `insert into ${quote(plan.name)} (${names.map(quote).join(', ')}) overriding system value values ${tuples.join(', ')}`,
              values,
            );
            copied += batch.length;
            batch = [];
          };
          for (const row of rows) {
            batch.push(row);
            if (batch.length >= perStatement) await flush();
          }
          await flush();
          report.tables.push({ name: plan.name, rows: copied, sampled: 0 });
          log(`${plan.name}: ${copied} rows`);
        }
        // The references in cycles, once every row they name is in.
        for (const plan of plans.filter((p) => p.later.length > 0)) {
          const cols = [...plan.primaryKey, ...plan.later];
          const rows = reader
            .prepare(
              `select ${cols.map(quote).join(', ')} from ${quote(plan.name)} where ${plan.later.map((c) => `${quote(c)} is not null`).join(' or ')}`,
            )
            .raw(true)
            .all() as unknown[][];
          for (const row of rows) {
            const keys = plan.primaryKey.map((c, i) => `${quote(c)} = $${i + 1}`);
            const sets = plan.later.map((c, i) => `${quote(c)} = $${plan.primaryKey.length + i + 1}`);
            await client.query(
              `update ${quote(plan.name)} set ${sets.join(', ')} where ${keys.join(' and ')}`,
              row,
            );
          }
        }
        // Identity columns go on after the largest copied id.
        for (const plan of plans) {
          for (const column of plan.columns.filter(
            (c) => c.primary && (c as { autoIncrement?: boolean }).autoIncrement,
          )) {
            await client.query(
              `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quote(column.name)}) from ${quote(plan.name)}), 0) + 1, false)`,
              [quote(plan.name), column.name],
            );
          }
        }
        // The check: counts, and a sample of rows compared value by value.
        for (const entry of report.tables) {
          const plan = plans.find((p) => p.name === entry.name)!;
          const { rows } = await client.query(`select count(*)::int as n from ${quote(plan.name)}`);
          if (rows[0].n !== entry.rows)
            throw new Error(
              `Copy check failed: ${plan.name} has ${rows[0].n} rows on PostgreSQL, ${entry.rows} on SQLite.`,
            );
          const names = plan.columns.map((c) => c.name);
          const step = Math.max(1, Math.floor(entry.rows / SAMPLE_ROWS));
          const sample = reader
            .prepare(
              `select ${names.map(quote).join(', ')} from (select *, row_number() over (order by rowid) as n from ${quote(plan.name)}) where (n - 1) % ? = 0 limit ?`,
            )
            .raw(true)
            .all(step, SAMPLE_ROWS) as unknown[][];
          const keyAt = plan.primaryKey.map((c) => names.indexOf(c));
          for (const row of sample) {
            const found = await client.query({
              text: `select ${names.map(quote).join(', ')} from ${quote(plan.name)} where ${plan.primaryKey.map((c, i) => `${quote(c)} = $${i + 1}`).join(' and ')}`,
              values: keyAt.map((i) => row[i]),
              rowMode: 'array',
            });
            const copy = found.rows[0] as unknown[] | undefined;
            const same = copy && row.every((value, i) => Object.is(comparable(value), comparable(copy[i])));
            if (!same)
              throw new Error(
                `Copy check failed: a row of ${plan.name} (${keyAt.map((i) => String(row[i])).join(', ')}) differs on PostgreSQL.`,
              );
          }
          entry.sampled = sample.length;
        }
      } finally {
        reader.prepare('commit').run();
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    report.ms = Math.round(performance.now() - started);
    return report;
  } finally {
    await source.close();
    await target.close();
  }
}
