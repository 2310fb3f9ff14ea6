import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store';
import { auditEvents, users } from '../schema';
import { freshStore, makeUser } from '../testing';
import { registerUser } from './accounts';
import { setOpenSignUp } from './settings';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});

const signUp = (email: string, ip = '192.0.2.60', password = 'a long enough password') =>
  registerUser(store, { email, name: 'Newcomer', password, ip });

const audits = async (action: string) =>
  (await store.db.select().from(auditEvents)).filter((e) => e.action === action);

describe('sign-up does not tell whether an email is taken', () => {
  it('answers a taken email exactly as a free one, creates nothing, and audits it', async () => {
    const admin = await makeUser(store, { isAdmin: true, email: 'taken@example.org' });
    await setOpenSignUp(store, { actor: admin, enabled: true });
    const free = await signUp('free@example.org');
    const taken = await signUp('TAKEN@example.org', '192.0.2.61', 'the attacker password');
    expect(Object.keys(taken).sort()).toEqual(Object.keys(free).sort());
    expect(taken).toEqual({ ...free });
    expect(await store.db.select().from(users)).toHaveLength(2);
    const [row] = await audits('user.sign_up.taken');
    expect(row).toMatchObject({ objectId: admin.userId, ip: '192.0.2.61' });
  });

  it('checks the sign-up mode before looking at the email', async () => {
    await makeUser(store, { isAdmin: true, email: 'owner@example.org' });
    await expect(signUp('owner@example.org')).rejects.toMatchObject({ code: 'forbidden:sign_up' });
    await expect(signUp('nobody@example.org')).rejects.toMatchObject({ code: 'forbidden:sign_up' });
  });

  it('checks the invite before looking at the email', async () => {
    await makeUser(store, { isAdmin: true, email: 'owner@example.org' });
    const attempt = registerUser(store, {
      email: 'owner@example.org',
      name: 'X',
      password: 'a long enough password',
      inviteToken: 'not-a-real-invite',
    });
    await expect(attempt).rejects.toMatchObject({ code: 'invalid:invite' });
  });
});

describe('sign-up throttling', () => {
  it('refuses an address after 10 attempts in an hour, taken or free, and not another address', async () => {
    const admin = await makeUser(store, { isAdmin: true, email: 'taken@example.org' });
    await setOpenSignUp(store, { actor: admin, enabled: true });
    for (let i = 0; i < 10; i++) {
      await signUp(i % 2 ? 'taken@example.org' : `n${i}@example.org`, '198.51.100.23');
    }
    await expect(signUp('late@example.org', '198.51.100.23')).rejects.toMatchObject({
      code: 'rate_limited:sign_up',
    });
    await expect(signUp('late@example.org', '198.51.100.24')).resolves.toBeTruthy();
  });

  it('keeps the audit event of a refusal (its transaction commits before the refusal is thrown)', async () => {
    const admin = await makeUser(store, { isAdmin: true, email: 'owner@example.org' });
    await setOpenSignUp(store, { actor: admin, enabled: true });
    for (let i = 0; i < 10; i++) await signUp(`early${i}@example.org`, '198.51.100.31');
    expect(await audits('user.sign_up.throttled')).toEqual([]);
    const refused = await signUp('late@example.org', '198.51.100.31').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'rate_limited:sign_up', retryAfterSeconds: expect.any(Number) });
    const stored = await audits('user.sign_up.throttled');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ actorUserId: null, ip: '198.51.100.31', details: { limit: 'addr' } });
    // Once per window and address: a second refusal is not audited again (the marker was kept too),
    // and a refused attempt creates no account.
    await expect(signUp('later@example.org', '198.51.100.31')).rejects.toMatchObject({
      code: 'rate_limited:sign_up',
    });
    expect(await audits('user.sign_up.throttled')).toHaveLength(1);
    expect((await store.db.select().from(users)).map((u) => u.email)).not.toContain('late@example.org');
  });

  it('keeps the audit event of a refusal by the IPv6 /64 limit, naming that limit', async () => {
    const admin = await makeUser(store, { isAdmin: true, email: 'owner@example.org' });
    await setOpenSignUp(store, { actor: admin, enabled: true });
    // 20 attempts from 20 addresses of one /64: under each address's limit, at the network's.
    for (let i = 1; i <= 20; i++) await signUp(`v6-${i}@example.org`, `2001:db8:7:1::${i.toString(16)}`);
    await expect(signUp('v6-late@example.org', '2001:db8:7:1::ff')).rejects.toMatchObject({
      code: 'rate_limited:sign_up',
    });
    const stored = await audits('user.sign_up.throttled');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ip: '2001:db8:7:1::ff', details: { limit: 'net' } });
  });
});
