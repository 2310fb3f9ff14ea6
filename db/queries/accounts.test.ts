import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../engines/sqlite';
import { auditEvents, sessions, users } from '../schema';
import { first } from '../store';
import { freshSqliteStore, makeUser, makeWorkspace, TEST_PASSWORD } from '../testing';
import {
  changePassword,
  checkSignInThrottle,
  getSignUpMode,
  registerUser,
  resetPassword,
  setUserDisabled,
  signInWithPassword,
} from './accounts';
import { createInvite } from './invites';
import { resolveSession } from './sessions';
import { setOpenSignUp } from './settings';
import { getWorkspace } from './workspaces';

let store: SqliteStore;
beforeEach(async () => {
  store = await freshSqliteStore();
});

const userByEmail = (email: string) => first(store.db.select().from(users).where(eq(users.email, email)));

const newcomer = (email: string, extra: { inviteToken?: string } = {}) =>
  registerUser(store, { email, name: 'Newcomer', password: 'a long enough password', ...extra });

describe('sign-up', () => {
  it('makes the first account of an instance its administrator, and closes open sign-up after it', async () => {
    expect(await getSignUpMode(store)).toBe('first-admin');
    expect(await newcomer('first@example.org')).toEqual({ next: 'sign_in', callbackUrl: '/workspaces' });
    expect((await userByEmail('first@example.org'))?.isAdmin).toBe(true);
    expect(await getSignUpMode(store)).toBe('invite-only');
    await expect(newcomer('second@example.org')).rejects.toMatchObject({ code: 'forbidden:sign_up' });
  });

  it('does not count the demo account as an administrator', async () => {
    const { createUser } = await import('./accounts');
    await createUser(store, { email: 'demo@warrant.local', password: TEST_PASSWORD, isDemo: true });
    expect(await getSignUpMode(store)).toBe('first-admin');
  });

  it('lets anyone sign up when the administrator opens sign-up', async () => {
    const admin = await makeUser(store, { isAdmin: true });
    await setOpenSignUp(store, { actor: admin, enabled: true });
    expect(await getSignUpMode(store)).toBe('open');
    expect(await newcomer('open@example.org')).toEqual({ next: 'sign_in', callbackUrl: '/workspaces' });
    expect((await userByEmail('open@example.org'))?.isAdmin).toBe(false);
  });

  it('refuses to let a non-administrator open sign-up', async () => {
    await makeUser(store, { isAdmin: true });
    const other = await makeUser(store);
    await expect(setOpenSignUp(store, { actor: other, enabled: true })).rejects.toMatchObject({
      code: 'forbidden:settings',
    });
  });

  it('joins the workspace of an invite with its role, once', async () => {
    const owner = await makeUser(store, { isAdmin: true });
    const ws = await makeWorkspace(store, owner);
    const invite = await createInvite(store, {
      actor: owner,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 7,
    });
    const joined = await newcomer('Invited@Example.org ', { inviteToken: invite.token });
    expect(joined).toEqual({ next: 'sign_in', callbackUrl: `/w/${ws}` });
    const userId = (await userByEmail('invited@example.org'))!.id;
    const view = await getWorkspace(store, { actor: { userId, isAdmin: false }, workspaceId: ws });
    expect(view.role).toBe('viewer');
    expect(view.can).toEqual(['workspace.read', 'workspace.export']);
    await expect(newcomer('again@example.org', { inviteToken: invite.token })).rejects.toMatchObject({
      code: 'invalid:invite',
    });
    // Nothing half-made: the refused account does not exist.
    expect(await userByEmail('again@example.org')).toBeUndefined();
  });

  it('refuses an expired invite', async () => {
    const owner = await makeUser(store, { isAdmin: true });
    const ws = await makeWorkspace(store, owner);
    const invite = await createInvite(store, {
      actor: owner,
      workspaceId: ws,
      role: 'editor',
      expiresInDays: 1,
    });
    store.connection.prepare('update invites set expires_at = ?').run(Date.now() - 1000);
    await expect(newcomer('late@example.org', { inviteToken: invite.token })).rejects.toMatchObject({
      code: 'invalid:invite',
    });
  });
});

describe('sign-in', () => {
  const ip = '192.0.2.10';

  it('opens a session for the right password and records it', async () => {
    const user = await makeUser(store);
    const result = await signInWithPassword(store, {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await resolveSession(store, { sessionId: result.sessionId })).toMatchObject({
      userId: user.userId,
    });
    const actions = (await store.db.select().from(auditEvents)).map((e) => e.action);
    expect(actions).toContain('auth.sign_in');
  });

  it('answers the same for an unknown account and a wrong password', async () => {
    const user = await makeUser(store);
    const wrong = await signInWithPassword(store, { email: user.email, password: 'not the password', ip });
    const unknown = await signInWithPassword(store, {
      email: 'nobody@example.org',
      password: 'not the password',
      ip,
    });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
    const failed = (await store.db.select().from(auditEvents)).filter(
      (e) => e.action === 'auth.sign_in.failed',
    );
    expect(failed.map((e) => e.details?.reason)).toEqual(['wrong_password', 'unknown_account']);
  });

  it('throttles after 10 failures for one account from one address, not from another', async () => {
    const user = await makeUser(store);
    for (let i = 0; i < 10; i++) {
      expect(await signInWithPassword(store, { email: user.email, password: `wrong ${i}`, ip })).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    const eleventh = await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip });
    expect(eleventh).toMatchObject({ ok: false, reason: 'rate_limited' });
    if (!eleventh.ok && eleventh.reason === 'rate_limited') {
      expect(eleventh.retryAfterSeconds).toBeGreaterThan(14 * 60);
      expect(eleventh.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    }
    expect((await checkSignInThrottle(store, { email: user.email, ip: '198.51.100.1' })).allowed).toBe(true);
    expect(
      (await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip: '198.51.100.1' }))
        .ok,
    ).toBe(true);
    // An unknown account is throttled the same way, so the 429 tells nothing either.
    for (let i = 0; i < 10; i++)
      await signInWithPassword(store, { email: 'ghost@example.org', password: 'x', ip });
    expect(await signInWithPassword(store, { email: 'ghost@example.org', password: 'x', ip })).toMatchObject({
      reason: 'rate_limited',
    });
  });

  it('refuses a disabled account with the same answer, and ends its sessions', async () => {
    const admin = await makeUser(store, { isAdmin: true });
    const user = await makeUser(store);
    const before = await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip });
    if (!before.ok) throw new Error('sign-in failed');
    await setUserDisabled(store, { actor: admin, userId: user.userId, disabled: true });
    expect(await resolveSession(store, { sessionId: before.sessionId })).toBeNull();
    expect(await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    await expect(
      setUserDisabled(store, { actor: user, userId: admin.userId, disabled: true }),
    ).rejects.toMatchObject({
      code: 'forbidden:user',
    });
    await expect(
      setUserDisabled(store, { actor: admin, userId: admin.userId, disabled: true }),
    ).rejects.toMatchObject({
      code: 'invalid:user',
    });
  });
});

describe('password change and reset', () => {
  it('checks the current password and ends the other sessions only', async () => {
    const user = await makeUser(store);
    const here = await signInWithPassword(store, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '192.0.2.1',
    });
    const there = await signInWithPassword(store, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '192.0.2.2',
    });
    if (!here.ok || !there.ok) throw new Error('sign-in failed');
    const actor = { ...user, sessionId: here.sessionId };
    await expect(
      changePassword(store, { actor, currentPassword: 'wrong', newPassword: 'a brand new password' }),
    ).rejects.toMatchObject({
      code: 'invalid:user',
      field: 'currentPassword',
    });
    expect(
      await changePassword(store, {
        actor,
        currentPassword: TEST_PASSWORD,
        newPassword: 'a brand new password',
      }),
    ).toEqual({
      endedSessions: 1,
      revokedTokens: 0,
    });
    expect(await resolveSession(store, { sessionId: here.sessionId })).not.toBeNull();
    expect(await resolveSession(store, { sessionId: there.sessionId })).toBeNull();
    expect(
      (
        await signInWithPassword(store, {
          email: user.email,
          password: 'a brand new password',
          ip: '192.0.2.3',
        })
      ).ok,
    ).toBe(true);
  });

  it('resets a password from the CLI and ends every session', async () => {
    const user = await makeUser(store);
    const s = await signInWithPassword(store, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '192.0.2.1',
    });
    if (!s.ok) throw new Error('sign-in failed');
    await resetPassword(store, { email: user.email, password: 'operator chosen password' });
    expect(await resolveSession(store, { sessionId: s.sessionId })).toBeNull();
    const live = (await store.db.select().from(sessions)).filter((r) => r.revokedAt == null);
    expect(live).toHaveLength(0);
    await expect(
      resetPassword(store, { email: 'nobody@example.org', password: 'whatever password' }),
    ).rejects.toMatchObject({
      code: 'not_found:user',
    });
  });
});

describe('sign-in attempts', () => {
  it('are pruned once they can no longer count', async () => {
    const { pruneLoginAttempts } = await import('./accounts');
    const { rateLimitHits } = await import('../schema');
    const user = await makeUser(store);
    await signInWithPassword(store, { email: user.email, password: 'wrong one', ip: '192.0.2.5' });
    // One failure counts under three keys: this account from this address, the address, the account.
    expect(await store.db.select().from(rateLimitHits)).toHaveLength(3);
    expect(await store.transaction((tx) => pruneLoginAttempts(tx, Date.now() + 16 * 60 * 1000))).toBe(0);
    expect(await store.transaction((tx) => pruneLoginAttempts(tx, Date.now() + 61 * 60 * 1000))).toBe(3);
    expect(await store.db.select().from(rateLimitHits)).toHaveLength(0);
  });
});

describe('throttling under pressure', () => {
  it('counts parallel guesses before their passwords are checked', async () => {
    const user = await makeUser(store);
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        signInWithPassword(store, { email: user.email, password: `guess ${i}`, ip: '203.0.113.9' }),
      ),
    );
    const invalid = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    const limited = results.filter((r) => !r.ok && r.reason === 'rate_limited').length;
    expect(invalid).toBe(10);
    expect(limited).toBe(15);
  });
});
