/**
 * In-app notifications: mentions, assignments, decisions on my claims, replies to my comments, an
 * assessment of mine a decision overruled, my claim becoming contested (and why), and a claim I
 * wrote or accepted edited afterwards.
 */
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { first, type Store, type Tx } from '../store';
import { emit } from './outbox';
import { memberships, notifications, users, workspaces, type NotificationKind } from '../schema';
import type { Actor } from './access';

/** A statement or text cut for a notification (at most `max` characters, with "…"). */
export const excerpt = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface NotificationInput {
  workspaceId: string;
  kind: NotificationKind;
  claimId: string | null;
  text: string;
}

/**
 * Notifies members inside the write's transaction. Nobody is notified of their own action, and
 * only current members of the workspace are (a mention of a former member notifies nobody).
 * Their open pages are told (a live event of the outbox, in the same transaction). Returns who was
 * notified.
 */
export async function notify(
  tx: Tx,
  actor: Actor,
  recipients: (string | null)[],
  input: NotificationInput,
): Promise<string[]> {
  const wanted = [...new Set(recipients.filter((r): r is string => !!r && r !== actor.userId))];
  if (wanted.length === 0) return [];
  const members = (
    await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, input.workspaceId), inArray(memberships.userId, wanted)))
  ).map((m) => m.userId);
  for (const userId of members) {
    await tx.insert(notifications).values({ id: randomUUID(), userId, actorId: actor.userId, ...input });
  }
  if (members.length)
    await emit(tx, { type: 'notifications', workspaceId: input.workspaceId, userIds: members });
  return members;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  text: string;
  workspaceId: string;
  workspaceName: string;
  claimId: string | null;
  actorName: string | null;
  createdAt: Date;
  read: boolean;
}

/** The actor's notifications, newest first, in workspaces they still belong to. */
export async function listNotifications(
  store: Store,
  {
    actor,
    limit = 100,
  }: {
    actor: Actor;
    limit?: number;
  },
): Promise<NotificationView[]> {
  const actorUser = users;
  const rows = await store.db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      text: notifications.text,
      workspaceId: notifications.workspaceId,
      workspaceName: workspaces.name,
      claimId: notifications.claimId,
      actorName: actorUser.name,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(workspaces, eq(workspaces.id, notifications.workspaceId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.workspaceId, notifications.workspaceId),
        eq(memberships.userId, notifications.userId),
      ),
    )
    .leftJoin(actorUser, eq(actorUser.id, notifications.actorId))
    .where(eq(notifications.userId, actor.userId))
    .orderBy(desc(notifications.createdAt))
    .limit(Math.min(limit, 500));
  return rows.map(({ readAt, ...n }) => ({ ...n, read: readAt !== null }));
}

export async function unreadNotificationCount(store: Store, { actor }: { actor: Actor }): Promise<number> {
  const row = await first(
    store.db
      .select({ n: count() })
      .from(notifications)
      .innerJoin(
        memberships,
        and(
          eq(memberships.workspaceId, notifications.workspaceId),
          eq(memberships.userId, notifications.userId),
        ),
      )
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt))),
  );
  return row?.n ?? 0;
}

/** Marks the actor's own notifications read (the given ones, or all). Others' ids are ignored. */
export async function markNotificationsRead(
  store: Store,
  { actor, ids }: { actor: Actor; ids: string[] | 'all' },
) {
  const marked = await store.transaction((tx) =>
    tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.userId, actor.userId),
          isNull(notifications.readAt),
          ids === 'all' ? undefined : inArray(notifications.id, ids.length ? ids : ['']),
        ),
      )
      .returning({ id: notifications.id }),
  );
  return { marked: marked.length };
}
