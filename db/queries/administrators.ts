/**
 * Administrators of the instance: the first one (which initialises the instance, once, and
 * receives the demo workspace), promoting and demoting, and the rule that the last active
 * administrator is neither disabled nor demoted by accident (the operator may, with force).
 */
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { AppError, invalid, notFound } from '@/lib/errors';
import type { Db, Tx } from '../client';
import { getDb } from '../client';
import { memberships, users, workspaces } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { readSetting, writeSetting } from './settings';

/**
 * Whether the instance has had an administrator: recorded once (`initialisedAt`), or any
 * administrator account exists, even a disabled one. Once true, "the first account becomes
 * administrator" never applies again.
 */
export function isInitialised(tx: Tx | Db): boolean {
  if (readSetting(tx, 'initialisedAt') != null) return true;
  return tx.select({ id: users.id }).from(users).where(eq(users.isAdmin, true)).limit(1).get() != null;
}

/** At start: an older database that already has an administrator is recorded as initialised. */
export function markInitialisedIfAdministrator(db: Db): boolean {
  return db.transaction(
    (tx) => {
      if (readSetting(tx, 'initialisedAt') != null || !isInitialised(tx)) return false;
      writeSetting(tx, 'initialisedAt', Date.now());
      audit(tx, {
        actorUserId: null,
        action: 'instance.initialise',
        details: { from: 'existing_administrator' },
      });
      return true;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Inside the transaction that creates the instance's first administrator: record that the
 * instance is initialised and hand them the demo workspace.
 */
export function onFirstAdministrator(tx: Tx, userId: string): void {
  writeSetting(tx, 'initialisedAt', Date.now());
  audit(tx, {
    actorUserId: userId,
    action: 'instance.initialise',
    objectType: 'user',
    objectId: userId,
    details: { from: 'first_administrator' },
  });
  handDemoWorkspacesTo(tx, userId);
}

/**
 * Demo workspaces that no real account owns (only demo accounts, which cannot sign in) get
 * `userId` as their owner; the demo accounts leave them. Returns their ids.
 */
export function handDemoWorkspacesTo(tx: Tx, userId: string): string[] {
  const demoUserIds = tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.isDemo, true))
    .all()
    .map((u) => u.id);
  const handed: string[] = [];
  for (const { id: workspaceId } of tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.isDemo, true))
    .all()) {
    const realOwner = tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner'), eq(users.isDemo, false)),
      )
      .get();
    if (realOwner) continue;
    if (demoUserIds.length) {
      tx.delete(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, demoUserIds)))
        .run();
    }
    tx.insert(memberships)
      .values({ workspaceId, userId, role: 'owner' })
      .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: 'owner' } })
      .run();
    audit(tx, {
      actorUserId: null,
      workspaceId,
      action: 'workspace.demo_handover',
      objectType: 'workspace',
      objectId: workspaceId,
      details: { owner: userId },
    });
    handed.push(workspaceId);
  }
  return handed;
}

/** The oldest active administrator, if any (the start-up hands orphaned demo workspaces to them). */
export function oldestActiveAdministrator(tx: Tx | Db): string | null {
  return (
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.isAdmin, true), eq(users.isDemo, false), isNull(users.disabledAt)))
      .orderBy(asc(users.createdAt))
      .limit(1)
      .get()?.id ?? null
  );
}

/**
 * Refuses to leave the instance without an active administrator when `userId` stops being one
 * (disabled or demoted). The operator (actor null) may force it; an administrator may not.
 */
export function assertAnotherActiveAdministrator(
  tx: Tx,
  userId: string,
  { actor, force }: { actor: Actor | null; force?: boolean },
): { forced: boolean } {
  const target = tx
    .select({ isAdmin: users.isAdmin, isDemo: users.isDemo, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!target?.isAdmin || target.isDemo || target.disabledAt) return { forced: false };
  const other = tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.isAdmin, true), eq(users.isDemo, false), isNull(users.disabledAt), ne(users.id, userId)),
    )
    .limit(1)
    .get();
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

function findUserId(tx: Tx, { userId, email }: { userId?: string; email?: string }): string {
  const row = tx
    .select({ id: users.id })
    .from(users)
    .where(userId ? eq(users.id, userId) : eq(users.email, (email ?? '').trim().toLowerCase()))
    .get();
  if (row) return row.id;
  if (email && !userId) throw new AppError('not_found', 'user', `No account has the email ${email}.`);
  throw notFound('user');
}

/**
 * Grants or removes administrator rights: by an administrator (web) or the operator (CLI, actor
 * null). The last active administrator is kept unless the operator forces it.
 */
export async function setAdministrator({
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
}): Promise<{ changed: boolean }> {
  if (actor && !actor.isAdmin) throw new AppError('forbidden', 'user', 'Only an administrator can do this.');
  return getDb().transaction(
    (tx) => {
      const id = findUserId(tx, { userId, email });
      const user = tx.select().from(users).where(eq(users.id, id)).get()!;
      if (user.isAdmin === admin) return { changed: false };
      if (admin && user.isDemo) throw invalid('user', 'The demo content account cannot sign in.');
      if (admin && user.disabledAt) throw invalid('user', 'This account is disabled. Enable it first.');
      const { forced } = admin
        ? { forced: false }
        : assertAnotherActiveAdministrator(tx, id, { actor, force });
      tx.update(users).set({ isAdmin: admin }).where(eq(users.id, id)).run();
      if (admin && !isInitialisedBefore(tx)) onFirstAdministrator(tx, id);
      audit(tx, {
        actorUserId: actor?.userId ?? null,
        action: admin ? 'user.admin_grant' : 'user.admin_revoke',
        objectType: 'user',
        objectId: id,
        ip: actor?.ip,
        details: forced ? { forced } : undefined,
      });
      return { changed: true };
    },
    { behavior: 'immediate' },
  );
}

/** Whether the instance was initialised before this transaction's own change (the setting). */
function isInitialisedBefore(tx: Tx): boolean {
  return readSetting(tx, 'initialisedAt') != null;
}
