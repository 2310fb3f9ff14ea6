import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../client';
import { auditEvents, users } from '../schema';
import { makeUser, signUpAndLoad, useFreshDatabase } from '../testing';
import { getSignUpMode, setUserDisabled } from './accounts';
import { markInitialisedIfAdministrator, setAdministrator } from './administrators';
import { readSetting } from './settings';

/**
 * Defect 7 of issue 11: "the first account becomes administrator" happens once per instance,
 * and the last active administrator cannot be disabled or demoted by accident.
 */
beforeEach(() => {
  useFreshDatabase();
});

const signUp = (email: string) => signUpAndLoad({ email });
const isAdmin = (userId: string) =>
  getDb().select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId)).get()?.isAdmin;
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('the instance is initialised once', () => {
  it('records it when the first administrator signs up', async () => {
    expect(readSetting(getDb(), 'initialisedAt')).toBeNull();
    const first = await signUp('first@example.org');
    expect(first.isAdmin).toBe(true);
    expect(readSetting(getDb(), 'initialisedAt')).toEqual(expect.any(Number));
  });

  it('records it when the operator creates an administrator', async () => {
    await makeUser({ isAdmin: true });
    expect(readSetting(getDb(), 'initialisedAt')).toEqual(expect.any(Number));
  });

  it('does not record it for an ordinary account made by the operator', async () => {
    await makeUser();
    expect(readSetting(getDb(), 'initialisedAt')).toBeNull();
    expect(await getSignUpMode()).toBe('first-admin');
  });

  it('never re-opens "first account becomes administrator" once the only administrator is disabled', async () => {
    const first = await signUp('first@example.org');
    await setUserDisabled({ actor: null, userId: first.userId, disabled: true, force: true });
    expect(await getSignUpMode()).toBe('invite-only');
    await expect(signUp('intruder@example.org')).rejects.toMatchObject({ code: 'forbidden:sign_up' });
    expect(getDb().select().from(users).where(eq(users.email, 'intruder@example.org')).get()).toBeUndefined();
  });

  it('is recorded at start for a database that already has an administrator (even a disabled one)', async () => {
    // An older database: an administrator but no record; the administrator was disabled directly.
    getDb()
      .$client.prepare(
        "insert into users (id, email, name, password_hash, is_admin, disabled_at) values ('u1', 'old@example.org', 'Old', 'x', 1, 1)",
      )
      .run();
    expect(readSetting(getDb(), 'initialisedAt')).toBeNull();
    expect(markInitialisedIfAdministrator(getDb())).toBe(true);
    expect(readSetting(getDb(), 'initialisedAt')).toEqual(expect.any(Number));
    expect(markInitialisedIfAdministrator(getDb())).toBe(false);
    expect(await getSignUpMode()).toBe('invite-only');
  });

  it('is not recorded at start on an instance without an administrator', async () => {
    expect(markInitialisedIfAdministrator(getDb())).toBe(false);
    expect(await getSignUpMode()).toBe('first-admin');
  });
});

describe('the last active administrator', () => {
  it('cannot be disabled by the operator without force', async () => {
    const only = await makeUser({ isAdmin: true });
    await expect(setUserDisabled({ actor: null, userId: only.userId, disabled: true })).rejects.toMatchObject(
      {
        code: 'conflict:user',
        message: expect.stringMatching(/last active administrator/),
      },
    );
    await setUserDisabled({ actor: null, userId: only.userId, disabled: true, force: true });
    const [event] = getDb().select().from(auditEvents).where(eq(auditEvents.action, 'user.disable')).all();
    expect(event).toMatchObject({ objectId: only.userId, details: { forced: true } });
  });

  it('does not count a disabled or demo administrator as active', async () => {
    const active = await makeUser({ isAdmin: true });
    const disabled = await makeUser({ isAdmin: true });
    await setUserDisabled({ actor: active, userId: disabled.userId, disabled: true });
    await expect(
      outcome(setUserDisabled({ actor: null, userId: active.userId, disabled: true })),
    ).resolves.toBe('conflict:user');
  });

  it('may be disabled by an administrator when another one stays', async () => {
    const a = await makeUser({ isAdmin: true });
    const b = await makeUser({ isAdmin: true });
    await setUserDisabled({ actor: a, userId: b.userId, disabled: true });
    await expect(setUserDisabled({ actor: a, userId: a.userId, disabled: true })).rejects.toMatchObject({
      code: 'invalid:user',
    });
  });

  it('only the operator may force', async () => {
    const a = await makeUser({ isAdmin: true });
    const b = await makeUser({ isAdmin: true });
    await setUserDisabled({ actor: a, userId: b.userId, disabled: true });
    await expect(
      setAdministrator({ actor: a, userId: a.userId, admin: false, force: true }),
    ).rejects.toMatchObject({ code: 'conflict:user' });
  });
});

describe('promote and demote', () => {
  it('promotes an account and demotes it again, audited', async () => {
    const admin = await makeUser({ isAdmin: true });
    const analyst = await makeUser();
    await setAdministrator({ actor: null, email: analyst.email, admin: true });
    expect(isAdmin(analyst.userId)).toBe(true);
    await setAdministrator({ actor: admin, userId: analyst.userId, admin: false });
    expect(isAdmin(analyst.userId)).toBe(false);
    const actions = getDb()
      .select({ action: auditEvents.action, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(eq(auditEvents.objectId, analyst.userId))
      .all()
      .filter((e) => e.action.startsWith('user.admin'));
    expect(actions).toEqual([
      { action: 'user.admin_grant', actor: null },
      { action: 'user.admin_revoke', actor: admin.userId },
    ]);
  });

  const cases: { name: string; run: () => Promise<unknown>; code: string }[] = [
    {
      name: 'demoting the last active administrator (operator)',
      run: async () =>
        setAdministrator({ actor: null, userId: (await makeUser({ isAdmin: true })).userId, admin: false }),
      code: 'conflict:user',
    },
    {
      name: 'a non-administrator promoting',
      run: async () => {
        await makeUser({ isAdmin: true });
        const a = await makeUser();
        return setAdministrator({ actor: a, userId: a.userId, admin: true });
      },
      code: 'forbidden:user',
    },
    {
      name: 'promoting a disabled account',
      run: async () => {
        const admin = await makeUser({ isAdmin: true });
        const b = await makeUser();
        await setUserDisabled({ actor: admin, userId: b.userId, disabled: true });
        return setAdministrator({ actor: null, userId: b.userId, admin: true });
      },
      code: 'invalid:user',
    },
    {
      name: 'an unknown email',
      run: async () => setAdministrator({ actor: null, email: 'ghost@example.org', admin: true }),
      code: 'not_found:user',
    },
  ];
  it.each(cases)('refuses $name', async ({ run, code }) => {
    expect(await outcome(run())).toBe(code);
  });

  it('demotes the last administrator with force (operator), and sign-up stays closed', async () => {
    const only = await makeUser({ isAdmin: true });
    await setAdministrator({ actor: null, userId: only.userId, admin: false, force: true });
    expect(isAdmin(only.userId)).toBe(false);
    expect(await getSignUpMode()).toBe('invite-only');
  });

  it('lets an administrator step down while another stays', async () => {
    const a = await makeUser({ isAdmin: true });
    await makeUser({ isAdmin: true });
    await setAdministrator({ actor: a, userId: a.userId, admin: false });
    expect(isAdmin(a.userId)).toBe(false);
  });

  it('promoting an administrator again changes nothing and records nothing', async () => {
    const a = await makeUser({ isAdmin: true });
    await setAdministrator({ actor: null, userId: a.userId, admin: true });
    expect(
      getDb().select().from(auditEvents).where(eq(auditEvents.action, 'user.admin_grant')).all(),
    ).toHaveLength(0);
  });
});
