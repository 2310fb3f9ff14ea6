/**
 * The limits Warrant enforces, by what they protect (the rule itself is lib/rate-limit.ts, the
 * storage db/queries/rate-limits.ts). Failures count; a success gives its hit back.
 */
import type { RatePolicy } from './rate-limit';

const MINUTE = 60 * 1000;

/** Sign-in failures for one account from one address (an IPv6 address counts with its /64). */
export const SIGN_IN_PAIR_POLICY: RatePolicy = { limit: 10, windowMs: 15 * MINUTE };
/**
 * Sign-in failures for one account from all addresses. Beyond it, an address that has already
 * failed for this account is refused; an address that has not still gets its try, so guessing
 * from many addresses never locks the owner out.
 */
export const SIGN_IN_ACCOUNT_POLICY: RatePolicy = { limit: 100, windowMs: 15 * MINUTE };
/** Sign-in failures from one address, whatever the email. */
export const SIGN_IN_ADDRESS_POLICY: RatePolicy = { limit: 30, windowMs: 15 * MINUTE };
/** Sign-in failures from one IPv6 /64, whatever the email. */
export const SIGN_IN_NETWORK_POLICY: RatePolicy = { limit: 60, windowMs: 15 * MINUTE };
/**
 * Sign-up attempts from one address per hour (and, for IPv6, twice that from its /64):
 * SIGN_UP_LIMIT_PER_HOUR, 10 unless set (e.g. higher for a training session behind one NAT).
 */
export function signUpPolicies(env: Record<string, string | undefined> = process.env) {
  const n = Number(env.SIGN_UP_LIMIT_PER_HOUR);
  const limit = Number.isInteger(n) && n > 0 ? n : 10;
  return {
    address: { limit, windowMs: 60 * MINUTE } satisfies RatePolicy,
    network: { limit: 2 * limit, windowMs: 60 * MINUTE } satisfies RatePolicy,
  };
}
/** Wrong current passwords of one signed-in account (password change, new API token). */
export const REAUTH_POLICY: RatePolicy = { limit: 5, windowMs: 15 * MINUTE };

/** Hits older than this count for no policy and are pruned. */
export const RATE_LIMIT_RETENTION_MS = 60 * MINUTE;

/** "Try again in 14 minutes" style wording for a Retry-After value. */
export function describeRetryAfter(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
