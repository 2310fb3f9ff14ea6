/**
 * The sign-in throttle over the generic limiter. Keys, for a normalised email and a client
 * address (an IPv6 address counts with its /64; an IPv4-mapped one as IPv4):
 *   signin:pair:<email>|<network>  failures for this account from this address
 *   signin:addr:<address>          failures from this address, any email
 *   signin:net:<network>           failures from this IPv6 /64, any email
 *   signin:acct:<email>            failures for this account, from anywhere
 * Over the account-wide limit, only an address that has already failed for the account is
 * refused: a correct password from anywhere else still gets in. Unknown accounts are throttled
 * the same way, so a refusal tells nothing. A refusal is audited once per window and key.
 */
import { addressNetwork, type RatePolicy } from '@/lib/rate-limit';
import {
  SIGN_IN_ACCOUNT_POLICY,
  SIGN_IN_ADDRESS_POLICY,
  SIGN_IN_NETWORK_POLICY,
  SIGN_IN_PAIR_POLICY,
} from '@/lib/throttle';
import type { Db, Tx } from '../store';
import {
  auditRefusalOnce,
  clearKey,
  countHits,
  peekLimit,
  pruneRateLimitsNowAndThen,
  recordHit,
  releaseHits,
} from './rate-limits';

interface Keyed {
  key: string;
  policy: RatePolicy;
}

function keysFor(email: string, ip: string) {
  const where = addressNetwork(ip) ?? { address: ip || 'unknown', network: ip || 'unknown' };
  const pair = { key: `signin:pair:${email}|${where.network}`, policy: SIGN_IN_PAIR_POLICY };
  const perAddress: Keyed[] = [{ key: `signin:addr:${where.address}`, policy: SIGN_IN_ADDRESS_POLICY }];
  if (where.network !== where.address) {
    perAddress.push({ key: `signin:net:${where.network}`, policy: SIGN_IN_NETWORK_POLICY });
  }
  const account = { key: `signin:acct:${email}`, policy: SIGN_IN_ACCOUNT_POLICY };
  return { pair, perAddress, account };
}

export type GateVerdict =
  | { allowed: true; accountOverLimit: boolean }
  | { allowed: false; retryAfterSeconds: number; refusedBy: Keyed };

async function judge(tx: Db, email: string, ip: string, now: number): Promise<GateVerdict> {
  const { pair, perAddress, account } = keysFor(email, ip);
  for (const k of [pair, ...perAddress]) {
    const v = await peekLimit(tx, k.key, k.policy, now);
    if (!v.allowed) return { allowed: false, retryAfterSeconds: v.retryAfterSeconds, refusedBy: k };
  }
  const acct = await peekLimit(tx, account.key, account.policy, now);
  if (acct.allowed) return { allowed: true, accountOverLimit: false };
  if ((await countHits(tx, pair.key, pair.policy.windowMs, now)) > 0) {
    return { allowed: false, retryAfterSeconds: acct.retryAfterSeconds, refusedBy: account };
  }
  return { allowed: true, accountOverLimit: true };
}

async function auditRefusal(tx: Tx, email: string, ip: string, now: number, refusedBy: Keyed) {
  await auditRefusalOnce(tx, refusedBy.key, refusedBy.policy.windowMs, now, {
    actorUserId: null,
    action: 'auth.sign_in.throttled',
    ip,
    details: { email, limit: refusedBy.key.split(':')[1] },
  });
}

/** Whether this email may try from this address now (no hit counted); a refusal is audited once. */
export async function peekSignIn(tx: Tx, email: string, ip: string, now: number): Promise<GateVerdict> {
  const verdict = await judge(tx, email, ip, now);
  if (!verdict.allowed) await auditRefusal(tx, email, ip, now, verdict.refusedBy);
  return verdict;
}

export interface OpenGate {
  email: string;
  ip: string;
  hitIds: number[];
}

/**
 * Decides and, when allowed, counts the attempt as a failure BEFORE the password is checked, so
 * that parallel guesses cannot all slip under the limits; `settleSignIn` gives it back on success.
 */
export async function openSignInGate(
  tx: Tx,
  email: string,
  ip: string,
  now: number,
): Promise<{ allowed: true; gate: OpenGate } | { allowed: false; retryAfterSeconds: number }> {
  await pruneRateLimitsNowAndThen(tx, now);
  const verdict = await peekSignIn(tx, email, ip, now);
  if (!verdict.allowed) return verdict;
  const { pair, perAddress, account } = keysFor(email, ip);
  const keys = [pair, ...perAddress, ...(verdict.accountOverLimit ? [] : [account])];
  const hitIds: number[] = [];
  for (const k of keys) hitIds.push(await recordHit(tx, k.key, now));
  return { allowed: true, gate: { email, ip, hitIds } };
}

/** A success resets this account's failures from this address and returns the attempt's hits. */
export async function settleSignIn(tx: Tx, gate: OpenGate, outcome: 'success' | 'not_run'): Promise<void> {
  await releaseHits(tx, gate.hitIds);
  if (outcome === 'success') await clearKey(tx, keysFor(gate.email, gate.ip).pair.key);
}
