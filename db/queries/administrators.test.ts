import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../engines/sqlite';
import { auditEvents, users } from '../schema';
import { first as firstRow } from '../store';
import { freshSqliteStore, makeUser, signUpAndLoad } from '../testing';
import { getSignUpMode, setUserDisabled } from './accounts';
import { markInitialisedIfAdministrator, setAdministrator } from './administrators';
import { readSetting } from './settings';

/**
 * Defect 7 of issue 11: "the first account becomes administrator" happens once per instance,
 * and the last active administrator cannot be disabled or demoted by accident.
 */
let store: SqliteStore;
beforeEach(async () => {
  store = await freshSqliteStore();
});

const signUp = (email: string) => signUpAndLoad(store, { email });
const isAdmin = async (userId: string) =>
  (await firstRow(store.db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId))))
    ?.isAdmin;
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('the instance is initialised once', () => {
  it('records it when the first administrator signs up', async () => {
    expect(await readSetting(store.db, 'initialisedAt')).toBeNull();
    const first = await signUp('first@example.org');
    expect(first.isAdmin).toBe(true);
    expect(await readSetting(store.db, 'initialisedAt')).toEqual(expect.any(Number));
  });

  it('records it when the operator creates an administrator', async () => {
    await makeUser(store, { isAdmin: true });
    expect(await readSetting(store.db, 'initialisedAt')).toEqual(expect.any(Number));
  });

  it('does not record it for an ordinary account made by the operator', async () => {
    await makeUser(store);
    expect(await readSetting(store.db, 'initialisedAt')).toBeNull();
    expect(await getSignUpMode(store)).toBe('first-admin');
  });

  it('never re-opens "first account becomes administrator" once the only administrator is disabled', async () => {
    const first = await signUp('first@example.org');
    await setUserDisabled(store, { actor: null, userId: first.userId, disabled: true, force: true });
    expect(await getSignUpMode(store)).toBe('invite-only');
    await expect(signUp('intruder@example.org')).rejects.toMatchObject({ code: 'forbidden:sign_up' });
    expect(
      await firstRow(store.db.select().from(users).where(eq(users.email, 'intruder@example.org'))),
    ).toBeUndefined();
  });

  it('is recorded at start for a database that already has an administrator (even a disabled one)', async () => {
    // An older database: an administrator but no record; the administrator was disabled directly.
    store.connection
      .prepare(
        "insert into users (id, email, name, password_hash, is_admin, disabled_at) values ('u1', 'old@example.org', 'Old', 'x', 1, 1)",
      )
      .run();
    expect(await readSetting(store.db, 'initialisedAt')).toBeNull();
    expect(await markInitialisedIfAdministrator(store)).toBe(true);
    expect(await readSetting(store.db, 'initialisedAt')).toEqual(expect.any(Number));
    expect(await markInitialisedIfAdministrator(store)).toBe(false);
    expect(await getSignUpMode(store)).toBe('invite-only');
  });

  it('is not recorded at start on an instance without an administrator', async () => {
    expect(await markInitialisedIfAdministrator(store)).toBe(false);
    expect(await getSignUpMode(store)).toBe('first-admin');
  });
});

describe('the last active administrator', () => {
  it('cannot be disabled by the operator without force', async () => {
    const only = await makeUser(store, { isAdmin: true });
    await expect(
      setUserDisabled(store, { actor: null, userId: only.userId, disabled: true }),
    ).rejects.toMatchObject({
      code: 'conflict:user',
      message: expect.stringMatching(/last active administrator/),
    });
    await setUserDisabled(store, { actor: null, userId: only.userId, disabled: true, force: true });
    const [event] = await store.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.disable'));
    expect(event).toMatchObject({ objectId: only.userId, details: { forced: true } });
  });

  it('does not count a disabled or demo administrator as active', async () => {
    const active = await makeUser(store, { isAdmin: true });
    const disabled = await makeUser(store, { isAdmin: true });
    await setUserDisabled(store, { actor: active, userId: disabled.userId, disabled: true });
    await expect(
      outcome(setUserDisabled(store, { actor: null, userId: active.userId, disabled: true })),
    ).resolves.toBe('conflict:user');
  });

  it('may be disabled by an administrator when another one stays', async () => {
    const a = await makeUser(store, { isAdmin: true });
    const b = await makeUser(store, { isAdmin: true });
    await setUserDisabled(store, { actor: a, userId: b.userId, disabled: true });
    await expect(
      setUserDisabled(store, { actor: a, userId: a.userId, disabled: true }),
    ).rejects.toMatchObject({
      code: 'invalid:user',
    });
  });

  it('only the operator may force', async () => {
    const a = await makeUser(store, { isAdmin: true });
    const b = await makeUser(store, { isAdmin: true });
    await setUserDisabled(store, { actor: a, userId: b.userId, disabled: true });
    await expect(
      setAdministrator(store, { actor: a, userId: a.userId, admin: false, force: true }),
    ).rejects.toMatchObject({ code: 'conflict:user' });
  });
});

describe('promote and demote', () => {
  it('promotes an account and demotes it again, audited', async () => {
    const admin = await makeUser(store, { isAdmin: true });
    const analyst = await makeUser(store);
    await setAdministrator(store, { actor: null, email: analyst.email, admin: true });
    expect(await isAdmin(analyst.userId)).toBe(true);
    await setAdministrator(store, { actor: admin, userId: analyst.userId, admin: false });
    expect(await isAdmin(analyst.userId)).toBe(false);
    const actions = (
      await store.db
        .select({ action: auditEvents.action, actor: auditEvents.actorUserId })
        .from(auditEvents)
        .where(eq(auditEvents.objectId, analyst.userId))
    ).filter((e) => e.action.startsWith('user.admin'));
    expect(actions).toEqual([
      { action: 'user.admin_grant', actor: null },
      { action: 'user.admin_revoke', actor: admin.userId },
    ]);
  });

  const cases: { name: string; run: () => Promise<unknown>; code: string }[] = [
    {
      name: 'demoting the last active administrator (operator)',
      run: async () =>
        setAdministrator(store, {
          actor: null,
          userId: (await makeUser(store, { isAdmin: true })).userId,
          admin: false,
        }),
      code: 'conflict:user',
    },
    {
      name: 'a non-administrator promoting',
      run: async () => {
        await makeUser(store, { isAdmin: true });
        const a = await makeUser(store);
        return setAdministrator(store, { actor: a, userId: a.userId, admin: true });
      },
      code: 'forbidden:user',
    },
    {
      name: 'promoting a disabled account',
      run: async () => {
        const admin = await makeUser(store, { isAdmin: true });
        const b = await makeUser(store);
        await setUserDisabled(store, { actor: admin, userId: b.userId, disabled: true });
        return setAdministrator(store, { actor: null, userId: b.userId, admin: true });
      },
      code: 'invalid:user',
    },
    {
      name: 'an unknown email',
      run: async () => setAdministrator(store, { actor: null, email: 'ghost@example.org', admin: true }),
      code: 'not_found:user',
    },
  ];
  it.each(cases)('refuses $name', async ({ run, code }) => {
    expect(await outcome(run())).toBe(code);
  });

  it('demotes the last administrator with force (operator), and sign-up stays closed', async () => {
    const only = await makeUser(store, { isAdmin: true });
    await setAdministrator(store, { actor: null, userId: only.userId, admin: false, force: true });
    expect(await isAdmin(only.userId)).toBe(false);
    expect(await getSignUpMode(store)).toBe('invite-only');
  });

  it('lets an administrator step down while another stays', async () => {
    const a = await makeUser(store, { isAdmin: true });
    await makeUser(store, { isAdmin: true });
    await setAdministrator(store, { actor: a, userId: a.userId, admin: false });
    expect(await isAdmin(a.userId)).toBe(false);
  });

  it('promoting an administrator again changes nothing and records nothing', async () => {
    const a = await makeUser(store, { isAdmin: true });
    await setAdministrator(store, { actor: null, userId: a.userId, admin: true });
    expect(
      await store.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.admin_grant')),
    ).toHaveLength(0);
  });
});
