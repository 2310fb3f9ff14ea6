import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/password';
import { bootstrap } from './bootstrap';
import { auditEvents, claims, documents, memberships, settings, users, workspaces } from './schema';
import { DEMO_CONTENT_ACCOUNT, DEMO_WORKSPACE_NAME, RETIRED_DEMO_LOGIN, seedDemoIfEmpty } from './seed';
import { freshSqliteStore, makeUser, makeWorkspace, signUpAndLoad } from './testing';
import type { SqliteStore } from './engines/sqlite';
import { first } from './store';
import { createUser, getSignUpMode, setUserDisabled, signInWithPassword } from './queries/accounts';
import { createApiTokenForEmail, resolveApiToken } from './queries/api-tokens';
import { getWorkspace, listMyWorkspaces } from './queries/workspaces';
import { getAgreement } from './queries/review-views';
import { getAgreementByTopic } from './queries/agreement-topics';
import { getReviewQueue } from './queries/review-queue';
import { getTopicAch } from './queries/ach';
import { getEvidenceTable } from './queries/evidence-table';
import { listWorkspaceTopics } from './queries/topics';
import { DEMO_ANALYSTS } from './demo-team';
import { CONTESTED_REASON_KINDS } from '@/lib/review/contested';
import { numberScale } from '@/lib/charts/number-line';

let store: SqliteStore;

beforeEach(async () => {
  store = await freshSqliteStore();
  delete process.env.WARRANT_SEED_DEMO;
  // bootstrap() would otherwise write a session secret beside the (in-memory) database: the repo root.
  process.env.AUTH_SECRET = 'test secret for the demo seed start-up tests';
});

afterEach(() => {
  delete process.env.AUTH_SECRET;
});

const demoWorkspaceId = async () =>
  (await first(store.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.isDemo, true))))!
    .id;
const byEmail = (a: { email: string }, b: { email: string }) => a.email.localeCompare(b.email);
const membersOf = async (workspaceId: string) =>
  (
    await store.db
      .select({ email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
  ).sort(byEmail);
/** The demo workspace's members once `owner` received it: the owner and the demo analysts. */
const demoMembers = (owner: string) =>
  [
    { email: owner, role: 'owner' },
    ...Object.values(DEMO_ANALYSTS).map((a) => ({ email: a.email, role: a.role })),
  ].sort(byEmail);
const firstAccount = () => signUpAndLoad(store, { email: 'first@example.org', name: 'First' });

describe('the demo seed', () => {
  it('starts over when a first start died half-way through it (no mark, a partial demo left)', async () => {
    await seedDemoIfEmpty(store);
    // What a crash before the last step leaves: the content account and a demo workspace, no mark.
    await store.transaction(async (tx) => {
      await tx.delete(settings).where(eq(settings.key, 'demoSeededAt'));
      await tx.delete(documents);
    });
    expect(await seedDemoIfEmpty(store)).toEqual({ seeded: true, ownerEmail: null });
    expect((await store.db.select().from(workspaces)).map((w) => [w.name, w.isDemo])).toEqual([
      [DEMO_WORKSPACE_NAME, true],
    ]);
    expect(
      (await store.db.select({ title: documents.title }).from(documents)).map((d) => d.title).sort(),
    ).toEqual(['Ransom figures, side by side (demo desk note)', 'The October exchange (demo brief)']);
    expect(await membersOf(await demoWorkspaceId())).toHaveLength(4);
    expect(
      await store.db.select().from(users).where(eq(users.email, DEMO_CONTENT_ACCOUNT.email)),
    ).toHaveLength(1);
  });

  it('seeds an empty database once, owned by an account that cannot sign in', async () => {
    expect(await seedDemoIfEmpty(store)).toEqual({ seeded: true, ownerEmail: null });
    expect(await seedDemoIfEmpty(store)).toEqual({ seeded: false });
    expect((await store.db.select().from(workspaces)).map((w) => [w.name, w.isDemo])).toEqual([
      [DEMO_WORKSPACE_NAME, true],
    ]);
    expect((await store.db.select().from(documents)).map((d) => [d.title, d.revisionCount])).toEqual([
      ['The October exchange (demo brief)', 1],
      ['Ransom figures, side by side (demo desk note)', 1],
    ]);
    const counts = store.connection
      .prepare(
        'select (select count(*) from claims) claims, (select count(*) from sources) sources, (select count(*) from evidence) evidence, (select count(*) from assessments) assessments',
      )
      .get();
    expect(counts).toEqual({ claims: 16, sources: 6, evidence: 19, assessments: 34 });
    // The review queue has something to show, each reason made by the contested rules themselves:
    // competing figures, mixed evidence, analysts who disagree and a disputed claim.
    const contested = (
      await store.db.select({ statement: claims.statement, contested: claims.contested }).from(claims)
    )
      .filter((c) => c.contested.length > 0)
      .map((c) => [c.statement, c.contested.map((r) => r.kind)]);
    expect(contested).toEqual([
      ['Mali released 206 prisoners', ['competing_values', 'mixed_evidence']],
      ['Fewer than 206 prisoners were released, by the ministry’s count', ['competing_values']],
      ['A ransom was paid for the hostages', ['mixed_evidence']],
      ['The ransom was 10 million euros', ['competing_values', 'mixed_evidence', 'analysts_disagree']],
      ['The ransom was 2.5 million euros', ['competing_values']],
      ['An intermediary in the talks worked for a foreign intelligence service', ['disputed']],
      ['The ransom was 400,000 euros', ['competing_values', 'mixed_evidence']],
      ['The ransom was 12 million US dollars', ['mixed_evidence', 'analysts_disagree']],
    ]);
    // No login: the content account and the analysts are disabled and have no usable password; no
    // published one works.
    const holders = await store.db.select().from(users);
    expect(holders.map((u) => u.email).sort()).toEqual(
      [DEMO_CONTENT_ACCOUNT.email, ...Object.values(DEMO_ANALYSTS).map((a) => a.email)].sort(),
    );
    for (const holder of holders) {
      expect(holder).toMatchObject({ isDemo: true, isAdmin: false });
      expect(holder.disabledAt).toBeInstanceOf(Date);
    }
    for (const attempt of [
      ...holders.flatMap((h) => [
        { email: h.email, password: h.passwordHash },
        { email: h.email, password: 'warrant-demo-2026' },
      ]),
      { email: RETIRED_DEMO_LOGIN, password: 'warrant-demo-2026' },
    ]) {
      expect((await signInWithPassword(store, { ...attempt, ip: '192.0.2.7' })).ok, attempt.password).toBe(
        false,
      );
    }
    expect(await getSignUpMode(store)).toBe('first-admin');
  });

  it('does not re-seed after the demo workspace was deleted', async () => {
    await seedDemoIfEmpty(store);
    await store.transaction(async (tx) => {
      await tx.delete(workspaces);
    });
    expect(await seedDemoIfEmpty(store)).toEqual({ seeded: false });
  });

  it('leaves a database that has workspaces alone, and can be turned off', async () => {
    await makeWorkspace(store, await makeUser(store));
    expect(await seedDemoIfEmpty(store)).toEqual({ seeded: false });
    store = await freshSqliteStore();
    process.env.WARRANT_SEED_DEMO = 'false';
    expect(await seedDemoIfEmpty(store)).toEqual({ seeded: false });
    expect(await store.db.select().from(users)).toHaveLength(0);
  });
});

describe('the first administrator receives the demo workspace', () => {
  it('through sign-up, in the transaction that creates them', async () => {
    await seedDemoIfEmpty(store);
    const firstAdmin = await firstAccount();
    expect(firstAdmin.isAdmin).toBe(true);
    const mine = await listMyWorkspaces(store, { actor: { userId: firstAdmin.userId, isAdmin: true } });
    expect(mine.map((w) => [w.name, w.role, w.memberCount, w.isDemo])).toEqual([
      [DEMO_WORKSPACE_NAME, 'owner', 4, true],
    ]);
    expect(await membersOf(await demoWorkspaceId())).toEqual(demoMembers('first@example.org'));
    const handover = await store.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'workspace.demo_handover'));
    expect(handover).toMatchObject([
      { workspaceId: await demoWorkspaceId(), details: { owner: firstAdmin.userId } },
    ]);
  });

  it('through the CLI (user create --admin), and not to accounts made later', async () => {
    await seedDemoIfEmpty(store);
    const analyst = await createUser(store, {
      email: 'analyst@example.org',
      password: 'a long enough password',
    });
    const { userId } = await createUser(store, {
      email: 'ops@example.org',
      password: 'a long password',
      isAdmin: true,
    });
    const second = await createUser(store, {
      email: 'ops2@example.org',
      password: 'a long password',
      isAdmin: true,
    });
    expect(await membersOf(await demoWorkspaceId())).toEqual(demoMembers('ops@example.org'));
    for (const other of [analyst.userId, second.userId]) {
      expect(await listMyWorkspaces(store, { actor: { userId: other, isAdmin: false } })).toEqual([]);
    }
    expect(userId).toBeTruthy();
  });

  it('when the administrator was created (CLI) before the first start', async () => {
    await createUser(store, { email: 'ops@example.org', password: 'a long password', isAdmin: true });
    const lines: string[] = [];
    await bootstrap(store, { log: (l) => lines.push(l) });
    expect(await membersOf(await demoWorkspaceId())).toEqual(demoMembers('ops@example.org'));
    expect(lines).toContain(`Seeded the demo workspace "${DEMO_WORKSPACE_NAME}", owned by ops@example.org.`);
  });

  it('says at first start who will receive it, and prints no password', async () => {
    const lines: string[] = [];
    await bootstrap(store, { log: (l) => lines.push(l) });
    expect(lines).toContain(
      `Seeded the demo workspace "${DEMO_WORKSPACE_NAME}": it will belong to the first account created (the administrator).`,
    );
    expect(lines.join('\n')).not.toMatch(/password|warrant-demo-2026/i);
  });
});

describe('the demo workspace shows every feature to its owner', () => {
  /** The first administrator, who receives the demo, and the demo's id. */
  async function ownerOfDemo() {
    await seedDemoIfEmpty(store);
    const admin = await firstAccount();
    return { actor: { userId: admin.userId, isAdmin: true }, workspaceId: await demoWorkspaceId() };
  }

  it('has blind assessments, and the agreement over what the owner may see is a real alpha', async () => {
    const { actor, workspaceId } = await ownerOfDemo();
    expect((await getWorkspace(store, { actor, workspaceId })).blindAssessments).toBe(true);
    const agreement = await getAgreement(store, { actor, workspaceId });
    expect(agreement.alpha).not.toBeNull();
    expect(agreement.alpha).toBeGreaterThan(0);
    expect(agreement.alpha).toBeLessThan(1);
    expect(agreement.interpretation).not.toMatch(/cannot/i);
    expect(agreement.raters).toBe(4);
    expect(agreement.units).toBe(6);
    // Blind at work: the claims only analysts assessed are left out until the owner assesses them.
    expect(agreement.hiddenClaims).toBe(5);
    expect(agreement.drivers[0]).toMatchObject({ statement: 'The ransom was 10 million euros' });
    const byTopic = await getAgreementByTopic(store, { actor, workspaceId });
    expect(byTopic.topics.find((t) => t.question === 'Was a ransom paid?')?.alpha).toEqual(
      expect.any(Number),
    );
  });

  it('its review queue has every contested reason, as the owner reads them', async () => {
    const { actor, workspaceId } = await ownerOfDemo();
    const queue = await getReviewQueue(store, { actor, workspaceId });
    const kinds = new Set(queue.items.flatMap((i) => i.reasons.map((r) => r.kind)));
    expect([...kinds].sort()).toEqual([...CONTESTED_REASON_KINDS].sort());
    const reasons = (statement: string) => queue.items.find((i) => i.statement === statement)!.reasons;
    // The owner assessed the €10M claim (the demo content account's assessment became theirs): they
    // see who said what. Not the $12M claim: that disagreement stays blind until they assess it.
    expect(
      reasons('The ransom was 10 million euros').find((r) => r.kind === 'analysts_disagree')?.detail,
    ).toMatch(/^Analysts disagree on likelihood .*Tomas Lindqvist rates it likely .*First rates it unlikely/);
    expect(
      reasons('The ransom was 12 million US dollars').find((r) => r.kind === 'analysts_disagree')?.detail,
    ).toBe('Analysts disagree. Record your own assessment to see who said what (blind assessments).');
    expect(reasons('An intermediary in the talks worked for a foreign intelligence service')).toMatchObject([
      { kind: 'disputed', detail: expect.stringContaining('Mariam Coulibaly') },
    ]);
  });

  it('its ransom topic has an ACH matrix and a number line of several figures', async () => {
    const { actor, workspaceId } = await ownerOfDemo();
    const topic = (await listWorkspaceTopics(store, { actor, workspaceId })).find(
      (t) => t.question === 'How much ransom was paid?',
    )!;
    const ach = await getTopicAch(store, { actor, workspaceId, topicId: topic.id });
    expect(ach.hypotheses.length).toBeGreaterThanOrEqual(5);
    const stances = new Set(ach.rows.flatMap((r) => r.cells.map((c) => c.stance)));
    expect(stances).toEqual(new Set([null, 'supports', 'contradicts', 'mentions']));
    // A source consistent with one figure and inconsistent with another: the matrix is diagnostic.
    expect(ach.rows.some((r) => r.diagnosticity > 0)).toBe(true);
    const table = await getEvidenceTable(store, {
      actor,
      workspaceId,
      filters: { topic: topic.id },
      baseUrl: '',
      view: 'claims',
    });
    const quantities = table.claims.flatMap((c) => (c.quantity ? [c.quantity] : []));
    expect(new Set(quantities.map((q) => q.unit))).toEqual(new Set(['EUR', 'USD', 'XOF']));
    const euros = quantities.filter((q) => q.unit === 'EUR').map((q) => q.min);
    expect(euros.sort((a, b) => a - b)).toEqual([400_000, 2_500_000, 10_000_000]);
    // They span more than a factor of 20: the number line draws them on a logarithmic scale.
    expect(numberScale(euros).kind).toBe('log');
  });
});

describe('a demo workspace that a real account owns', () => {
  it('is left alone at start, even when that owner is disabled', async () => {
    await seedDemoIfEmpty(store);
    const firstAdmin = await firstAccount();
    const second = await makeUser(store, { email: 'second@example.org', isAdmin: true });
    await setUserDisabled(store, { actor: second, userId: firstAdmin.userId, disabled: true });
    await bootstrap(store, { log: () => {} });
    expect(await membersOf(await demoWorkspaceId())).toEqual(demoMembers('first@example.org'));
  });
});

describe('an older database with the published demo login', () => {
  /** The state the previous seed left: a demo login with a known password owning the workspace. */
  async function oldDemoLogin() {
    await seedDemoIfEmpty(store);
    const passwordHash = await hashPassword('warrant-demo-2026');
    await store.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ email: RETIRED_DEMO_LOGIN, passwordHash, disabledAt: null })
        .where(eq(users.email, DEMO_CONTENT_ACCOUNT.email));
    });
    expect(
      (
        await signInWithPassword(store, {
          email: RETIRED_DEMO_LOGIN,
          password: 'warrant-demo-2026',
          ip: '192.0.2.1',
        })
      ).ok,
    ).toBe(true);
  }

  it('is disabled at start, its sessions and tokens end, and the start-up says so', async () => {
    await oldDemoLogin();
    const { token } = await createApiTokenForEmail(store, {
      email: RETIRED_DEMO_LOGIN,
      name: 'old',
      expiresInDays: 30,
    });
    const lines: string[] = [];
    await bootstrap(store, { log: (l) => lines.push(l) });
    expect(lines).toContain(
      `Disabled the demo account ${RETIRED_DEMO_LOGIN}: its password was published. Its workspace stays.`,
    );
    expect(
      (
        await signInWithPassword(store, {
          email: RETIRED_DEMO_LOGIN,
          password: 'warrant-demo-2026',
          ip: '192.0.2.2',
        })
      ).ok,
    ).toBe(false);
    expect(await resolveApiToken(store, token)).toBeNull();
    const again: string[] = [];
    await bootstrap(store, { log: (l) => again.push(l) });
    expect(again.join('\n')).not.toContain('Disabled the demo account');
  });

  it('its workspace goes to the first administrator who signs up afterwards', async () => {
    await oldDemoLogin();
    await bootstrap(store, { log: () => {} });
    await firstAccount();
    expect(await membersOf(await demoWorkspaceId())).toEqual(demoMembers('first@example.org'));
  });

  it('its workspace goes to the existing administrator at start', async () => {
    await oldDemoLogin();
    await makeUser(store, { email: 'admin@example.org', isAdmin: true });
    // The older seed left the demo login as the workspace's owner after the administrator came.
    const demoId = await demoWorkspaceId();
    await store.transaction(async (tx) => {
      await tx
        .delete(memberships)
        .where(and(eq(memberships.workspaceId, demoId), eq(memberships.role, 'owner')));
      const demoUser = (await first(tx.select().from(users).where(eq(users.email, RETIRED_DEMO_LOGIN))))!;
      await tx.insert(memberships).values({ workspaceId: demoId, userId: demoUser.id, role: 'owner' });
    });
    const lines: string[] = [];
    await bootstrap(store, { log: (l) => lines.push(l) });
    expect(await membersOf(await demoWorkspaceId())).toEqual(demoMembers('admin@example.org'));
    expect(lines).toContain(
      `Gave the demo workspace "${DEMO_WORKSPACE_NAME}" to the administrator admin@example.org.`,
    );
  });
});
