/**
 * Authorization for workspace data. Every query of a workspace goes through `authorize`, which
 * reads the actor's membership in the same transaction: not a member → not_found (as if the
 * workspace did not exist); a member without the permission → forbidden.
 */
import { and, eq } from 'drizzle-orm';
import { can, type Action, type Role } from '@/lib/permissions';
import { AppError, notFound } from '@/lib/errors';
import { memberships, workspaces } from '../schema';
import { first, type Db } from '../store';

/** Who is acting: a signed-in user (through a session or, later, an API token). */
export interface Actor {
  userId: string;
  isAdmin: boolean;
  sessionId?: string;
  ip?: string;
}

export async function roleIn(tx: Db, actor: Actor, workspaceId: string): Promise<Role | null> {
  const row = await first(
    tx
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, actor.userId)))
      .limit(1),
  );
  return row?.role ?? null;
}

/** Returns the actor's role when they may do `action` in the workspace; throws otherwise. */
export function authorize(tx: Db, actor: Actor, workspaceId: string, action: Action): Promise<Role> {
  return authorizeAs(tx, actor, workspaceId, action, 'workspace');
}

/**
 * As `authorize`, for a row that belongs to a workspace: a non-member is told the row itself does
 * not exist (`not_found:<object>`), never that its workspace does.
 */
export async function authorizeAs(
  tx: Db,
  actor: Actor,
  workspaceId: string,
  action: Action,
  object: string,
): Promise<Role> {
  const role = await roleIn(tx, actor, workspaceId);
  if (!role) throw notFound(object);
  if (!can(role, action)) {
    throw new AppError('forbidden', 'workspace', `Your role (${role}) does not allow this.`);
  }
  return role;
}
