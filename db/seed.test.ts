import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/password';
import { bootstrap } from './bootstrap';
import { getDb } from './client';
import { auditEvents, claims, documents, memberships, settings, users, workspaces } from './schema';
import { DEMO_CONTENT_ACCOUNT, DEMO_WORKSPACE_NAME, RETIRED_DEMO_LOGIN, seedDemoIfEmpty } from './seed';
import { makeUser, makeWorkspace, signUpAndLoad, useFreshDatabase } from './testing';
import { createUser, getSignUpMode, setUserDisabled, signInWithPassword } from './queries/accounts';
import { createApiTokenForEmail, resolveApiToken } from './queries/api-tokens';
import { listMyWorkspaces } from './queries/workspaces';

beforeEach(() => {
  useFreshDatabase();
  delete process.env.WARRANT_SEED_DEMO;
  // bootstrap() would otherwise write a session secret beside the (in-memory) database: the repo root.
  process.env.AUTH_SECRET = 'test secret for the demo seed start-up tests';
});

afterEach(() => {
  delete process.env.AUTH_SECRET;
});

const demoWorkspaceId = () =>
  getDb().select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.isDemo, true)).get()!.id;
const membersOf = (workspaceId: string) =>
  getDb()
    .select({ email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .all();
const firstAccount = () => signUpAndLoad({ email: 'first@example.org', name: 'First' });

describe('the demo seed', () => {
  it('starts over when a first start died half-way through it (no mark, a partial demo left)', async () => {
    await seedDemoIfEmpty(getDb());
    // What a crash before the last step leaves: the content account and a demo workspace, no mark.
    getDb().delete(settings).where(eq(settings.key, 'demoSeededAt')).run();
    getDb().delete(documents).run();
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: true, ownerEmail: null });
    expect(
      getDb()
        .select()
        .from(workspaces)
        .all()
        .map((w) => [w.name, w.isDemo]),
    ).toEqual([[DEMO_WORKSPACE_NAME, true]]);
    expect(getDb().select({ title: documents.title }).from(documents).all()).toEqual([
      { title: 'The October exchange (demo brief)' },
    ]);
    expect(
      getDb().select().from(users).where(eq(users.email, DEMO_CONTENT_ACCOUNT.email)).all(),
    ).toHaveLength(1);
  });

  it('seeds an empty database once, owned by an account that cannot sign in', async () => {
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: true, ownerEmail: null });
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: false });
    expect(
      getDb()
        .select()
        .from(workspaces)
        .all()
        .map((w) => [w.name, w.isDemo]),
    ).toEqual([[DEMO_WORKSPACE_NAME, true]]);
    expect(
      getDb()
        .select()
        .from(documents)
        .all()
        .map((d) => [d.title, d.revisionCount]),
    ).toEqual([['The October exchange (demo brief)', 1]]);
    const counts = getDb()
      .$client.prepare(
        'select (select count(*) from claims) claims, (select count(*) from sources) sources, (select count(*) from evidence) evidence, (select count(*) from assessments) assessments',
      )
      .get();
    expect(counts).toEqual({ claims: 12, sources: 4, evidence: 10, assessments: 5 });
    // The review queue has something to show: competing ransom figures and a disputed claim.
    const contested = getDb()
      .select({ statement: claims.statement, contested: claims.contested })
      .from(claims)
      .all()
      .filter((c) => c.contested.length > 0)
      .map((c) => [c.statement, c.contested.map((r) => r.kind)]);
    expect(contested).toEqual([
      ['Mali released 206 prisoners', ['competing_values', 'mixed_evidence']],
      ['Fewer than 206 prisoners were released, by the ministry’s count', ['competing_values']],
      ['A ransom was paid for the hostages', ['mixed_evidence']],
      ['The ransom was 10 million euros', ['competing_values']],
      ['The ransom was 2.5 million euros', ['competing_values']],
      ['An intermediary in the talks worked for a foreign intelligence service', ['disputed']],
    ]);
    // No login: the content account is disabled and has no usable password; no published one works.
    const holder = getDb().select().from(users).all();
    expect(holder).toHaveLength(1);
    expect(holder[0]).toMatchObject({ email: DEMO_CONTENT_ACCOUNT.email, isDemo: true, isAdmin: false });
    expect(holder[0]!.disabledAt).toBeInstanceOf(Date);
    for (const attempt of [
      { email: DEMO_CONTENT_ACCOUNT.email, password: holder[0]!.passwordHash },
      { email: DEMO_CONTENT_ACCOUNT.email, password: 'warrant-demo-2026' },
      { email: RETIRED_DEMO_LOGIN, password: 'warrant-demo-2026' },
    ]) {
      expect((await signInWithPassword({ ...attempt, ip: '192.0.2.7' })).ok, attempt.password).toBe(false);
    }
    expect(await getSignUpMode()).toBe('first-admin');
  });

  it('does not re-seed after the demo workspace was deleted', async () => {
    await seedDemoIfEmpty(getDb());
    getDb().delete(workspaces).run();
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: false });
  });

  it('leaves a database that has workspaces alone, and can be turned off', async () => {
    await makeWorkspace(await makeUser());
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: false });
    useFreshDatabase();
    process.env.WARRANT_SEED_DEMO = 'false';
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: false });
    expect(getDb().select().from(users).all()).toHaveLength(0);
  });
});

describe('the first administrator receives the demo workspace', () => {
  it('through sign-up, in the transaction that creates them', async () => {
    await seedDemoIfEmpty(getDb());
    const first = await firstAccount();
    expect(first.isAdmin).toBe(true);
    const mine = await listMyWorkspaces({ actor: { userId: first.userId, isAdmin: true } });
    expect(mine.map((w) => [w.name, w.role, w.memberCount, w.isDemo])).toEqual([
      [DEMO_WORKSPACE_NAME, 'owner', 1, true],
    ]);
    expect(membersOf(demoWorkspaceId())).toEqual([{ email: 'first@example.org', role: 'owner' }]);
    const handover = getDb()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'workspace.demo_handover'))
      .all();
    expect(handover).toMatchObject([{ workspaceId: demoWorkspaceId(), details: { owner: first.userId } }]);
  });

  it('through the CLI (user create --admin), and not to accounts made later', async () => {
    await seedDemoIfEmpty(getDb());
    const analyst = await createUser({ email: 'analyst@example.org', password: 'a long enough password' });
    const { userId } = await createUser({
      email: 'ops@example.org',
      password: 'a long password',
      isAdmin: true,
    });
    const second = await createUser({
      email: 'ops2@example.org',
      password: 'a long password',
      isAdmin: true,
    });
    expect(membersOf(demoWorkspaceId())).toEqual([{ email: 'ops@example.org', role: 'owner' }]);
    for (const other of [analyst.userId, second.userId]) {
      expect(await listMyWorkspaces({ actor: { userId: other, isAdmin: false } })).toEqual([]);
    }
    expect(userId).toBeTruthy();
  });

  it('when the administrator was created (CLI) before the first start', async () => {
    await createUser({ email: 'ops@example.org', password: 'a long password', isAdmin: true });
    const lines: string[] = [];
    await bootstrap({ log: (l) => lines.push(l) });
    expect(membersOf(demoWorkspaceId())).toEqual([{ email: 'ops@example.org', role: 'owner' }]);
    expect(lines).toContain(`Seeded the demo workspace "${DEMO_WORKSPACE_NAME}", owned by ops@example.org.`);
  });

  it('says at first start who will receive it, and prints no password', async () => {
    const lines: string[] = [];
    await bootstrap({ log: (l) => lines.push(l) });
    expect(lines).toContain(
      `Seeded the demo workspace "${DEMO_WORKSPACE_NAME}": it will belong to the first account created (the administrator).`,
    );
    expect(lines.join('\n')).not.toMatch(/password|warrant-demo-2026/i);
  });
});

describe('a demo workspace that a real account owns', () => {
  it('is left alone at start, even when that owner is disabled', async () => {
    await seedDemoIfEmpty(getDb());
    const first = await firstAccount();
    const second = await makeUser({ email: 'second@example.org', isAdmin: true });
    await setUserDisabled({ actor: second, userId: first.userId, disabled: true });
    await bootstrap({ log: () => {} });
    expect(membersOf(demoWorkspaceId())).toEqual([{ email: 'first@example.org', role: 'owner' }]);
  });
});

describe('an older database with the published demo login', () => {
  /** The state the previous seed left: a demo login with a known password owning the workspace. */
  async function oldDemoLogin() {
    await seedDemoIfEmpty(getDb());
    const passwordHash = await hashPassword('warrant-demo-2026');
    getDb()
      .update(users)
      .set({ email: RETIRED_DEMO_LOGIN, passwordHash, disabledAt: null })
      .where(eq(users.isDemo, true))
      .run();
    expect(
      (
        await signInWithPassword({
          email: RETIRED_DEMO_LOGIN,
          password: 'warrant-demo-2026',
          ip: '192.0.2.1',
        })
      ).ok,
    ).toBe(true);
  }

  it('is disabled at start, its sessions and tokens end, and the start-up says so', async () => {
    await oldDemoLogin();
    const { token } = await createApiTokenForEmail({
      email: RETIRED_DEMO_LOGIN,
      name: 'old',
      expiresInDays: 30,
    });
    const lines: string[] = [];
    await bootstrap({ log: (l) => lines.push(l) });
    expect(lines).toContain(
      `Disabled the demo account ${RETIRED_DEMO_LOGIN}: its password was published. Its workspace stays.`,
    );
    expect(
      (
        await signInWithPassword({
          email: RETIRED_DEMO_LOGIN,
          password: 'warrant-demo-2026',
          ip: '192.0.2.2',
        })
      ).ok,
    ).toBe(false);
    expect(await resolveApiToken(token)).toBeNull();
    const again: string[] = [];
    await bootstrap({ log: (l) => again.push(l) });
    expect(again.join('\n')).not.toContain('Disabled the demo account');
  });

  it('its workspace goes to the first administrator who signs up afterwards', async () => {
    await oldDemoLogin();
    await bootstrap({ log: () => {} });
    await firstAccount();
    expect(membersOf(demoWorkspaceId())).toEqual([{ email: 'first@example.org', role: 'owner' }]);
  });

  it('its workspace goes to the existing administrator at start', async () => {
    await oldDemoLogin();
    await makeUser({ email: 'admin@example.org', isAdmin: true });
    // The older seed left the demo login as the workspace's owner after the administrator came.
    getDb().delete(memberships).where(eq(memberships.workspaceId, demoWorkspaceId())).run();
    const demoUser = getDb().select().from(users).where(eq(users.email, RETIRED_DEMO_LOGIN)).get()!;
    getDb()
      .insert(memberships)
      .values({ workspaceId: demoWorkspaceId(), userId: demoUser.id, role: 'owner' })
      .run();
    const lines: string[] = [];
    await bootstrap({ log: (l) => lines.push(l) });
    expect(membersOf(demoWorkspaceId())).toEqual([{ email: 'admin@example.org', role: 'owner' }]);
    expect(lines).toContain(
      `Gave the demo workspace "${DEMO_WORKSPACE_NAME}" to the administrator admin@example.org.`,
    );
  });
});
