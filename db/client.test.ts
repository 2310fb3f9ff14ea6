import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPragmas, openDatabase } from './client';

const dir = mkdtempSync(path.join(tmpdir(), 'warrant-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('sets and checks WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(dir, 'nested', 'warrant.db'));
    const sqlite = db.$client;
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
