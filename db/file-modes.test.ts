/** The data folder and the database files are readable by their owner only. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './engines/sqlite';

const root = mkdtempSync(path.join(tmpdir(), 'warrant-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (file: string) => statSync(file).mode & 0o777;

describe('database file modes', () => {
  it('creates the data folder 0700 and the database, -wal and -shm files 0600, whatever the umask', async () => {
    const previous = process.umask(0o022);
    try {
      const file = path.join(root, 'fresh', 'data', 'warrant.db');
      const store = openSqliteStore({ file });
      store.connection.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      expect(mode(path.dirname(file))).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, mode(f)]).toEqual([f, 0o600]);
      await store.close();
    } finally {
      process.umask(previous);
    }
  });

  it('tightens database files left readable by others; an existing folder is left as it is', async () => {
    const dir = path.join(root, 'existing');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const file = path.join(dir, 'warrant.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o644);
    const store = openSqliteStore({ file });
    store.connection.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, mode(f)]).toEqual([f, 0o600]);
    expect(mode(dir)).toBe(0o755);
    await store.close();
  });
});
