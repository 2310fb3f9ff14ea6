/**
 * How long a signed-in session lasts: it ends after SESSION_IDLE_TIMEOUT_MINUTES without a
 * request (default 30) and SESSION_MAX_AGE_HOURS after sign-in whatever happens (default 12).
 * The database keeps only the SHA-256 of a session's id, so a copy of the database (or a backup)
 * cannot be turned into a signed-in cookie, even together with the session secret.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const DEFAULT_IDLE_MINUTES = 30;
export const DEFAULT_MAX_AGE_HOURS = 12;

export interface SessionPolicy {
  idleSeconds: number;
  absoluteSeconds: number;
}

function whole(name: string, fallback: number, max: number, raw: string | undefined): number {
  const value = raw?.trim();
  if (!value) return fallback;
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .safeParse(/^-?\d+(\.\d+)?$/.test(value) ? value : NaN);
  if (!parsed.success) throw new Error(`${name} must be a whole number from 1 to ${max}; it is "${value}".`);
  return parsed.data;
}

export function sessionPolicy(env: Record<string, string | undefined> = process.env): SessionPolicy {
  const idleMinutes = whole(
    'SESSION_IDLE_TIMEOUT_MINUTES',
    DEFAULT_IDLE_MINUTES,
    7 * 24 * 60,
    env.SESSION_IDLE_TIMEOUT_MINUTES,
  );
  const maxHours = whole('SESSION_MAX_AGE_HOURS', DEFAULT_MAX_AGE_HOURS, 90 * 24, env.SESSION_MAX_AGE_HOURS);
  const absoluteSeconds = maxHours * 3600;
  return { idleSeconds: Math.min(idleMinutes * 60, absoluteSeconds), absoluteSeconds };
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** A session is live until it is revoked, idle too long, or older than the lifetime. */
export function isSessionLive(row: SessionTimes, now: Date, policy: SessionPolicy): boolean {
  const t = now.getTime();
  return (
    row.revokedAt === null &&
    t < row.expiresAt.getTime() &&
    t < row.createdAt.getTime() + policy.absoluteSeconds * 1000 &&
    t - row.lastSeenAt.getTime() < policy.idleSeconds * 1000
  );
}

/** What the database stores for a session id (the cookie carries the id itself). */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}
