import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from './client';
import { workspaces, apiTokens } from './schema';
import { createApiToken } from './queries/api-tokens';
// Not a React hook: db/testing.ts names it like one.
import { makeUser, makeWorkspace, TEST_PASSWORD, useFreshDatabase as openFreshDatabase } from './testing';
import { changedTables, snapshotDatabase, tableDigests } from './testing-snapshot';

let workspaceId: string;
let restore: ReturnType<typeof snapshotDatabase>;

beforeEach(async () => {
  openFreshDatabase();
  const owner = await makeUser();
  workspaceId = await makeWorkspace(owner, 'Snapshot desk');
  await createApiToken({ actor: owner, name: 'script', currentPassword: TEST_PASSWORD });
  restore = snapshotDatabase();
});

const rename = (name: string) =>
  getDb().update(workspaces).set({ name }).where(eq(workspaces.id, workspaceId)).run();
const nameNow = () => getDb().select().from(workspaces).where(eq(workspaces.id, workspaceId)).get()?.name;

describe('database snapshots for tests', () => {
  it('puts back a fresh copy each time, whatever was changed in the last one', () => {
    const first = restore();
    rename('Changed desk');
    expect(nameNow()).toBe('Changed desk');
    const second = restore();
    expect(second).not.toBe(first);
    expect(getDb()).toBe(second);
    expect(nameNow()).toBe('Snapshot desk');
    expect(second.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  const cases: [string, () => unknown, string[]][] = [
    ['nothing', () => undefined, []],
    ['a renamed workspace', () => rename('Other desk'), ['workspaces']],
    [
      'a token used (bookkeeping only)',
      () => getDb().update(apiTokens).set({ lastUsedAt: new Date() }).run(),
      [],
    ],
    ['a revoked token', () => getDb().update(apiTokens).set({ revokedAt: new Date() }).run(), ['api_tokens']],
  ];

  it.each(cases)('tells which tables changed: %s', (_what, change, tables) => {
    const db = restore();
    const before = tableDigests(db);
    change();
    expect(changedTables(before, tableDigests(db))).toEqual(tables);
  });
});
