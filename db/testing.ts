/**
 * Test support: a fresh migrated in-memory store for each test, and factories for users and
 * workspaces. Used by unit tests only. The migrated image is made once per test process and
 * copied for each store, so a fresh store costs a copy, not the migrations.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { openSqliteStore, type SqliteStore } from './engines/sqlite';
import { snapshotStore } from './engines/sqlite-snapshot';
import { createUser, normaliseEmail, registerUser } from './queries/accounts';
import { users } from './schema';
import { first } from './store';
import { createWorkspace } from './queries/workspaces';
import type { Actor } from './queries/access';

let migrated: (() => SqliteStore) | undefined;

/** A fresh store on an in-memory database with every migration applied. */
export async function freshStore(): Promise<SqliteStore> {
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

export const TEST_PASSWORD = 'correct horse battery';

export async function makeUser(
  store: SqliteStore,
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

export async function makeWorkspace(store: SqliteStore, owner: Actor, name = 'Sahel desk'): Promise<string> {
  return (await createWorkspace(store, { actor: owner, name })).workspaceId;
}

/**
 * Signs up through the real sign-up path (which answers the same for a free and a taken email)
 * and returns the account it made, for tests that go on acting as it.
 */
export async function signUpAndLoad(
  store: SqliteStore,
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
