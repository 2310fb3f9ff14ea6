import { describe, expect, it } from 'vitest';
import {
  describeRetryAfter,
  RATE_LIMIT_RETENTION_MS,
  SIGN_IN_ACCOUNT_POLICY,
  SIGN_IN_PAIR_POLICY,
  SIGN_UP_ADDRESS_POLICY,
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
    for (const p of [SIGN_IN_PAIR_POLICY, SIGN_IN_ACCOUNT_POLICY, SIGN_UP_ADDRESS_POLICY]) {
      expect(p.windowMs).toBeLessThanOrEqual(RATE_LIMIT_RETENTION_MS);
    }
    expect(SIGN_IN_PAIR_POLICY.limit).toBeLessThan(SIGN_IN_ACCOUNT_POLICY.limit);
  });
});
