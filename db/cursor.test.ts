import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldPositions, keysetBatches } from './cursor';
import { idList, idTable } from './dialect';
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

describe('the row reader of a snapshot', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'warrant-rows-'));
    await setUp(await fileStore(path.join(dir, 'warrant.db')));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fields = { id: claims.id, createdAt: claims.createdAt, statement: claims.statement };
  const at = fieldPositions(fields);
  const inWorkspace = (db: Db) =>
    db
      .select(fields)
      .from(claims)
      .where(eq(claims.workspaceId, sql.placeholder('workspace')))
      .orderBy(asc(claims.createdAt), asc(claims.id));

  it('runs a query prepared once with each run’s placeholder values; rows as arrays, values as stored', async () => {
    addClaims(6);
    await store.snapshot(async (db, rows) => {
      const query = rows.prepare(inWorkspace(db));
      const found = await query.rows({ workspace: workspaceId });
      expect(found.map((r) => r[at.id])).toEqual(expectedOrder());
      // A time is its number of milliseconds, not a Date.
      expect(found.map((r) => r[at.createdAt])).toEqual([1000, 1000, 1001, 1001, 1002, 1003]);
      expect(found[0]![at.statement]).toMatch(/^Claim \d$/);
      expect(await query.rows({ workspace: 'elsewhere' })).toEqual([]);
    });
  });

  it('reads the rows of a list of ids in the list’s order (dialect idTable)', async () => {
    addClaims(5);
    const ids = expectedOrder().reverse().slice(1);
    await store.snapshot(async (db, rows) => {
      const batch = idTable(sql.placeholder('ids'));
      const query = rows.prepare(
        db
          .select({ at: batch.position, statement: claims.statement })
          .from(batch.from)
          .crossJoin(claims)
          .where(eq(claims.id, batch.id))
          .orderBy(batch.position),
      );
      const found = await query.rows({ ids: idList([...ids, 'no such claim']) });
      expect(found.map((r) => r[0])).toEqual([0, 1, 2, 3]);
      const statements = new Map(
        store.connection
          .prepare('select id, statement from claims')
          .raw()
          .all()
          .map((r) => r as [string, string]),
      );
      expect(found.map((r) => r[1])).toEqual(ids.map((id) => statements.get(id)));
      expect(await query.rows({ ids: idList([]) })).toEqual([]);
    });
  });

  it('streams batches of the given size, a batch per turn of the event loop', async () => {
    addClaims(7);
    await store.snapshot(async (db, rows) => {
      const query = rows.prepare(inWorkspace(db));
      const sizes: number[] = [];
      const ids: unknown[] = [];
      let turns = 0;
      let seenTurns = -1;
      for await (const batch of query.batches(3, { workspace: workspaceId })) {
        // Something scheduled after a batch arrived has run before the next one is read.
        if (sizes.length > 0) expect(turns).toBeGreaterThan(seenTurns);
        seenTurns = turns;
        setImmediate(() => (turns += 1));
        sizes.push(batch.length);
        ids.push(...batch.map((r) => r[at.id]));
      }
      expect(sizes).toEqual([3, 3, 1]);
      expect(ids).toEqual(expectedOrder());
      const none: unknown[] = [];
      for await (const batch of query.batches(3, { workspace: 'elsewhere' })) none.push(batch);
      expect(none).toEqual([]);
    });
  });

  it('closes the cursor when the reader stops early: the statement runs again', async () => {
    addClaims(5);
    await store.snapshot(async (db, rows) => {
      const query = rows.prepare(inWorkspace(db));
      for await (const batch of query.batches(2, { workspace: workspaceId })) {
        expect(batch).toHaveLength(2);
        break;
      }
      expect(await query.rows({ workspace: workspaceId })).toHaveLength(5);
    });
  });

  it('reads the snapshot’s data, whatever is committed meanwhile', async () => {
    addClaims(4);
    const before = expectedOrder();
    const seen = await store.snapshot(async (db, rows) => {
      const query = rows.prepare(inWorkspace(db));
      const ids: unknown[] = [];
      for await (const batch of query.batches(2, { workspace: workspaceId })) {
        ids.push(...batch.map((r) => r[at.id]));
        if (ids.length === 2) addClaims(3, 100);
      }
      return ids;
    });
    expect(seen).toEqual(before);
    expect(expectedOrder()).toHaveLength(7);
  });

  it('works on an in-memory store too (its snapshot holds the write queue)', async () => {
    await store.close();
    await setUp(await freshStore());
    addClaims(3);
    const found = await store.snapshot(async (db, rows) =>
      rows.prepare(inWorkspace(db)).rows({ workspace: workspaceId }),
    );
    expect(found.map((r) => r[at.id])).toEqual(expectedOrder());
  });
});
