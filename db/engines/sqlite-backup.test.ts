import Database from 'better-sqlite3';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from './sqlite-backup';

/**
 * A database of a few thousand pages, written to by a second connection (as the server writes
 * while the CLI backs up): each write adds one row to `entries` and bumps `counter` in the same
 * transaction, so a consistent copy has as many entries as the counter says, numbered 1..n.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'warrant-backup-'));
const source = path.join(dir, 'live.db');
const PARAGRAPH = 'An analyst reads the report again and writes down what it claims. '.repeat(16);
let reader: Database.Database;
let writer: Database.Database;

beforeAll(() => {
  reader = new Database(source);
  reader.pragma('journal_mode = WAL');
  reader.exec(`CREATE TABLE entries (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);
    CREATE TABLE counter (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
    INSERT INTO counter VALUES (1, 0);`);
  writer = new Database(source);
  writer.pragma('busy_timeout = 5000');
  const fill = reader.transaction((rows: number) => {
    const insert = reader.prepare('INSERT INTO entries (body) VALUES (?)');
    for (let i = 0; i < rows; i++) insert.run(PARAGRAPH);
    reader.prepare('UPDATE counter SET n = n + ?').run(rows);
  });
  fill(12_000);
});
afterAll(() => {
  reader.close();
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = () =>
  writer.transaction(() => {
    writer.prepare('INSERT INTO entries (body) VALUES (?)').run('written during the backup');
    writer.prepare('UPDATE counter SET n = n + 1').run();
  })();

/** Writes every `everyMs` until stopped. */
function keepWriting(everyMs: number) {
  let writes = 0;
  const timer = setInterval(() => {
    write();
    writes++;
  }, everyMs);
  return { stop: () => clearInterval(timer), writes: () => writes };
}

function countOf(db: Database.Database) {
  return (db.prepare('SELECT n FROM counter').get() as { n: number }).n;
}

function snapshotFacts(file: string) {
  const copy = new Database(file, { readonly: true });
  try {
    const { rows, last } = copy.prepare('SELECT count(*) AS rows, max(seq) AS last FROM entries').get() as {
      rows: number;
      last: number;
    };
    return {
      rows,
      last,
      counter: countOf(copy),
      integrity: copy.pragma('integrity_check', { simple: true }),
    };
  } finally {
    copy.close();
  }
}

let n = 0;
const target = () => path.join(dir, `backup-${++n}.db`);
afterEach(() => {
  for (const name of readdirSync(dir)) if (name.startsWith('backup-')) rmSync(path.join(dir, name));
});

describe('backupDatabase', () => {
  it.each([
    { writer: 'no writer', everyMs: 0 },
    { writer: 'a write every 2 ms from another connection', everyMs: 2 },
    { writer: 'a write every 10 ms from another connection', everyMs: 10 },
  ])(
    'finishes with a consistent copy of everything committed before it began ($writer)',
    async ({ everyMs }) => {
      const before = countOf(reader);
      const load = everyMs ? keepWriting(everyMs) : null;
      const file = target();
      try {
        const outcome = await Promise.race([
          backupDatabase(reader, file).then(() => 'done'),
          new Promise((resolve) => setTimeout(resolve, 5000, 'still copying after 5 s')),
        ]);
        expect(outcome).toBe('done');
      } finally {
        load?.stop();
      }
      const facts = snapshotFacts(file);
      expect(facts.integrity).toBe('ok');
      expect(facts.counter).toBeGreaterThanOrEqual(before);
      // One moment of the database: no write half in, none missing before the last one copied.
      expect(facts.rows).toBe(facts.counter);
      expect(facts.last).toBe(facts.counter);
    },
  );

  it('writes a file that stands alone (no journal, WAL or partial file left) and only its owner may read', async () => {
    const before = readdirSync(dir);
    const file = target();
    await backupDatabase(reader, file);
    expect(readdirSync(dir).filter((name) => !before.includes(name))).toEqual([path.basename(file)]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const moved = path.join(dir, 'backup-moved.db');
    copyFileSync(file, moved);
    expect(snapshotFacts(moved).rows).toBe(countOf(reader));
  });

  it('refuses to overwrite an existing file and leaves it as it was', async () => {
    const file = target();
    writeFileSync(file, 'precious');
    const before = readdirSync(dir);
    await expect(backupDatabase(reader, file)).rejects.toThrow(/exists already/);
    expect(readdirSync(dir)).toEqual(before);
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('leaves no partial file behind when it cannot write', async () => {
    const before = readdirSync(dir);
    const file = path.join(dir, 'missing-folder', 'backup-x.db');
    await expect(backupDatabase(reader, file)).rejects.toThrow();
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual(before);
  });
});
