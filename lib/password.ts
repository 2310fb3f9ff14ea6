/**
 * Password hashing with Argon2id (OWASP parameters: 19 MiB memory, 2 passes, 1 lane).
 * `verifyPassword` spends the same work for an unknown account (against a fixed dummy hash), so
 * response time does not tell whether an email is registered. Every hash and verification goes
 * through one semaphore per process: at most ARGON2_MAX_CONCURRENCY run at once (default: the
 * number of cores), at most ARGON2_MAX_QUEUE wait (default 32); beyond that they fail at once
 * with a typed `rate_limited:server` error ("busy, try again").
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';
import { AppError, isAppError } from './errors';
import { BusyError, createSemaphore } from './semaphore';

// Algorithm is a const enum, which isolated modules cannot read: 2 is Algorithm.Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export const argon2Gate = createSemaphore({
  max: positive(process.env.ARGON2_MAX_CONCURRENCY, availableParallelism()),
  maxQueue: positive(process.env.ARGON2_MAX_QUEUE, 32),
});

/** The typed answer when the Argon2 queue is full: "busy, try again" (HTTP 429, Retry-After 5). */
export const serverBusy = () =>
  new AppError('rate_limited', 'server', 'The server is busy. Try again in a few seconds.', {
    retryAfterSeconds: 5,
  });

export const isServerBusy = (error: unknown) => isAppError(error) && error.code === 'rate_limited:server';

async function gated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await argon2Gate.run(work);
  } catch (error) {
    throw error instanceof BusyError ? serverBusy() : error;
  }
}

export function hashPassword(password: string): Promise<string> {
  return gated(() => hash(password, OPTIONS));
}

let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash('warrant-dummy-password-for-timing', OPTIONS);
    const target = await dummyHash;
    await gated(() => verify(target, password).catch(() => false));
    return false;
  }
  return gated(async () => {
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  });
}
