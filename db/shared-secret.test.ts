/**
 * The session secret of an instance whose processes share one database (db/bootstrap.ts
 * `loadSharedSessionSecret`): on PostgreSQL every process, on every machine, must sign cookies
 * with the same secret; on SQLite the secret file beside the database does that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSharedSessionSecret } from './bootstrap';
import { readSetting } from './queries/settings';
import { getSessionSecret } from './secret';
import type { Store } from './store';
import { storesOnOneDatabase, testEngine } from './testing';

const root = mkdtempSync(path.join(tmpdir(), 'warrant-shared-secret-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const saved = { ...process.env };
let stores: Store[];
let close: () => Promise<void>;

beforeEach(async () => {
  delete process.env.NEXTAUTH_SECRET;
  delete process.env.AUTH_SECRET;
  process.env.DATABASE_PATH = path.join(root, 'warrant.db');
  ({ stores, close } = await storesOnOneDatabase(3));
});
afterEach(async () => {
  process.env = { ...saved };
  await close();
});

describe.runIf(testEngine === 'postgres')('on PostgreSQL', () => {
  it('gives every process that starts at once the same secret, made once and kept in the database', async () => {
    const loaded = await Promise.all(stores.map((s) => loadSharedSessionSecret(s)));
    const kept = await readSetting(stores[0]!.db, 'sessionSecret');
    expect(kept).toMatch(/^[\w-]{64}$/);
    expect(loaded).toEqual([kept, kept, kept]);
    expect(getSessionSecret()).toBe(kept);
    // A later start reads it again.
    expect(await loadSharedSessionSecret(stores[1]!)).toBe(kept);
  });

  it('leaves the database alone when NEXTAUTH_SECRET is given', async () => {
    process.env.NEXTAUTH_SECRET = 's'.repeat(40);
    expect(await loadSharedSessionSecret(stores[0]!)).toBeUndefined();
    expect(await readSetting(stores[0]!.db, 'sessionSecret')).toBeNull();
    expect(getSessionSecret()).toBe('s'.repeat(40));
  });
});

describe.runIf(testEngine === 'sqlite')('on SQLite', () => {
  it('stores nothing in the database: the processes share the file beside it', async () => {
    expect(await loadSharedSessionSecret(stores[0]!)).toBeUndefined();
    expect(await readSetting(stores[0]!.db, 'sessionSecret')).toBeNull();
    expect(getSessionSecret()).toHaveLength(64);
  });

  it('refuses to make a file secret for a PostgreSQL instance that has not read its own', () => {
    process.env.DATABASE_URL = 'postgres://warrant@db.internal/warrant';
    expect(() => getSessionSecret()).toThrow(/read from the database at start/);
  });
});
