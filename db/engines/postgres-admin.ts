/**
 * Server-level chores on PostgreSQL that the store does not do (tests and the bench create and
 * drop whole databases): one short-lived connection for a few statements.
 */
import pg from 'pg';

/** The few calls an administrative connection answers. */
export interface AdminClient {
  query(text: string, values?: unknown[]): Promise<{ rowCount: number | null }>;
}

/** `url` with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `fn` on a new connection to `url`, closed afterwards. */
export async function onServer<T>(url: string, fn: (client: AdminClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Transactions rolled back in `url`'s database so far, from PostgreSQL's statistics (the bench
 * counts the conflicts of a burst with it; the statistics trail by up to a second).
 */
export async function rolledBackTransactions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ n: string }>(
      'select xact_rollback::text as n from pg_stat_database where datname = current_database()',
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
