/**
 * The rate limiter's storage: a sliding log of hits per string key in `rate_limit_hits`, shared
 * by every process that uses the database. Call these inside the transaction that acts on the
 * verdict (started IMMEDIATE), so that parallel requests cannot all slip under a limit.
 */
import { and, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import { evaluateLimit, type RatePolicy, type RateVerdict } from '@/lib/rate-limit';
import { RATE_LIMIT_RETENTION_MS } from '@/lib/throttle';
import type { Db, Tx } from '../client';
import { rateLimitHits } from '../schema';
import { audit, type AuditInput } from '../audit';

/** The verdict for one more hit of `key` now, without counting it. */
export function peekLimit(tx: Tx | Db, key: string, policy: RatePolicy, now: number): RateVerdict {
  const hits = tx
    .select({ at: rateLimitHits.at })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.at, new Date(now - policy.windowMs))))
    .orderBy(desc(rateLimitHits.at))
    .limit(policy.limit)
    .all()
    .map((h) => h.at.getTime());
  return evaluateLimit(hits, now, policy);
}

/** How many hits of `key` count now (up to `cap`). */
export function countHits(tx: Tx | Db, key: string, windowMs: number, now: number, cap = 1): number {
  return tx
    .select({ id: rateLimitHits.id })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.at, new Date(now - windowMs))))
    .limit(cap)
    .all().length;
}

/** Counts one hit of `key`; returns its id, to give it back later (`releaseHits`). */
export function recordHit(tx: Tx | Db, key: string, now: number): number {
  return tx
    .insert(rateLimitHits)
    .values({ key, at: new Date(now) })
    .returning({ id: rateLimitHits.id })
    .get().id;
}

/** Counts a hit when the limit allows it; a refused hit is not stored. */
export function takeHit(
  tx: Tx | Db,
  key: string,
  policy: RatePolicy,
  now: number,
): RateVerdict & { hitId?: number } {
  const verdict = peekLimit(tx, key, policy, now);
  if (!verdict.allowed) return verdict;
  return { ...verdict, hitId: recordHit(tx, key, now) };
}

/** Gives hits back (e.g. the attempt succeeded, or never ran). */
export function releaseHits(tx: Tx | Db, ids: readonly number[]): void {
  if (ids.length)
    tx.delete(rateLimitHits)
      .where(inArray(rateLimitHits.id, [...ids]))
      .run();
}

/** Forgets every hit of a key (e.g. a success resets the failures of an account and address). */
export function clearKey(tx: Tx | Db, key: string): void {
  tx.delete(rateLimitHits).where(eq(rateLimitHits.key, key)).run();
}

/**
 * Writes the audit event of a refusal once per window and key, not once per refused request,
 * so that a flood cannot grow the audit log. Returns whether it was written.
 */
export function auditRefusalOnce(
  tx: Tx | Db,
  key: string,
  windowMs: number,
  now: number,
  event: AuditInput,
): boolean {
  const notice = takeHit(tx, `audit:${key}`, { limit: 1, windowMs }, now);
  if (notice.allowed) audit(tx, event);
  return notice.allowed;
}

let lastPrune = 0;

/** Deletes hits too old to count for any policy; returns how many. */
export function pruneRateLimits(tx: Tx | Db, now = Date.now()): number {
  lastPrune = now;
  return tx
    .delete(rateLimitHits)
    .where(lt(rateLimitHits.at, new Date(now - RATE_LIMIT_RETENTION_MS)))
    .run().changes;
}

/** Prunes at most once a minute per process: callers on hot paths use this. */
export function pruneRateLimitsNowAndThen(tx: Tx | Db, now = Date.now()): void {
  if (now - lastPrune >= 60_000) pruneRateLimits(tx, now);
}
