/**
 * Administrators of the instance: the first one (which initialises the instance, once, and
 * receives the demo workspace), promoting and demoting, and the rule that the last active
 * administrator is neither disabled nor demoted by accident (the operator may, with force).
 */
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { AppError, invalid, notFound } from '@/lib/errors';
import { first, type Db, type Store, type Tx } from '../store';
import { assessments, claims, memberships, users, workspaces } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { readSetting, writeSetting } from './settings';
import { refreshContested } from './contested';

/**
 * Whether the instance has had an administrator: recorded once (`initialisedAt`), or any
 * administrator account exists, even a disabled one. Once true, "the first account becomes
 * administrator" never applies again.
 */
export async function isInitialised(tx: Db): Promise<boolean> {
  if ((await readSetting(tx, 'initialisedAt')) != null) return true;
  return (
    (await first(tx.select({ id: users.id }).from(users).where(eq(users.isAdmin, true)).limit(1))) != null
  );
}

/**
 * At start: an older database that already has an administrator is recorded as initialised (in
 * a write transaction of its own).
 */
export async function markInitialisedIfAdministrator(store: Store): Promise<boolean> {
  return store.transaction(async (tx) => {
    if ((await readSetting(tx, 'initialisedAt')) != null || !(await isInitialised(tx))) return false;
    await writeSetting(tx, 'initialisedAt', Date.now());
    await audit(tx, {
      actorUserId: null,
      action: 'instance.initialise',
      details: { from: 'existing_administrator' },
    });
    return true;
  });
}

/**
 * Inside the transaction that creates the instance's first administrator: record that the
 * instance is initialised and hand them the demo workspace.
 */
export async function onFirstAdministrator(tx: Tx, userId: string): Promise<void> {
  await writeSetting(tx, 'initialisedAt', Date.now());
  await audit(tx, {
    actorUserId: userId,
    action: 'instance.initialise',
    objectType: 'user',
    objectId: userId,
    details: { from: 'first_administrator' },
  });
  await handDemoWorkspacesTo(tx, userId);
}

/**
 * Demo workspaces that no real account owns (only demo accounts, which cannot sign in) get
 * `userId` as their owner. The demo accounts that owned them (the content account) leave, and
 * their assessments there become the new owner's: under blind assessments an owner without any
 * would see none of the analysts' judgments, and the Agreement page would stay empty; the demo is
 * theirs now, its owner's judgments with it (the handover's audit event counts them). Their
 * claims' contested reasons are computed again, so that "analysts disagree" names the new owner.
 * The demo analysts (members, not owners) stay. Returns the workspaces' ids.
 */
export async function handDemoWorkspacesTo(tx: Tx, userId: string): Promise<string[]> {
  const handed: string[] = [];
  for (const { id: workspaceId } of await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.isDemo, true))) {
    const owners = await tx
      .select({ userId: memberships.userId, isDemo: users.isDemo })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
    if (owners.some((o) => !o.isDemo)) continue;
    const leaving = owners.map((o) => o.userId).filter((id) => id !== userId);
    const moved = leaving.length ? await takeOverAssessments(tx, workspaceId, leaving, userId) : [];
    if (leaving.length) {
      await tx
        .delete(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, leaving)));
    }
    await tx
      .insert(memberships)
      .values({ workspaceId, userId, role: 'owner' })
      .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: 'owner' } });
    await refreshContested(tx, moved);
    await audit(tx, {
      actorUserId: null,
      workspaceId,
      action: 'workspace.demo_handover',
      objectType: 'workspace',
      objectId: workspaceId,
      details: { owner: userId, assessments: moved.length },
    });
    handed.push(workspaceId);
  }
  return handed;
}

/**
 * The assessments of `from` on the workspace's claims become `to`'s, except on claims `to` has
 * assessed already (theirs is kept). Returns the claims whose assessment moved.
 */
async function takeOverAssessments(
  tx: Tx,
  workspaceId: string,
  from: string[],
  to: string,
): Promise<string[]> {
  const rows = await tx
    .select({ id: assessments.id, claimId: assessments.claimId })
    .from(assessments)
    .innerJoin(claims, eq(claims.id, assessments.claimId))
    .where(and(eq(claims.workspaceId, workspaceId), inArray(assessments.userId, from)));
  const own = new Set(
    (
      await tx
        .select({ claimId: assessments.claimId })
        .from(assessments)
        .innerJoin(claims, eq(claims.id, assessments.claimId))
        .where(and(eq(claims.workspaceId, workspaceId), eq(assessments.userId, to)))
    ).map((r) => r.claimId),
  );
  const moved: string[] = [];
  for (const row of rows) {
    if (own.has(row.claimId)) continue;
    own.add(row.claimId);
    await tx.update(assessments).set({ userId: to }).where(eq(assessments.id, row.id));
    moved.push(row.claimId);
  }
  return moved;
}

/** The oldest active administrator, if any (the start-up hands orphaned demo workspaces to them). */
export async function oldestActiveAdministrator(tx: Db): Promise<string | null> {
  const row = await first(
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.isAdmin, true), eq(users.isDemo, false), isNull(users.disabledAt)))
      .orderBy(asc(users.createdAt))
      .limit(1),
  );
  return row?.id ?? null;
}

/**
 * Refuses to leave the instance without an active administrator when `userId` stops being one
 * (disabled or demoted). The operator (actor null) may force it; an administrator may not.
 */
export async function assertAnotherActiveAdministrator(
  tx: Tx,
  userId: string,
  { actor, force }: { actor: Actor | null; force?: boolean },
): Promise<{ forced: boolean }> {
  const target = await first(
    tx
      .select({ isAdmin: users.isAdmin, isDemo: users.isDemo, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1),
  );
  if (!target?.isAdmin || target.isDemo || target.disabledAt) return { forced: false };
  const other = await first(
    tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.isAdmin, true), eq(users.isDemo, false), isNull(users.disabledAt), ne(users.id, userId)),
      )
      .limit(1),
  );
  if (other) return { forced: false };
  if (actor === null && force) return { forced: true };
  throw new AppError(
    'conflict',
    'user',
    `This is the last active administrator. Make another account administrator first${
      actor === null ? ' (user promote), or use --force' : ''
    }.`,
  );
}

async function findUserId(tx: Tx, { userId, email }: { userId?: string; email?: string }): Promise<string> {
  const row = await first(
    tx
      .select({ id: users.id })
      .from(users)
      .where(userId ? eq(users.id, userId) : eq(users.email, (email ?? '').trim().toLowerCase()))
      .limit(1),
  );
  if (row) return row.id;
  if (email && !userId) throw new AppError('not_found', 'user', `No account has the email ${email}.`);
  throw notFound('user');
}

/**
 * Grants or removes administrator rights: by an administrator (web) or the operator (CLI, actor
 * null). The last active administrator is kept unless the operator forces it.
 */
export async function setAdministrator(
  store: Store,
  {
    actor,
    userId,
    email,
    admin,
    force,
  }: {
    actor: Actor | null;
    userId?: string;
    email?: string;
    admin: boolean;
    force?: boolean;
  },
): Promise<{ changed: boolean }> {
  if (actor && !actor.isAdmin) throw new AppError('forbidden', 'user', 'Only an administrator can do this.');
  return store.transaction(async (tx) => {
    const id = await findUserId(tx, { userId, email });
    const user = (await first(tx.select().from(users).where(eq(users.id, id)).limit(1)))!;
    if (user.isAdmin === admin) return { changed: false };
    if (admin && user.isDemo) throw invalid('user', 'The demo content account cannot sign in.');
    if (admin && user.disabledAt) throw invalid('user', 'This account is disabled. Enable it first.');
    const { forced } = admin
      ? { forced: false }
      : await assertAnotherActiveAdministrator(tx, id, { actor, force });
    await tx.update(users).set({ isAdmin: admin }).where(eq(users.id, id));
    if (admin && !(await isInitialisedBefore(tx))) await onFirstAdministrator(tx, id);
    await audit(tx, {
      actorUserId: actor?.userId ?? null,
      action: admin ? 'user.admin_grant' : 'user.admin_revoke',
      objectType: 'user',
      objectId: id,
      ip: actor?.ip,
      details: forced ? { forced } : undefined,
    });
    return { changed: true };
  });
}

/** Whether the instance was initialised before this transaction's own change (the setting). */
async function isInitialisedBefore(tx: Tx): Promise<boolean> {
  return (await readSetting(tx, 'initialisedAt')) != null;
}
