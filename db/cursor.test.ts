import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldPositions } from './cursor';
import { idList, idTable } from './dialect';
import type { SqliteStore } from './engines/sqlite';
import { listClaimTypes } from './queries/claim-types';
import { claims } from './schema';
import type { Db } from './store';
import { fileStore, freshSqliteStore, makeUser, makeWorkspace } from './testing';

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

const expectedOrder = () =>
  store.connection
    .prepare('select id from claims where workspace_id = ? order by created_at, id')
    .pluck()
    .all(workspaceId) as string[];

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
    await setUp(await freshSqliteStore());
    addClaims(3);
    const found = await store.snapshot(async (db, rows) =>
      rows.prepare(inWorkspace(db)).rows({ workspace: workspaceId }),
    );
    expect(found.map((r) => r[at.id])).toEqual(expectedOrder());
  });
});
