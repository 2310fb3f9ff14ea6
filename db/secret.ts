/**
 * The session secret next-auth signs cookies with: NEXTAUTH_SECRET or AUTH_SECRET when given;
 * otherwise, on SQLite, generated on first start and kept beside the database (file mode 0600),
 * which every process on the machine reads; on PostgreSQL, generated once and kept in the
 * database's settings, so that app processes on several machines sign and accept the same
 * cookies (loaded at start by `loadSharedSessionSecret`, db/bootstrap.ts).
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
import { isPostgresUrl } from './engines/postgres';
import { databasePath } from './engines/sqlite';
import { fsyncFile, fsyncFolder } from './fsync';

let cached: { file: string; secret: string } | undefined;

/** The secret read from the database (PostgreSQL), on globalThis: Next.js bundles modules twice. */
const SHARED = Symbol.for('warrant.session-secret');
const shared = globalThis as unknown as { [SHARED]?: string };

/** A new random secret (48 bytes, base64url). */
export function newSessionSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** Uses `secret`, read from the shared database, for this process's cookies. */
export function adoptSharedSessionSecret(secret: string): void {
  if (secret.length < 32) throw new Error('The session secret in the database is too short.');
  shared[SHARED] = secret;
}

/** Whether the secret comes from the environment (then nothing is generated or stored). */
export function sessionSecretFromEnv(): string | undefined {
  return process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET || undefined;
}

export function sessionSecretPath(): string {
  return path.join(path.dirname(databasePath()), 'session-secret');
}

/** Puts a new secret at `file` unless a file is there already (another process won the race). */
function writeNewSecret(file: string): void {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, newSessionSecret());
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
  const fromEnv = sessionSecretFromEnv();
  if (fromEnv) return fromEnv;
  if (shared[SHARED]) return shared[SHARED];
  if (isPostgresUrl(process.env.DATABASE_URL?.trim()))
    throw new Error(
      'The session secret of a PostgreSQL instance is read from the database at start, and this process has not read it (set NEXTAUTH_SECRET to give one).',
    );
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
