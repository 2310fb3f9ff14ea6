import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { settings } from '../schema';
import type { Db } from '../store';
import { fileStore, freshSqliteStore } from '../testing';
import { assertPragmas, openConnection, type SqliteStore } from './sqlite';

const dir = mkdtempSync(path.join(tmpdir(), 'warrant-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const nextFile = () => path.join(dir, `store-${++files}.db`);

/** Stores a test opened, closed after it. */
const opened: SqliteStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
async function migratedFileStore(): Promise<SqliteStore> {
  const store = await fileStore(nextFile());
  opened.push(store);
  return store;
}
async function memoryStore(): Promise<SqliteStore> {
  const store = await freshSqliteStore();
  opened.push(store);
  return store;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const put = (db: Db, key: string, value: unknown) =>
  db.insert(settings).values({ key, value, updatedAt: new Date() });
const keysOf = async (db: Db) =>
  (await db.select({ key: settings.key }).from(settings).orderBy(settings.key)).map((r) => r.key);
const countOf = async (db: Db) => (await db.select({ n: count() }).from(settings))[0]!.n;

describe('openConnection', () => {
  it('sets and checks WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const sqlite = openConnection(path.join(dir, 'nested', 'warrant.db'));
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    sqlite.close();
  });

  it('refuses a connection whose settings do not hold', () => {
    const sqlite = new Database(path.join(dir, 'plain.db'));
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = OFF');
    sqlite.pragma('busy_timeout = 100');
    expect(() => assertPragmas(sqlite)).toThrow(
      /journal_mode is delete, synchronous is not FULL, foreign_keys is off, busy_timeout is 100/,
    );
    sqlite.close();
  });
});

describe('openSqliteStore', () => {
  it('opens a file store whose write connection has the checked settings', async () => {
    const store = await migratedFileStore();
    expect(store.engine).toBe('sqlite');
    expect(store.location).toBe(store.file);
    expect(() => assertPragmas(store.connection)).not.toThrow();
    expect(store.connection.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses a write through store.db on a file store: the read connection is read-only', async () => {
    const store = await migratedFileStore();
    await expect(put(store.db, 'outside', 1)).rejects.toThrow(/readonly/);
    expect(await countOf(store.db)).toBe(0);
    // The same write inside a transaction goes through.
    await store.transaction((tx) => put(tx, 'inside', 1));
    expect(await keysOf(store.db)).toEqual(['inside']);
  });

  it('answers the transaction’s own handle from store.db inside it', async () => {
    const store = await migratedFileStore();
    await store.transaction(async (tx) => {
      await put(tx, 'mine', 1);
      expect(store.db).toBe(tx);
      expect(await keysOf(store.db)).toEqual(['mine']);
    });
  });
});

describe.each([
  { kind: 'a file store', open: migratedFileStore },
  { kind: 'an in-memory store', open: memoryStore },
])('transactions on $kind', ({ open }) => {
  it('run one after the other when started together: the second sees the first’s commit', async () => {
    const store = await open();
    const log: string[] = [];
    const firstTx = store.transaction(async (tx) => {
      log.push('first: begin');
      await put(tx, 'a', 1);
      await pause(30);
      log.push('first: second statement');
      await put(tx, 'b', 2);
      log.push('first: end');
    });
    const secondTx = store.transaction(async (tx) => {
      log.push('second: begin');
      const seen = await keysOf(tx);
      await put(tx, 'c', 3);
      log.push('second: end');
      return seen;
    });
    expect(store.queued).toBe(2);
    const [, seen] = await Promise.all([firstTx, secondTx]);
    expect(log).toEqual([
      'first: begin',
      'first: second statement',
      'first: end',
      'second: begin',
      'second: end',
    ]);
    expect(seen).toEqual(['a', 'b']);
    expect(await keysOf(store.db)).toEqual(['a', 'b', 'c']);
    expect(store.queued).toBe(0);
  });

  it('roll back entirely when they throw, and the next one runs', async () => {
    const store = await open();
    await expect(
      store.transaction(async (tx) => {
        await put(tx, 'a', 1);
        await put(tx, 'b', 2);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await countOf(store.db)).toBe(0);
    // A failed statement rolls back the statements before it, too.
    await expect(
      store.transaction(async (tx) => {
        await put(tx, 'c', 3);
        await put(tx, 'c', 4); // primary key taken
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await countOf(store.db)).toBe(0);
    await store.transaction((tx) => put(tx, 'd', 5));
    expect(await keysOf(store.db)).toEqual(['d']);
  });

  it('open a savepoint when nested: a caught failure rolls back only the nested writes', async () => {
    const store = await open();
    await store.transaction(async (tx) => {
      await put(tx, 'outer-before', 1);
      await expect(
        store.transaction(async (inner) => {
          expect(inner).toBe(tx);
          await put(inner, 'nested', 2);
          throw new Error('nested failure');
        }),
      ).rejects.toThrow('nested failure');
      await store.transaction((inner) => put(inner, 'nested-kept', 3));
      await put(tx, 'outer-after', 4);
    });
    expect(await keysOf(store.db)).toEqual(['nested-kept', 'outer-after', 'outer-before']);
    // A failure of the outer transaction rolls back its committed savepoints too.
    await expect(
      store.transaction(async (tx) => {
        await store.transaction((inner) => put(inner, 'released', 5));
        await put(tx, 'outer', 6);
        throw new Error('outer failure');
      }),
    ).rejects.toThrow('outer failure');
    expect(await keysOf(store.db)).toEqual(['nested-kept', 'outer-after', 'outer-before']);
  });

  it('are waited for by close, and refused after it', async () => {
    const store = await open();
    const log: string[] = [];
    const running = store.transaction(async (tx) => {
      await put(tx, 'a', 1);
      await pause(30);
      await put(tx, 'b', 2);
      log.push('transaction committed');
    });
    const closing = store.close().then(() => log.push('closed'));
    await Promise.all([running, closing]);
    expect(log).toEqual(['transaction committed', 'closed']);
    await expect(store.transaction((tx) => put(tx, 'c', 3))).rejects.toThrow(/closed/);
  });
});

describe('two connections to one file (two processes)', () => {
  it('wait for each other’s writes without blocking the event loop, and both commit', async () => {
    const a = await migratedFileStore();
    const b = await fileStore(a.file);
    opened.push(b);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let aHasLock!: () => void;
    const aLocked = new Promise<void>((resolve) => (aHasLock = resolve));
    const first = a.transaction(async (tx) => {
      await put(tx, 'from-a', 1);
      aHasLock();
      await released;
    });
    await aLocked;
    const second = b.transaction((tx) => put(tx, 'from-b', 2));
    // While b waits for a's lock, timers still fire: the wait is on timers, not in SQLite.
    const ticks: number[] = [];
    for (let i = 0; i < 5; i++) {
      await pause(10);
      ticks.push(i);
    }
    expect(ticks).toEqual([0, 1, 2, 3, 4]);
    expect(await keysOf(b.db)).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(await keysOf(a.db)).toEqual(['from-a', 'from-b']);
    expect(Number(a.connection.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    expect(Number(b.connection.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
  });
});

describe('the statement cache', () => {
  it('compiles each SQL text once, however often it runs', async () => {
    const store = await memoryStore();
    const prepare = vi.spyOn(store.connection, 'prepare');
    try {
      for (let i = 0; i < 5; i++) await store.transaction((tx) => put(tx, `k${i}`, i));
      expect(await keysOf(store.db)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
      const inserts = prepare.mock.calls.filter(([q]) => /^insert into "settings"/.test(q));
      expect(inserts).toHaveLength(1);
    } finally {
      prepare.mockRestore();
    }
  });

  it('answers rows as arrays only to the call that asked for them (one statement, both ways)', async () => {
    const store = await memoryStore();
    await store.transaction((tx) => put(tx, 'a', 1));
    const query = sql`select key from settings`;
    expect(store.db.values(query)).toEqual([['a']]);
    expect(store.db.all(query)).toEqual([{ key: 'a' }]);
    expect(store.db.values(query)).toEqual([['a']]);
    expect(store.db.get(query)).toEqual({ key: 'a' });
  });

  it('keeps answering right past its size, and after a statement failed', async () => {
    const store = await memoryStore();
    await store.transaction((tx) => put(tx, 'k', 1));
    for (let i = 0; i < 600; i++) {
      expect(store.db.values(sql`select key, ${sql.raw(String(i))} from settings`)).toEqual([['k', i]]);
    }
    await expect(store.transaction((tx) => put(tx, 'k', 2))).rejects.toThrow(/UNIQUE/);
    expect(store.db.values(sql`select key, 0 from settings`)).toEqual([['k', 0]]);
  });
});

describe('raw rows (store.rows)', () => {
  const query = (db: Db) =>
    db
      .select({ key: settings.key, value: settings.value, at: settings.updatedAt })
      .from(settings)
      .orderBy(settings.key);

  it('answer each row as its stored values in the select’s order, undecoded', async () => {
    const store = await migratedFileStore();
    await store.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'b', value: { n: 2 }, updatedAt: new Date(2000) });
      await tx.insert(settings).values({ key: 'a', value: [1], updatedAt: new Date(1000) });
    });
    expect(await store.rows(query(store.db))).toEqual([
      ['a', '[1]', 1000],
      ['b', '{"n":2}', 2000],
    ]);
    expect(await store.rows(query(store.db).where(eq(settings.key, 'b')))).toEqual([['b', '{"n":2}', 2000]]);
    expect(await store.rows(query(store.db).where(eq(settings.key, 'none')))).toEqual([]);
  });

  it('read where store.db reads: a transaction’s own writes inside it, committed rows outside', async () => {
    const store = await migratedFileStore();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside: unknown[] = [];
    const running = store.transaction(async (tx) => {
      await put(tx, 'pending', 1);
      inside = await store.rows(query(store.db));
      await held;
    });
    await pause(20);
    expect(inside.map((r) => (r as unknown[])[0])).toEqual(['pending']);
    expect(await store.rows(query(store.db))).toEqual([]);
    release();
    await running;
    expect((await store.rows(query(store.db))).map((r) => (r as unknown[])[0])).toEqual(['pending']);
  });

  it('keep answering right past the statement cache’s size (many distinct statements)', async () => {
    const store = await memoryStore();
    await store.transaction((tx) => put(tx, 'k', 1));
    for (let i = 0; i < 250; i++) {
      const rows = await store.rows(
        store.db
          .select({ key: settings.key, n: sql<number>`${i}` })
          .from(settings)
          .where(sql`${i} >= 0 and 1 = 1 ${sql.raw(`/* ${i} */`)}`),
      );
      expect(rows).toEqual([['k', i]]);
    }
  });

  it('are refused once the store is closed', async () => {
    const store = await freshSqliteStore();
    await store.close();
    await expect(store.rows(query(store.db))).rejects.toThrow(/closed/);
  });
});

describe('snapshots', () => {
  it('see one moment of a file store while a transaction commits meanwhile', async () => {
    const store = await migratedFileStore();
    await store.transaction((tx) => put(tx, 'before', 1));
    let started!: () => void;
    const snapshotStarted = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const committed = new Promise<void>((resolve) => (release = resolve));
    const reading = store.snapshot(async (db) => {
      const first = await keysOf(db);
      started();
      await committed;
      const second = await keysOf(db);
      return { first, second };
    });
    await snapshotStarted;
    await store.transaction(async (tx) => {
      await put(tx, 'meanwhile', 2);
      await tx.update(settings).set({ value: 'changed' }).where(eq(settings.key, 'before'));
    });
    release();
    const { first, second } = await reading;
    expect(first).toEqual(['before']);
    expect(second).toEqual(['before']);
    // Outside the snapshot the commit is seen.
    expect(await keysOf(store.db)).toEqual(['before', 'meanwhile']);
  });

  it('refuse writes', async () => {
    const store = await migratedFileStore();
    await expect(store.snapshot((db) => put(db, 'x', 1))).rejects.toThrow(/readonly/);
    expect(await countOf(store.db)).toBe(0);
  });

  it('on an in-memory store, hold back a transaction until they end', async () => {
    const store = await memoryStore();
    await store.transaction((tx) => put(tx, 'before', 1));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reading = store.snapshot(async (db) => {
      const first = await keysOf(db);
      await gate;
      return { first, second: await keysOf(db) };
    });
    const writing = store.transaction((tx) => put(tx, 'meanwhile', 2));
    await pause(10);
    release();
    const { first, second } = await reading;
    await writing;
    expect(first).toEqual(['before']);
    expect(second).toEqual(['before']);
    expect(await keysOf(store.db)).toEqual(['before', 'meanwhile']);
  });
});
