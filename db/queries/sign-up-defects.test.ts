import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../engines/sqlite';
import { auditEvents, users } from '../schema';
import { freshStore, makeUser } from '../testing';
import { registerUser } from './accounts';
import { setOpenSignUp } from './settings';

let store: SqliteStore;
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
});
