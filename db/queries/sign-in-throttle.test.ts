import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store';
import { auditEvents } from '../schema';
import { freshStore, makeUser, TEST_PASSWORD } from '../testing';
import { checkSignInThrottle, signInWithPassword } from './accounts';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});

const auditCount = async (action: string) =>
  (await store.db.select().from(auditEvents)).filter((e) => e.action === action).length;

describe('the account-wide limit never locks the owner out', () => {
  it('lets a correct password from an address with no failures in after 100 failures from 10 addresses', async () => {
    const user = await makeUser(store);
    for (let i = 0; i < 100; i++) {
      await signInWithPassword(store, {
        email: user.email,
        password: `wrong ${i}`,
        ip: `198.51.100.${i % 10}`,
      });
    }
    // Every attacking address is refused now, even with the right password …
    expect(
      await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip: '198.51.100.3' }),
    ).toMatchObject({
      ok: false,
      reason: 'rate_limited',
    });
    // … but the owner, from an address that has not failed for this account, gets in.
    const owner = await signInWithPassword(store, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '192.0.2.77',
    });
    expect(owner.ok).toBe(true);
  });

  it('gives a new address one try while the account is over its limit, then refuses it', async () => {
    const user = await makeUser(store);
    for (let i = 0; i < 100; i++) {
      await signInWithPassword(store, { email: user.email, password: 'wrong', ip: `198.51.100.${i % 10}` });
    }
    const ip = '203.0.113.50';
    expect(await signInWithPassword(store, { email: user.email, password: 'still wrong', ip })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip })).toMatchObject(
      {
        reason: 'rate_limited',
      },
    );
  });
});

describe('limits per client address, across all emails', () => {
  it('refuses an address after 30 failures spread over many emails', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < 30; i++) {
      expect(
        await signInWithPassword(store, { email: `probe${i}@example.org`, password: 'guess', ip }),
      ).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    expect(
      await signInWithPassword(store, { email: 'probe-next@example.org', password: 'guess', ip }),
    ).toMatchObject({
      reason: 'rate_limited',
    });
    // Another address is not affected.
    const user = await makeUser(store);
    expect(
      (await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip: '203.0.113.10' }))
        .ok,
    ).toBe(true);
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address', async () => {
    for (let i = 0; i < 30; i++) {
      await signInWithPassword(store, {
        email: `m${i}@example.org`,
        password: 'guess',
        ip: '::ffff:203.0.113.20',
      });
    }
    expect(
      await checkSignInThrottle(store, { email: 'other@example.org', ip: '203.0.113.20' }),
    ).toMatchObject({
      allowed: false,
    });
  });

  it('counts every address of one IPv6 /64 together', async () => {
    for (let i = 0; i < 60; i++) {
      await signInWithPassword(store, {
        email: `v6-${i}@example.org`,
        password: 'guess',
        ip: `2001:db8:7:7::${(i + 1).toString(16)}`,
      });
    }
    expect(
      await signInWithPassword(store, {
        email: 'v6-next@example.org',
        password: 'guess',
        ip: '2001:db8:7:7:abcd::1',
      }),
    ).toMatchObject({ reason: 'rate_limited' });
    const user = await makeUser(store);
    expect(
      (await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip: '2001:db8:7:8::1' }))
        .ok,
    ).toBe(true);
  });

  it('does not count successful sign-ins against an address', async () => {
    const user = await makeUser(store);
    for (let i = 0; i < 40; i++) {
      expect(
        (await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip: '192.0.2.8' })).ok,
      ).toBe(true);
    }
  });
});

describe('auditing a throttled burst', () => {
  it('writes one audit row per window and key, not one per refused request', async () => {
    const user = await makeUser(store);
    const ip = '192.0.2.44';
    for (let i = 0; i < 10; i++)
      await signInWithPassword(store, { email: user.email, password: 'wrong', ip });
    for (let i = 0; i < 50; i++) {
      await signInWithPassword(store, { email: user.email, password: 'wrong', ip });
      await checkSignInThrottle(store, { email: user.email, ip });
    }
    expect(await auditCount('auth.sign_in.throttled')).toBe(1);
    expect(await auditCount('auth.sign_in.failed')).toBe(10);
  });
});
