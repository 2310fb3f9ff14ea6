import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store';
import { apiTokens, auditEvents } from '../schema';
import { freshStore, makeUser, TEST_PASSWORD } from '../testing';
import type { Actor } from './access';
import { changePassword, resetPassword, signInWithPassword } from './accounts';
import { createApiToken, createApiTokenForEmail, resolveApiToken } from './api-tokens';

let store: Store;
let user: Actor & { email: string; sessionId: string };

beforeEach(async () => {
  store = await freshStore();
  const made = await makeUser(store);
  const s = await signInWithPassword(store, { email: made.email, password: TEST_PASSWORD, ip: '192.0.2.1' });
  if (!s.ok) throw new Error('sign-in failed');
  user = { ...made, sessionId: s.sessionId, ip: '192.0.2.1' };
});

const audits = async (action: string) =>
  (await store.db.select().from(auditEvents)).filter((e) => e.action === action);

const liveTokens = async () =>
  (await store.db.select().from(apiTokens)).filter((t) => t.revokedAt == null).length;

describe('making an API token needs the current password', () => {
  const cases: { name: string; currentPassword: string | undefined; ok: boolean }[] = [
    { name: 'the right password', currentPassword: TEST_PASSWORD, ok: true },
    { name: 'a wrong password', currentPassword: 'not my password', ok: false },
    { name: 'an empty password', currentPassword: '', ok: false },
    { name: 'no password at all', currentPassword: undefined, ok: false },
  ];
  it.each(cases)('$name', async ({ currentPassword, ok }) => {
    const attempt = createApiToken(store, { actor: user, name: 'Script', currentPassword } as Parameters<
      typeof createApiToken
    >[1]);
    if (ok) await expect(attempt).resolves.toMatchObject({ apiToken: { name: 'Script' } });
    else await expect(attempt).rejects.toMatchObject({ code: 'invalid:user', field: 'currentPassword' });
    expect(await liveTokens()).toBe(ok ? 1 : 0);
  });

  it('throttles wrong current passwords: after 5, even the right one is refused for a while', async () => {
    for (let i = 0; i < 5; i++) {
      await expect(
        createApiToken(store, { actor: user, name: 'x', currentPassword: `wrong ${i}` } as Parameters<
          typeof createApiToken
        >[1]),
      ).rejects.toMatchObject({ code: 'invalid:user' });
    }
    await expect(
      createApiToken(store, { actor: user, name: 'x', currentPassword: TEST_PASSWORD } as Parameters<
        typeof createApiToken
      >[1]),
    ).rejects.toMatchObject({ code: 'rate_limited:user' });
    // The password change shares the same limit.
    await expect(
      changePassword(store, {
        actor: user,
        currentPassword: TEST_PASSWORD,
        newPassword: 'a brand new password',
      }),
    ).rejects.toMatchObject({ code: 'rate_limited:user' });
  });

  it('keeps the audit events of wrong passwords and of the refusal (written before anything throws)', async () => {
    const attempt = (currentPassword: string) =>
      createApiToken(store, { actor: user, name: 'x', currentPassword } as Parameters<
        typeof createApiToken
      >[1]);
    for (let i = 0; i < 5; i++)
      await expect(attempt(`wrong ${i}`)).rejects.toMatchObject({ code: 'invalid:user' });
    expect(await audits('user.reauth.failed')).toHaveLength(5);
    expect(await audits('user.reauth.throttled')).toEqual([]);
    await expect(attempt(TEST_PASSWORD)).rejects.toMatchObject({ code: 'rate_limited:user' });
    await expect(attempt(TEST_PASSWORD)).rejects.toMatchObject({ code: 'rate_limited:user' });
    // Once per window: the second refusal finds the first one's marker, which was kept as well.
    const refused = await audits('user.reauth.throttled');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actorUserId: user.userId, objectId: user.userId, ip: '192.0.2.1' });
  });
});

describe('a new password revokes every API token of the account', () => {
  it('on a password change, and says how many', async () => {
    const a = await createApiTokenForEmail(store, { email: user.email, name: 'one' });
    await createApiTokenForEmail(store, { email: user.email, name: 'two' });
    const result = await changePassword(store, {
      actor: user,
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(result).toMatchObject({ revokedTokens: 2 });
    expect(await resolveApiToken(store, a.token)).toBeNull();
    expect(await liveTokens()).toBe(0);
  });

  it('on an operator reset, and says how many', async () => {
    const a = await createApiTokenForEmail(store, { email: user.email, name: 'one' });
    expect(
      await resetPassword(store, { email: user.email, password: 'operator chosen password' }),
    ).toMatchObject({
      revokedTokens: 1,
    });
    expect(await resolveApiToken(store, a.token)).toBeNull();
  });
});
