import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { SqliteStore } from './sqlite';
import { workspaces, apiTokens } from '../schema';
import { first } from '../store';
import { createApiToken } from '../queries/api-tokens';
import { freshSqliteStore, makeUser, makeWorkspace, TEST_PASSWORD } from '../testing';
import { changedTables, snapshotStore, tableDigests } from './sqlite-snapshot';

let workspaceId: string;
let restore: ReturnType<typeof snapshotStore>;
/** The stores made in a test, closed after it. */
let made: SqliteStore[] = [];
const fresh = () => {
  const store = restore();
  made.push(store);
  return store;
};

beforeEach(async () => {
  const store = await freshSqliteStore();
  const owner = await makeUser(store);
  workspaceId = await makeWorkspace(store, owner, 'Snapshot desk');
  await createApiToken(store, { actor: owner, name: 'script', currentPassword: TEST_PASSWORD });
  restore = snapshotStore(store);
  made = [store];
});

afterEach(async () => {
  for (const store of made) await store.close();
});

const rename = (store: SqliteStore, name: string) =>
  store.transaction(async (tx) => {
    await tx.update(workspaces).set({ name }).where(eq(workspaces.id, workspaceId));
  });
const nameNow = async (store: SqliteStore) =>
  (await first(store.db.select().from(workspaces).where(eq(workspaces.id, workspaceId))))?.name;

describe('database snapshots for tests', () => {
  it('makes a fresh copy each time, whatever was changed in the last one', async () => {
    const firstCopy = fresh();
    await rename(firstCopy, 'Changed desk');
    expect(await nameNow(firstCopy)).toBe('Changed desk');
    const second = fresh();
    expect(second).not.toBe(firstCopy);
    expect(second.connection).not.toBe(firstCopy.connection);
    expect(await nameNow(second)).toBe('Snapshot desk');
    // The copies are independent: the first keeps its change.
    expect(await nameNow(firstCopy)).toBe('Changed desk');
    expect(second.connection.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  const cases: [string, (store: SqliteStore) => Promise<unknown>, string[]][] = [
    ['nothing', async () => undefined, []],
    ['a renamed workspace', (store) => rename(store, 'Other desk'), ['workspaces']],
    [
      'a token used (bookkeeping only)',
      (store) =>
        store.transaction(async (tx) => {
          await tx.update(apiTokens).set({ lastUsedAt: new Date() });
        }),
      [],
    ],
    [
      'a revoked token',
      (store) =>
        store.transaction(async (tx) => {
          await tx.update(apiTokens).set({ revokedAt: new Date() });
        }),
      ['api_tokens'],
    ],
  ];

  it.each(cases)('tells which tables changed: %s', async (_what, change, tables) => {
    const store = fresh();
    const before = tableDigests(store);
    await change(store);
    expect(changedTables(before, tableDigests(store))).toEqual(tables);
  });
});
