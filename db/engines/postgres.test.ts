/**
 * The PostgreSQL engine: how it renders the SQLite query builder's queries (no server needed),
 * the derived schema, and, when this run has a PostgreSQL server (`npm run test:postgres`), the
 * two migrated databases compared table by table, the triggers, case-insensitive lookups and
 * transactions that PostgreSQL aborts for a conflict.
 */
import { and, eq, getTableName, isTable, sql } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { containsText, equalsIgnoringCase, inIds, nowMs } from '../dialect';
import * as schema from '../schema';
import * as pgSchema from '../schema-pg';
import { auditEvents, documentRevisions, settings, topics, users } from '../schema';
import type { Store } from '../store';
import { freshSqliteStore, freshStore, makeUser, makeWorkspace, testDatabaseUrl } from '../testing';
import {
  isPostgresUrl,
  openPostgresStore,
  poolSizeFrom,
  redactUrl,
  renderPostgres,
  type PostgresStore,
} from './postgres';
import type { SqliteStore } from './sqlite';

describe('rendering for PostgreSQL', () => {
  const db = () => freshSqliteStore().then((s) => s.db);

  it('numbers parameters and spells each dialect fragment for PostgreSQL', async () => {
    const query = (await db())
      .select({ id: users.id })
      .from(users)
      .where(and(equalsIgnoringCase(users.email, 'Ana@Example.ORG'), inIds(users.id, ['a', 'b'])));
    const { sql: text, params } = renderPostgres(query);
    expect(text).toContain(
      `translate("users"."email", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = $1`,
    );
    expect(text).toContain('"users"."id" = any(array(select json_array_elements_text($2::json)))');
    expect(params).toEqual(['ana@example.org', '["a","b"]']);
    // The same query still renders for SQLite afterwards.
    expect(query.toSQL().sql).toContain('collate nocase');
    expect(query.toSQL().sql).toContain('json_each(?)');
  });

  it('matches typed text literally and folds only ASCII letters', async () => {
    const query = (await db()).select().from(topics).where(containsText(topics.question, 'Émile 100%_'));
    const { sql: text, params } = renderPostgres(query);
    expect(text).toContain(`like $1 escape '\\'`);
    expect(params).toEqual(['%Émile 100\\%\\_%']);
    expect(renderPostgres(sql`select ${nowMs}`).sql).toContain('statement_timestamp()');
  });

  it('writes DEFAULT for the columns an insert leaves out, and plain names in ON CONFLICT', async () => {
    // A PostgreSQL store's builder (the pool connects lazily: nothing reaches a server here).
    const store = openPostgresStore({ url: 'postgres://nobody@127.0.0.1:9/none' });
    const insert = store.db
      .insert(settings)
      .values({ key: 'k', value: 1 })
      .onConflictDoUpdate({ target: settings.key, set: { value: 2 } });
    const { sql: text } = renderPostgres(insert);
    await store.close();
    expect(text).toMatch(
      /^insert into "settings" \("key", "value", "updated_at"\) values \(\$1, \$2, default\)/,
    );
    expect(text).toContain('on conflict ("key") do update set "value" = $3');
  });
});

describe('configuration', () => {
  it.each([
    ['postgres://u@h/db', true],
    ['postgresql://u:p@h:5433/db', true],
    ['mysql://u@h/db', false],
    ['./data/warrant.db', false],
    [undefined, false],
  ])('%s is a PostgreSQL URL: %s', (url, expected) => {
    expect(isPostgresUrl(url)).toBe(expected);
  });

  it('never shows the password of a URL', () => {
    expect(redactUrl('postgres://warrant:s3cret@db.internal:5432/warrant')).toBe(
      'postgres://warrant:***@db.internal:5432/warrant',
    );
  });

  it.each([
    [undefined, 10],
    ['', 10],
    ['4', 4],
  ])('DATABASE_POOL_SIZE=%s gives %i connections', (value, expected) => {
    expect(poolSizeFrom(value)).toBe(expected);
  });

  it.each(['0', '-1', '2.5', 'ten', '501'])('refuses DATABASE_POOL_SIZE=%s with a clear message', (value) => {
    expect(() => poolSizeFrom(value)).toThrow(/DATABASE_POOL_SIZE must be a whole number from 1 to 500/);
  });
});

describe('the derived PostgreSQL schema', () => {
  const sqliteTables = (Object.values(schema) as unknown[]).filter(
    (t): t is SQLiteTable => isTable(t) && t instanceof SQLiteTable,
  );
  const pgTables = (Object.values(pgSchema) as unknown[]).filter(
    (t): t is PgTable => isTable(t) && t instanceof PgTable,
  );

  it('has a twin of every table, under the same name', () => {
    expect(pgTables.map(getTableName).sort()).toEqual(sqliteTables.map(getTableName).sort());
  });

  it('keeps every foreign key with its ON DELETE, every CHECK and every index', () => {
    const documents = getPgTableConfig(pgSchema.documents);
    const fk = documents.foreignKeys.find((k) => k.getName() === 'documents_current_revision_fk')!;
    expect(fk.reference().columns.map((c) => c.name)).toEqual(['id', 'current_revision_id']);
    expect(fk.onDelete).toBe('restrict');
    const claims = getPgTableConfig(pgSchema.claims);
    expect(claims.checks.map((c) => c.name).sort()).toEqual(['claims_kind_check', 'claims_status_check']);
    expect(claims.indexes.map((i) => i.config.name).sort()).toEqual([
      'claims_topic_idx',
      'claims_workspace_idx',
    ]);
  });
});

const url = testDatabaseUrl();

/** A normalised description of a database: tables, columns, keys, constraints, indexes, triggers. */
interface Shape {
  tables: Record<
    string,
    {
      columns: string[];
      primaryKey: string[];
      foreignKeys: string[];
      indexes: string[];
      checks: string[];
    }
  >;
  triggers: string[];
}

/** A default as both engines spell it: casts and quotes dropped, booleans as 0/1, the clock as now. */
function normaliseDefault(value: string | null): string {
  if (value === null) return '-';
  if (/unixepoch|statement_timestamp/.test(value)) return 'now';
  const plain = value.replace(/::[a-z ]+/g, '').replace(/^'(.*)'$/, '$1');
  return plain === 'false' ? '0' : plain === 'true' ? '1' : plain;
}
const KIND: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'integer',
  boolean: 'integer',
  real: 'real',
  'double precision': 'real',
};
const ON_DELETE: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};
/** A CHECK's name and the values it admits. */
const checkValues = (name: string, body: string) =>
  `${name}: ${[...body.matchAll(/'([^']*)'|\b(\d+)\b/g)].map((m) => m[1] ?? m[2]).join(',')}`;

async function sqliteShape(store: SqliteStore): Promise<Shape> {
  const db = store.connection;
  const tables = db
    .prepare(
      "select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'",
    )
    .all() as { name: string; sql: string }[];
  const shape: Shape = { tables: {}, triggers: [] };
  for (const { name, sql: ddl } of tables) {
    const info = db.pragma(`table_info("${name}")`) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const fks = db.pragma(`foreign_key_list("${name}")`) as {
      id: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    const byId = new Map<number, typeof fks>();
    for (const fk of fks) byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk]);
    const indexes = (db.pragma(`index_list("${name}")`) as { name: string; unique: number; origin: string }[])
      .filter((i) => i.origin !== 'pk')
      .map((i) => {
        const columns = (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name);
        return `${i.name} ${i.unique ? 'unique ' : ''}(${columns.join(', ')})`;
      });
    shape.tables[name] = {
      columns: info.map(
        (c) =>
          `${c.name} ${KIND[c.type.toLowerCase()]}${c.notnull || c.pk ? ' not null' : ''} default ${c.pk ? '-' : normaliseDefault(c.dflt_value)}`,
      ),
      primaryKey: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      foreignKeys: [...byId.values()].map(
        (cols) =>
          `(${cols.map((c) => c.from).join(', ')}) → ${cols[0]!.table}(${cols.map((c) => c.to).join(', ')}) on delete ${cols[0]!.on_delete.toLowerCase()}`,
      ),
      indexes,
      checks: [...ddl.matchAll(/CONSTRAINT "([^"]+)" CHECK\((.*?)\)(,|\n|$)/g)].map((m) =>
        checkValues(m[1]!, m[2]!),
      ),
    };
  }
  shape.triggers = (
    db.prepare("select name from sqlite_master where type = 'trigger'").all() as { name: string }[]
  ).map((t) => t.name);
  return shape;
}

async function postgresShape(store: PostgresStore): Promise<Shape> {
  const q = async <T>(text: string, values: unknown[] = []) =>
    (await store.pool.query(text, values)).rows as T[];
  const shape: Shape = { tables: {}, triggers: [] };
  const tables = await q<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
  );
  for (const { name } of tables) {
    const columns = await q<{
      name: string;
      type: string;
      nullable: string;
      dflt: string | null;
      identity: string;
    }>(
      `select column_name as name, data_type as type, is_nullable as nullable, column_default as dflt, is_identity as identity
       from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
      [name],
    );
    const primaryKey = await q<{ name: string }>(
      `select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
       where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`,
      [`"${name}"`],
    );
    const fks = await q<{ cols: string[]; ftable: string; fcols: string[]; del: string }>(
      `select array(select attname from unnest(c.conkey) with ordinality k(n, o) join pg_attribute on attrelid = c.conrelid and attnum = k.n order by k.o)::text[] as cols,
              c.confrelid::regclass::text as ftable,
              array(select attname from unnest(c.confkey) with ordinality k(n, o) join pg_attribute on attrelid = c.confrelid and attnum = k.n order by k.o)::text[] as fcols,
              c.confdeltype as del
       from pg_constraint c where c.contype = 'f' and c.conrelid = $1::regclass`,
      [`"${name}"`],
    );
    const indexes = await q<{ name: string; unique: boolean; cols: string[] }>(
      `select ic.relname as name, i.indisunique as unique,
              array(select attname from unnest(i.indkey) with ordinality k(n, o) join pg_attribute on attrelid = i.indrelid and attnum = k.n order by k.o)::text[] as cols
       from pg_index i join pg_class ic on ic.oid = i.indexrelid where i.indrelid = $1::regclass and not i.indisprimary`,
      [`"${name}"`],
    );
    const checks = await q<{ name: string; def: string }>(
      `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'c' and conrelid = $1::regclass`,
      [`"${name}"`],
    );
    const pk = new Set(primaryKey.map((c) => c.name));
    shape.tables[name] = {
      columns: columns.map(
        (c) =>
          `${c.name} ${KIND[c.type]}${c.nullable === 'NO' ? ' not null' : ''} default ${pk.has(c.name) ? '-' : normaliseDefault(c.dflt)}`,
      ),
      primaryKey: primaryKey.map((c) => c.name),
      foreignKeys: fks.map(
        (k) =>
          `(${k.cols.join(', ')}) → ${k.ftable.replaceAll('"', '')}(${k.fcols.join(', ')}) on delete ${ON_DELETE[k.del]}`,
      ),
      indexes: indexes.map((i) => `${i.name} ${i.unique ? 'unique ' : ''}(${i.cols.join(', ')})`),
      checks: checks.map((c) => checkValues(c.name, c.def)),
    };
  }
  shape.triggers = (
    await q<{ name: string }>(
      "select tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where not t.tgisinternal and n.nspname = 'public'",
    )
  ).map((t) => t.name);
  return shape;
}

/** Sorted lists, so that the order in which each engine lists things does not matter. */
function sorted(shape: Shape): Shape {
  const tables: Shape['tables'] = {};
  for (const name of Object.keys(shape.tables).sort()) {
    const t = shape.tables[name]!;
    tables[name] = {
      columns: [...t.columns].sort(),
      primaryKey: t.primaryKey,
      foreignKeys: [...t.foreignKeys].sort(),
      indexes: [...t.indexes].sort(),
      checks: [...t.checks].sort(),
    };
  }
  return { tables, triggers: [...shape.triggers].sort() };
}

describe.runIf(url)('the two migrated databases', () => {
  it('have the same tables, columns, keys, constraints, indexes and triggers', async () => {
    const onSqlite = sorted(await sqliteShape(await freshSqliteStore()));
    const onPostgres = sorted(await postgresShape((await freshStore()) as PostgresStore));
    // PostgreSQL alone can TRUNCATE: the audit log refuses that too.
    onPostgres.triggers = onPostgres.triggers.filter((t) => t !== 'audit_events_no_truncate');
    // The search index is each engine's own (db/queries/search.ts): FTS5's table, its own tables
    // and the triggers that keep it on SQLite (drizzle/0015); a GIN index on PostgreSQL
    // (drizzle-pg/0006). Both are over search_entries, which is the same on both.
    for (const name of Object.keys(onSqlite.tables))
      if (name.startsWith('search_entries_fts')) delete onSqlite.tables[name];
    onSqlite.triggers = onSqlite.triggers.filter((t) => !t.startsWith('search_entries_fts_'));
    expect(onSqlite.triggers.length).toBe(4);
    const pgSearch = onPostgres.tables.search_entries!;
    expect(pgSearch.indexes).toContain('search_entries_body_fts ()');
    pgSearch.indexes = pgSearch.indexes.filter((i) => i !== 'search_entries_body_fts ()');
    expect(Object.keys(onPostgres.tables)).toEqual(Object.keys(onSqlite.tables));
    for (const name of Object.keys(onSqlite.tables))
      expect({ [name]: onPostgres.tables[name] }).toEqual({ [name]: onSqlite.tables[name] });
    expect(onPostgres.triggers).toEqual(onSqlite.triggers);
    expect(Object.keys(onSqlite.tables).length).toBeGreaterThan(20);
  });
});

describe.runIf(url)('on PostgreSQL', () => {
  const open = async () => (await freshStore()) as PostgresStore;

  it('keeps the audit log append-only and revisions immutable (triggers)', async () => {
    const store = await open();
    const owner = await makeUser(store);
    await makeWorkspace(store, owner);
    await expect(store.pool.query(`update audit_events set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(store.pool.query('delete from audit_events')).rejects.toThrow(/append-only/);
    await expect(store.pool.query('truncate audit_events')).rejects.toThrow(/append-only/);
    expect((await store.db.select().from(auditEvents)).length).toBeGreaterThan(0);
    await store.pool.query(
      `insert into documents (id, workspace_id, title) select 'd1', id, 'T' from workspaces limit 1`,
    );
    await store.pool.query(
      `insert into document_revisions (id, document_id, number, format, content, canonical_text, word_count)
       values ('r1', 'd1', 1, 'text', '{}', 'x', 1)`,
    );
    await expect(store.pool.query(`update document_revisions set canonical_text = 'y'`)).rejects.toThrow(
      /immutable/,
    );
    await expect(store.pool.query(`delete from document_revisions`)).rejects.toThrow(
      /only with their document/,
    );
    await store.pool.query(`delete from documents where id = 'd1'`);
    expect(await store.db.select().from(documentRevisions)).toEqual([]);
  });

  it('runs a transaction again when PostgreSQL aborts it for a conflict, and never half of it', async () => {
    const store = await open();
    // Ten transactions read the counter and write it back + 1: serializable, each sees the others.
    expect(await incrementAtOnce(store, 10)).toBe(10);
  });

  it('gets every one of a burst of conflicting transactions through, and leaves no lock behind', async () => {
    const store = await open();
    // 40 read-modify-writes of one row at once: nearly all conflict; tries again take turns.
    expect(await incrementAtOnce(store, 40)).toBe(40);
    const locks = await store.pool.query(
      `select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`,
    );
    expect(locks.rows[0].n).toBe(0);
  });

  it('reads a snapshot with a server-side cursor, in batches', async () => {
    const store = await open();
    await store.transaction((tx) =>
      tx
        .insert(settings)
        .values(Array.from({ length: 25 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, value: i }))),
    );
    const sizes = await store.snapshot(async (_db, rows) => {
      const prepared = rows.prepare(_db.select({ key: settings.key }).from(settings).orderBy(settings.key));
      const seen: number[] = [];
      for await (const batch of prepared.batches(10)) seen.push(batch.length);
      return seen;
    });
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('tells to use pg_dump for backups', async () => {
    const store = await open();
    await expect(store.backup('/tmp/x.db')).rejects.toThrow(/pg_dump --format=custom/);
  });

  it('connects with node-postgres to the database it was given', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('show server_version_num');
    await client.end();
    expect(Number(rows[0].server_version_num)).toBeGreaterThanOrEqual(150000);
  });
});

describe('case-insensitive lookups, the same on every engine', () => {
  it.each([
    ['Who paid the ransom?', 'WHO PAID THE RANSOM?', true],
    ['Who paid the ransom?', 'who paid the ransom?', true],
    ['Émile Zola', 'émile zola', false],
    ['Straße', 'STRASSE', false],
  ])('"%s" and "%s" are the same topic: %s', async (stored, typed, same) => {
    const store: Store = await freshStore();
    const owner = await makeUser(store);
    const workspaceId = await makeWorkspace(store, owner);
    await store.transaction((tx) =>
      tx.insert(topics).values({ id: 't1', workspaceId, question: stored, createdBy: owner.userId }),
    );
    const found = await store.db
      .select({ id: topics.id })
      .from(topics)
      .where(equalsIgnoringCase(topics.question, typed));
    expect(found.length === 1).toBe(same);
  });
});

/** `n` transactions at once each read the counter setting and write it back + 1; answers its value. */
async function incrementAtOnce(store: Store, n: number): Promise<number> {
  await store.transaction((tx) => tx.insert(settings).values({ key: 'counter', value: 0 }));
  await Promise.all(
    Array.from({ length: n }, () =>
      store.transaction(async (tx) => {
        const [row] = await tx
          .select({ value: settings.value })
          .from(settings)
          .where(eq(settings.key, 'counter'));
        await tx
          .update(settings)
          .set({ value: Number(row!.value) + 1 })
          .where(eq(settings.key, 'counter'));
      }),
    ),
  );
  const [row] = await store.db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, 'counter'));
  return Number(row!.value);
}
