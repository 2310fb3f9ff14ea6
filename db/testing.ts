/**
 * Test support: a fresh migrated store for each test, and factories for users and workspaces. Used
 * by unit tests only.
 *
 * `freshStore()` answers a store on the engine the run is for: an in-memory SQLite database (a
 * copy of a migrated image made once per test process, so a fresh store costs a copy, not the
 * migrations), or, when WARRANT_TEST_DATABASE_URL names a PostgreSQL server (`npm run
 * test:postgres`), a new database on it copied from a migrated template, dropped when the store
 * closes (./test-setup closes every store a test file opened). Tests of SQLite itself (its
 * connection, pragmas, files) use `freshSqliteStore()`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openPostgresStore, PG_MIGRATIONS_FOLDER } from './engines/postgres';
import { onServer as admin, withDatabase } from './engines/postgres-admin';
import { openSqliteStore, type SqliteStore } from './engines/sqlite';
import { snapshotStore } from './engines/sqlite-snapshot';
import { createUser, normaliseEmail, registerUser } from './queries/accounts';
import { anchors, users } from './schema';
import { first, type Store } from './store';
import { createWorkspace } from './queries/workspaces';
import { keepDocumentPassageKeys, keepPassageKeys } from './queries/passage-keys';
import type { Actor } from './queries/access';

let migrated: (() => SqliteStore) | undefined;

/** The PostgreSQL server the data-layer tests run on, if this run is for PostgreSQL. */
export function testDatabaseUrl(): string | undefined {
  return process.env.WARRANT_TEST_DATABASE_URL || undefined;
}

/** The engine this test run is for. */
export const testEngine: 'sqlite' | 'postgres' = testDatabaseUrl() ? 'postgres' : 'sqlite';

/** A fresh store on this run's engine, every migration applied. */
export async function freshStore(): Promise<Store> {
  const url = testDatabaseUrl();
  return url ? freshPostgresStore(url) : freshSqliteStore();
}

/** A fresh store on an in-memory SQLite database with every migration applied. */
export async function freshSqliteStore(): Promise<SqliteStore> {
  if (!migrated) {
    const template = openSqliteStore({ file: ':memory:' });
    await template.migrate();
    migrated = snapshotStore(template);
    await template.close();
  }
  return migrated();
}

/** A store on a database file in `dir` (two connections, as the server has), migrated. */
export async function fileStore(file: string): Promise<SqliteStore> {
  const store = openSqliteStore({ file });
  await store.migrate();
  return store;
}

const opened = new Set<Store>();

/** Closes every store `freshStore` opened in this test file (./test-setup calls it after all tests). */
export async function closeFreshStores(): Promise<void> {
  const stores = [...opened];
  opened.clear();
  await Promise.all(stores.map((s) => s.close()));
}

/** The migrations' digest: a template is made again when they change. */
function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(PG_MIGRATIONS_FOLDER).sort())
    if (file.endsWith('.sql')) hash.update(file).update(readFileSync(path.join(PG_MIGRATIONS_FOLDER, file)));
  return hash.digest('hex').slice(0, 12);
}

let template: Promise<string> | undefined;

/** The migrated template database (made once per server and migration set; processes take turns). */
function migratedTemplate(url: string): Promise<string> {
  template ??= admin(url, async (client) => {
    const name = `warrant_test_tpl_${migrationsDigest()}`;
    await client.query('select pg_advisory_lock(7355608114)');
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_building_${process.pid}`;
        await client.query(`drop database if exists "${building}"`);
        await client.query(`create database "${building}"`);
        const store = openPostgresStore({ url: withDatabase(url, building), poolSize: 1 });
        try {
          await store.migrate();
        } finally {
          await store.close();
        }
        await client.query(`alter database "${building}" rename to "${name}"`);
      }
    } finally {
      await client.query('select pg_advisory_unlock(7355608114)');
    }
    return name;
  });
  return template;
}

let made = 0;

/** A new database on the test server, migrated (a copy of the template) but empty; `drop` removes it. */
export async function freshPostgresDatabase(
  url: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const from = await migratedTemplate(url);
  const name = `warrant_test_${process.pid}_${(made += 1)}_${randomUUID().slice(0, 8)}`;
  await admin(url, (client) => client.query(`create database "${name}" template "${from}"`));
  return {
    url: withDatabase(url, name),
    drop: () =>
      admin(url, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(
        () => undefined,
      ),
  };
}

/** A fresh database on the test server, copied from the migrated template; dropped at close. */
async function freshPostgresStore(url: string): Promise<Store> {
  const database = await freshPostgresDatabase(url);
  const store = openPostgresStore({
    url: database.url,
    poolSize: 10,
    idleTimeoutMs: 1_000,
    onClose: database.drop,
  });
  opened.add(store);
  return store;
}

/**
 * `count` stores on one database, as `count` app processes have: two connections to one SQLite
 * file in a temporary folder, or `count` pools on one fresh PostgreSQL database. `close` closes
 * them all, then removes the database.
 */
export async function storesOnOneDatabase(
  count: number,
): Promise<{ stores: Store[]; close: () => Promise<void> }> {
  const url = testDatabaseUrl();
  if (url) {
    const database = await freshPostgresDatabase(url);
    const stores = Array.from({ length: count }, () =>
      openPostgresStore({ url: database.url, poolSize: 5, idleTimeoutMs: 1_000 }),
    );
    return {
      stores,
      close: async () => {
        await Promise.all(stores.map((s) => s.close()));
        await database.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'warrant-processes-'));
  const file = path.join(dir, 'warrant.db');
  const stores: Store[] = [await fileStore(file)];
  for (let i = 1; i < count; i++) stores.push(await fileStore(file));
  return {
    stores,
    close: async () => {
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery';

export async function makeUser(
  store: Store,
  overrides: { email?: string; name?: string; isAdmin?: boolean } = {},
): Promise<Actor & { email: string }> {
  const email = overrides.email ?? `analyst-${randomUUID().slice(0, 8)}@example.org`;
  const { userId } = await createUser(store, {
    email,
    password: TEST_PASSWORD,
    name: overrides.name,
    isAdmin: overrides.isAdmin,
  });
  return { userId, isAdmin: overrides.isAdmin ?? false, email };
}

export async function makeWorkspace(store: Store, owner: Actor, name = 'Sahel desk'): Promise<string> {
  return (await createWorkspace(store, { actor: owner, name })).workspaceId;
}

/**
 * Signs up through the real sign-up path (which answers the same for a free and a taken email)
 * and returns the account it made, for tests that go on acting as it.
 */
export async function signUpAndLoad(
  store: Store,
  input: {
    email: string;
    name?: string;
    password?: string;
    inviteToken?: string;
  },
): Promise<{ userId: string; isAdmin: boolean }> {
  await registerUser(store, {
    email: input.email,
    name: input.name ?? input.email.split('@')[0]!,
    password: input.password ?? 'a long enough password',
    inviteToken: input.inviteToken,
  });
  const row = await first(
    store.db
      .select({ userId: users.id, isAdmin: users.isAdmin })
      .from(users)
      .where(eq(users.email, normaliseEmail(input.email))),
  );
  if (!row) throw new Error(`sign-up made no account for ${input.email}`);
  return row;
}

/**
 * Makes every passage of a document quote the whole of `text` (its current canonical text), as a
 * version without the passage length limit could: the bound tests and the bench plant it.
 */
export async function plantWholeDocumentPassages(
  store: Store,
  documentId: string,
  text: string,
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx
      .update(anchors)
      .set({ exact: text, prefix: '', suffix: '', start: 0, end: text.length })
      .where(eq(anchors.documentId, documentId));
    await keepDocumentPassageKeys(tx, documentId);
  });
}

/**
 * Makes a passage a close match, as re-anchoring leaves one after a new version: found at its
 * place, with a quote whose words differ a little from the text there (the authorization world).
 */
export async function plantCloseMatch(
  store: Store,
  anchorId: string,
  { exact, score }: { exact: string; score: number },
): Promise<void> {
  await store.transaction(async (tx) => {
    const [anchor] = await tx
      .update(anchors)
      .set({ status: 'fuzzy', score, exact })
      .where(eq(anchors.id, anchorId))
      .returning({ claimId: anchors.claimId });
    await keepPassageKeys(tx, anchor ? [anchor.claimId] : []);
  });
}

/**
 * The statement of a migration that holds `marker`, as this test run's engine has it (the SQLite
 * migration `sqlite` in drizzle/, or the PostgreSQL one `postgres` in drizzle-pg/): for tests that
 * run a migration's carry-over of existing rows on today's data.
 */
export function migrationStatement(files: { sqlite: string; postgres: string }, marker: string): string {
  const file =
    testEngine === 'postgres' ? path.join('drizzle-pg', files.postgres) : path.join('drizzle', files.sqlite);
  const statement = readFileSync(path.join(process.cwd(), file), 'utf8')
    .split('--> statement-breakpoint')
    .find((s) => s.includes(marker));
  if (!statement) throw new Error(`No statement of ${file} holds “${marker}”.`);
  return statement;
}
