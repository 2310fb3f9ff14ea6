/**
 * The session secret next-auth signs cookies with: NEXTAUTH_SECRET or AUTH_SECRET when given,
 * otherwise generated on first start and kept beside the database (file mode 0600).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { databasePath } from './client';

let cached: { file: string; secret: string } | undefined;

export function sessionSecretPath(): string {
  return path.join(path.dirname(databasePath()), 'session-secret');
}

export function getSessionSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = sessionSecretPath();
  if (cached?.file === file) return cached.secret;
  if (!existsSync(path.dirname(file))) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32)
    throw new Error(`The session secret in ${file} is too short; delete the file to regenerate it.`);
  cached = { file, secret };
  return secret;
}
