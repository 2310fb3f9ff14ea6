/**
 * The session secret next-auth signs cookies with: NEXTAUTH_SECRET or AUTH_SECRET when given,
 * otherwise generated on first start and kept beside the database (file mode 0600).
 *
 * The file is written under a temporary name, flushed to disk, then linked into place, so it is
 * never seen half-written. A file that is there but empty can only be a first start that died
 * before its secret reached the disk (written so by an earlier version, or on a power loss): no
 * cookie was ever signed with it, so it is replaced rather than stopping every later start.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { databasePath } from './engines/sqlite';
import { fsyncFile, fsyncFolder } from './fsync';

let cached: { file: string; secret: string } | undefined;

export function sessionSecretPath(): string {
  return path.join(path.dirname(databasePath()), 'session-secret');
}

/** Puts a new secret at `file` unless a file is there already (another process won the race). */
function writeNewSecret(file: string): void {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(48).toString('base64url'));
  } finally {
    closeSync(fd);
  }
  try {
    fsyncFile(temp);
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  fsyncFolder(path.dirname(file));
}

export function getSessionSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = sessionSecretPath();
  if (cached?.file === file) return cached.secret;
  if (!existsSync(path.dirname(file))) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) writeNewSecret(file);
  let secret = readFileSync(file, 'utf8').trim();
  if (secret === '') {
    rmSync(file, { force: true });
    writeNewSecret(file);
    secret = readFileSync(file, 'utf8').trim();
  }
  if (secret.length < 32)
    throw new Error(`The session secret in ${file} is too short; delete the file to regenerate it.`);
  cached = { file, secret };
  return secret;
}
