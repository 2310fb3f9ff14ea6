/**
 * Test support: a fresh migrated in-memory database installed as the process-wide one, and
 * factories for users and workspaces. Used by unit tests only.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase, setDb, type Db } from './client';
import { applyMigrations } from './migrate';
import { createUser } from './queries/accounts';
import { createWorkspace } from './queries/workspaces';
import type { Actor } from './queries/access';

export function useFreshDatabase(): Db {
  const db = openDatabase(':memory:');
  applyMigrations(db);
  setDb(db, ':memory:');
  return db;
}

export const TEST_PASSWORD = 'correct horse battery';

export async function makeUser(
  overrides: { email?: string; name?: string; isAdmin?: boolean } = {},
): Promise<Actor & { email: string }> {
  const email = overrides.email ?? `analyst-${randomUUID().slice(0, 8)}@example.org`;
  const { userId } = await createUser({
    email,
    password: TEST_PASSWORD,
    name: overrides.name,
    isAdmin: overrides.isAdmin,
  });
  return { userId, isAdmin: overrides.isAdmin ?? false, email };
}

export async function makeWorkspace(owner: Actor, name = 'Sahel desk'): Promise<string> {
  return (await createWorkspace({ actor: owner, name })).workspaceId;
}
