/** Reading the audit log: a workspace's recent events, for its owners. */
import { desc, eq } from 'drizzle-orm';
import type { Store } from '../store';
import { auditEvents, users } from '../schema';
import { authorize, type Actor } from './access';

export async function listWorkspaceAuditEvents(
  store: Store,
  {
    actor,
    workspaceId,
    limit = 100,
  }: {
    actor: Actor;
    workspaceId: string;
    limit?: number;
  },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'members.manage');
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      objectType: auditEvents.objectType,
      objectId: auditEvents.objectId,
      details: auditEvents.details,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.workspaceId, workspaceId))
    .orderBy(desc(auditEvents.id))
    .limit(Math.min(Math.max(limit, 1), 500));
}
