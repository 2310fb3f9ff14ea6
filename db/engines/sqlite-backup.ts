/**
 * Online backup of the live database (the admin CLI's `backup FILE`), safe while the server
 * writes.
 *
 * SQLite's online backup copies pages in steps and starts over whenever another connection writes
 * between two steps. better-sqlite3 copies 100 pages per step, so under a steady write load a
 * database of a few thousand pages was never copied to the end (measured: still copying after
 * 10 s at 200 writes a second). Here every page is copied in one step, inside one read
 * transaction: the copy is one moment of the database, and in WAL mode the writers are not held
 * up meanwhile. The copy is written beside the target under a temporary name, flushed to disk,
 * then linked into place, so FILE either holds a complete backup or does not exist. It is made
 * readable by its owner only (mode 0600), whatever the umask.
 */
import type Database from 'better-sqlite3';
import { closeSync, linkSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fsyncFile, fsyncFolder } from '../fsync';

/** Pages per step: all of them (better-sqlite3 caps a step at 2^31 - 1 pages). */
const ALL_PAGES = 0x7fffffff;

/** Copies the database behind `source` to `file`, which must not exist yet. */
export async function backupDatabase(source: Database.Database, file: string): Promise<void> {
  const target = path.resolve(file);
  const partial = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${Date.now()}.partial`,
  );
  try {
    // The copy holds what the database holds: readable by its owner only, as the database is.
    closeSync(openSync(partial, 'wx', 0o600));
    await source.backup(partial, { progress: () => ALL_PAGES });
    fsyncFile(partial);
    // link() refuses an existing name, so a file that appeared meanwhile is never overwritten.
    try {
      linkSync(partial, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new Error(`${target} exists already; choose a new file name.`);
      }
      throw error;
    }
    fsyncFolder(path.dirname(target));
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}
