/**
 * Test support: a fresh migrated in-memory database installed as the process-wide one, and
 * factories for users and workspaces. Used by unit tests only.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb, openDatabase, setDb, type Db } from './client';
import { applyMigrations } from './migrate';
import { createUser, normaliseEmail, registerUser } from './queries/accounts';
import { users } from './schema';
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

/**
 * Signs up through the real sign-up path (which answers the same for a free and a taken email)
 * and returns the account it made, for tests that go on acting as it.
 */
export async function signUpAndLoad(input: {
  email: string;
  name?: string;
  password?: string;
  inviteToken?: string;
}): Promise<{ userId: string; isAdmin: boolean }> {
  await registerUser({
    email: input.email,
    name: input.name ?? input.email.split('@')[0]!,
    password: input.password ?? 'a long enough password',
    inviteToken: input.inviteToken,
  });
  const row = getDb()
    .select({ userId: users.id, isAdmin: users.isAdmin })
    .from(users)
    .where(eq(users.email, normaliseEmail(input.email)))
    .get();
  if (!row) throw new Error(`sign-up made no account for ${input.email}`);
  return row;
}
