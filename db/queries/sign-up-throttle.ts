/**
 * The sign-up limit per client address (and per IPv6 /64), checked before anything costly: every
 * attempt that reaches the data layer counts, whether the email was free or taken. A refusal is
 * audited once per window and key.
 *
 * `takeSignUpHit` answers a verdict instead of throwing: its transaction must commit for the
 * refusal's audit event (and the once-per-window marker) to be kept, so the caller throws
 * `signUpThrottled` after the commit. A throw inside the transaction would roll them back.
 */
import { AppError } from '@/lib/errors';
import { addressNetwork } from '@/lib/rate-limit';
import { describeRetryAfter, signUpPolicies } from '@/lib/throttle';
import type { Tx } from '../store';
import { auditRefusalOnce, peekLimit, pruneRateLimitsNowAndThen, recordHit } from './rate-limits';

export type SignUpVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts a sign-up attempt from `ip`, or refuses it (audited once per window) without counting. */
export async function takeSignUpHit(tx: Tx, ip: string, now: number): Promise<SignUpVerdict> {
  await pruneRateLimitsNowAndThen(tx, now);
  const where = addressNetwork(ip) ?? { address: ip || 'unknown', network: ip || 'unknown' };
  const policies = signUpPolicies();
  const keys = [{ key: `signup:addr:${where.address}`, policy: policies.address }];
  if (where.network !== where.address) {
    keys.push({ key: `signup:net:${where.network}`, policy: policies.network });
  }
  for (const k of keys) {
    const verdict = await peekLimit(tx, k.key, k.policy, now);
    if (!verdict.allowed) {
      await auditRefusalOnce(tx, k.key, k.policy.windowMs, now, {
        actorUserId: null,
        action: 'user.sign_up.throttled',
        ip,
        details: { limit: k.key.split(':')[1] },
      });
      return { allowed: false, retryAfterSeconds: verdict.retryAfterSeconds };
    }
  }
  for (const k of keys) await recordHit(tx, k.key, now);
  return { allowed: true };
}

/** The refusal of a throttled sign-up (thrown once the verdict's transaction has committed). */
export function signUpThrottled(retryAfterSeconds: number): AppError {
  return new AppError(
    'rate_limited',
    'sign_up',
    `Too many sign-ups from your address. Try again in ${describeRetryAfter(retryAfterSeconds)}.`,
    { retryAfterSeconds },
  );
}
