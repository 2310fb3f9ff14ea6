/**
 * Sign-in throttling, as a pure rule over the recent attempts of one (account, address) pair:
 * after `limit` failed attempts within `windowMs` (counted since the last success), further
 * attempts are refused until the oldest of those failures leaves the window.
 */

export interface Attempt {
  at: number;
  ok: boolean;
}

export interface ThrottlePolicy {
  limit: number;
  windowMs: number;
}

export const SIGN_IN_POLICY: ThrottlePolicy = { limit: 10, windowMs: 15 * 60 * 1000 };
/** For one account across all addresses: bounds guessing spread over many addresses. */
export const ACCOUNT_POLICY: ThrottlePolicy = { limit: 100, windowMs: 15 * 60 * 1000 };

export type ThrottleVerdict =
  { allowed: true; failures: number } | { allowed: false; retryAfterSeconds: number };

export function evaluateThrottle(
  attempts: readonly Attempt[],
  now: number,
  policy: ThrottlePolicy = SIGN_IN_POLICY,
): ThrottleVerdict {
  const windowStart = now - policy.windowMs;
  const recent = attempts.filter((a) => a.at > windowStart && a.at <= now).sort((a, b) => a.at - b.at);
  const lastSuccess = recent.reduce((latest, a) => (a.ok ? Math.max(latest, a.at) : latest), -Infinity);
  const failures = recent.filter((a) => !a.ok && a.at > lastSuccess);
  if (failures.length < policy.limit) return { allowed: true, failures: failures.length };
  // The attempt that must age out for the count to fall below the limit.
  const pivot = failures[failures.length - policy.limit]!;
  const retryAfterMs = pivot.at + policy.windowMs - now;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** "Try again in 14 minutes" style wording for a Retry-After value. */
export function describeRetryAfter(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
