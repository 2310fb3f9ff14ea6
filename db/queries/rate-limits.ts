/**
 * The rate limiter's storage: a sliding log of hits per string key in `rate_limit_hits`, shared
 * by every process that uses the database. Call these inside the write transaction
 * (`store.transaction`) that acts on the verdict, so that parallel requests cannot all slip under
 * a limit.
 */
import { and, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import { evaluateLimit, type RatePolicy, type RateVerdict } from '@/lib/rate-limit';
import { RATE_LIMIT_RETENTION_MS } from '@/lib/throttle';
import { first, type Db, type Tx } from '../store';
import { rateLimitHits } from '../schema';
import { audit, type AuditInput } from '../audit';

/** The verdict for one more hit of `key` now, without counting it. */
export async function peekLimit(tx: Db, key: string, policy: RatePolicy, now: number): Promise<RateVerdict> {
  const hits = (
    await tx
      .select({ at: rateLimitHits.at })
      .from(rateLimitHits)
      .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.at, new Date(now - policy.windowMs))))
      .orderBy(desc(rateLimitHits.at))
      .limit(policy.limit)
  ).map((h) => h.at.getTime());
  return evaluateLimit(hits, now, policy);
}

/** How many hits of `key` count now (up to `cap`). */
export async function countHits(
  tx: Db,
  key: string,
  windowMs: number,
  now: number,
  cap = 1,
): Promise<number> {
  const rows = await tx
    .select({ id: rateLimitHits.id })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.at, new Date(now - windowMs))))
    .limit(cap);
  return rows.length;
}

/** Counts one hit of `key`; returns its id, to give it back later (`releaseHits`). */
export async function recordHit(tx: Tx, key: string, now: number): Promise<number> {
  const row = await first(
    tx
      .insert(rateLimitHits)
      .values({ key, at: new Date(now) })
      .returning({ id: rateLimitHits.id }),
  );
  return row!.id;
}

/** Counts a hit when the limit allows it; a refused hit is not stored. */
export async function takeHit(
  tx: Tx,
  key: string,
  policy: RatePolicy,
  now: number,
): Promise<RateVerdict & { hitId?: number }> {
  const verdict = await peekLimit(tx, key, policy, now);
  if (!verdict.allowed) return verdict;
  return { ...verdict, hitId: await recordHit(tx, key, now) };
}

/** Gives hits back (e.g. the attempt succeeded, or never ran). */
export async function releaseHits(tx: Tx, ids: readonly number[]): Promise<void> {
  if (ids.length) await tx.delete(rateLimitHits).where(inArray(rateLimitHits.id, [...ids]));
}

/** Forgets every hit of a key (e.g. a success resets the failures of an account and address). */
export async function clearKey(tx: Tx, key: string): Promise<void> {
  await tx.delete(rateLimitHits).where(eq(rateLimitHits.key, key));
}

/**
 * Writes the audit event of a refusal once per window and key, not once per refused request,
 * so that a flood cannot grow the audit log. Returns whether it was written.
 */
export async function auditRefusalOnce(
  tx: Tx,
  key: string,
  windowMs: number,
  now: number,
  event: AuditInput,
): Promise<boolean> {
  const notice = await takeHit(tx, `audit:${key}`, { limit: 1, windowMs }, now);
  if (notice.allowed) await audit(tx, event);
  return notice.allowed;
}

let lastPrune = 0;

/** Deletes hits too old to count for any policy; returns how many. */
export async function pruneRateLimits(tx: Tx, now = Date.now()): Promise<number> {
  lastPrune = now;
  const deleted = await tx
    .delete(rateLimitHits)
    .where(lt(rateLimitHits.at, new Date(now - RATE_LIMIT_RETENTION_MS)))
    .returning({ id: rateLimitHits.id });
  return deleted.length;
}

/** Prunes at most once a minute per process: callers on hot paths use this. */
export async function pruneRateLimitsNowAndThen(tx: Tx, now = Date.now()): Promise<void> {
  if (now - lastPrune >= 60_000) await pruneRateLimits(tx, now);
}
