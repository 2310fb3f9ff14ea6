import { describe, expect, it } from 'vitest';
import {
  describeRetryAfter,
  RATE_LIMIT_RETENTION_MS,
  SIGN_IN_ACCOUNT_POLICY,
  SIGN_IN_PAIR_POLICY,
  signUpPolicies,
} from './throttle';

describe('describeRetryAfter', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
  ])('%i s → %s', (seconds, text) => expect(describeRetryAfter(seconds)).toBe(text));
});

describe('the policies', () => {
  it('keep hits long enough for every window, and bound one account tighter per address than overall', () => {
    for (const p of [SIGN_IN_PAIR_POLICY, SIGN_IN_ACCOUNT_POLICY, signUpPolicies({}).address]) {
      expect(p.windowMs).toBeLessThanOrEqual(RATE_LIMIT_RETENTION_MS);
    }
    expect(SIGN_IN_PAIR_POLICY.limit).toBeLessThan(SIGN_IN_ACCOUNT_POLICY.limit);
  });
});

describe('signUpPolicies', () => {
  it.each([
    [undefined, 10],
    ['25', 25],
    ['0', 10],
    ['-3', 10],
    ['2.5', 10],
    ['lots', 10],
  ])('SIGN_UP_LIMIT_PER_HOUR=%s → %i per address, twice per /64', (value, limit) => {
    const p = signUpPolicies({ SIGN_UP_LIMIT_PER_HOUR: value });
    expect(p.address.limit).toBe(limit);
    expect(p.network.limit).toBe(2 * limit);
  });
});
