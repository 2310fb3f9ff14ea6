/** Flushing to disk what the database's neighbours write (backups, the session secret). */
import { closeSync, fsyncSync, openSync } from 'node:fs';

/** fsync(2) of a file: its content is on the disk when this returns. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * fsync(2) of a folder, so that a name just linked or renamed in it survives a power loss. Where
 * the platform cannot open a folder for that (Windows), there is nothing more to do.
 */
export function fsyncFolder(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    closeSync(fd);
  }
}
