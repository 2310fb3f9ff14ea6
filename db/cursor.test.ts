import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, gte } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keysetBatches } from './cursor';
import type { SqliteStore } from './engines/sqlite';
import { listClaimTypes } from './queries/claim-types';
import { claims } from './schema';
import type { Db } from './store';
import { fileStore, freshStore, makeUser, makeWorkspace } from './testing';

let store: SqliteStore;
let workspaceId: string;
let typeId: string;

async function setUp(opened: SqliteStore) {
  store = opened;
  const owner = await makeUser(store, { name: 'Awa' });
  workspaceId = await makeWorkspace(store, owner);
  typeId = (await listClaimTypes(store, { actor: owner, workspaceId }))[0]!.id;
}

/** `n` claims whose creation times repeat (ties on the first key part). */
function addClaims(n: number, from = 0) {
  const insert = store.connection.prepare(
    `insert into claims (id, workspace_id, type_id, statement, kind, created_at, updated_at)
     values (?, ?, ?, ?, 'reported', ?, ?)`,
  );
  for (let i = from; i < from + n; i++)
    insert.run(randomUUID(), workspaceId, typeId, `Claim ${i}`, 1000 + (i % 4), 1);
}

const byAge = (db: Db, size: number, since = 0) =>
  keysetBatches(
    (after) =>
      db
        .select({ id: claims.id, createdAt: claims.createdAt })
        .from(claims)
        .where(and(eq(claims.workspaceId, workspaceId), gte(claims.createdAt, new Date(since)), after)),
    [
      { column: claims.createdAt, value: (r) => r.createdAt },
      { column: claims.id, value: (r) => r.id },
    ],
    size,
  );

const expectedOrder = () =>
  store.connection
    .prepare('select id from claims where workspace_id = ? order by created_at, id')
    .pluck()
    .all(workspaceId) as string[];

describe('keysetBatches', () => {
  beforeEach(async () => {
    await setUp(await freshStore());
  });

  it('yields every row once, in key order, in batches of the given size', async () => {
    addClaims(23);
    const batches: string[][] = [];
    for await (const batch of byAge(store.db, 4)) batches.push(batch.map((r) => r.id));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 4, 4, 4, 3]);
    expect(batches.flat()).toEqual(expectedOrder());
  });

  it('ends after a full last batch, and yields nothing when there are no rows', async () => {
    const none: unknown[] = [];
    for await (const batch of byAge(store.db, 4)) none.push(batch);
    expect(none).toEqual([]);
    addClaims(8);
    const sizes: number[] = [];
    for await (const batch of byAge(store.db, 4)) sizes.push(batch.length);
    expect(sizes).toEqual([4, 4]);
  });

  it('keeps the query’s own conditions on every batch', async () => {
    addClaims(12);
    const ids: string[] = [];
    for await (const batch of byAge(store.db, 2, 1002)) ids.push(...batch.map((r) => r.id));
    const kept = store.connection
      .prepare('select id from claims where created_at >= 1002 order by created_at, id')
      .pluck()
      .all() as string[];
    expect(ids).toEqual(kept);
  });

  it('refuses a key part that is null, and an empty key', async () => {
    addClaims(3);
    const nullKey = keysetBatches(
      (after) => store.db.select({ id: claims.id, topicId: claims.topicId }).from(claims).where(after),
      [{ column: claims.topicId, value: (r) => r.topicId }],
      2,
    );
    await expect(async () => {
      for await (const batch of nullKey) expect(batch).toHaveLength(2);
    }).rejects.toThrow('A keyset key is null.');
    const noKey = keysetBatches((after) => store.db.select().from(claims).where(after), [], 2);
    await expect(noKey.next()).rejects.toThrow('at least one key column');
  });
});

describe('keysetBatches in a snapshot', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'warrant-cursor-'));
    await setUp(await fileStore(path.join(dir, 'warrant.db')));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every batch from the moment the snapshot began, whatever is written meanwhile', async () => {
    addClaims(10);
    const before = expectedOrder();
    const seen = await store.snapshot(async (db) => {
      const ids: string[] = [];
      let wrote = false;
      for await (const batch of byAge(db, 3)) {
        ids.push(...batch.map((r) => r.id));
        if (!wrote) {
          wrote = true;
          // Committed while the snapshot reads: a claim that sorts last, and one removed.
          await store.transaction(async (tx) => {
            await tx.insert(claims).values({
              id: randomUUID(),
              workspaceId,
              typeId,
              statement: 'Written meanwhile',
              kind: 'reported',
              createdAt: new Date(5000),
            });
            await tx.delete(claims).where(eq(claims.id, before.at(-1)!));
          });
        }
      }
      return ids;
    });
    expect(seen).toEqual(before);
    expect(expectedOrder()).toHaveLength(before.length);
    expect(expectedOrder()).not.toEqual(before);
  });
});
