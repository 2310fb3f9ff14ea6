/**
 * Discussion on a claim: Markdown comments (rendered and sanitized by lib/review/comment-markdown),
 * replies one level deep, @mentions of members, resolve / reopen of a thread, and edit and delete
 * of one's own comments. Mentions and replies notify; everything is audited on the claim.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, invalid, notFound } from '@/lib/errors';
import { renderComment } from '@/lib/review/comment-markdown';
import { ambiguityMessage, mentionLabels } from '@/lib/review/mentions';
import { first, type Db, type Store, type Tx } from '../store';
import { audit } from '../audit';
import { comments, memberships, users, type Comment } from '../schema';
import type { Actor } from './access';
import { loadClaim } from './claims';
import { notify } from './notifications';
import { deliverCommitted, emit } from './outbox';

const excerpt = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

async function workspaceMembers(tx: Db, workspaceId: string) {
  return tx
    .select({ id: users.id, name: users.name, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
}

async function loadComment(
  tx: Db,
  actor: Actor,
  commentId: string,
  action: 'workspace.read' | 'comment.write',
) {
  const row = await first(tx.select().from(comments).where(eq(comments.id, commentId)).limit(1));
  if (!row || row.deletedAt) throw notFound('comment');
  try {
    const claim = await loadClaim(tx, actor, row.claimId, action);
    return { row, claim };
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') throw notFound('comment');
    throw error;
  }
}

async function actorName(tx: Db, actor: Actor) {
  return (
    (await first(tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).limit(1)))
      ?.name ?? 'A member'
  );
}

/** Runs a comment write (one transaction, which tells open pages: an event of the outbox). */
async function commentWrite<T extends { claimId: string; workspaceId: string; notified: string[] }>(
  store: Store,
  actor: Actor,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const result = await store.transaction(async (tx) => {
    const written = await fn(tx);
    await emit(tx, {
      type: 'comments',
      workspaceId: written.workspaceId,
      claimId: written.claimId,
      actorId: actor.userId,
    });
    return written;
  });
  await deliverCommitted(store);
  return result;
}

export async function addComment(
  store: Store,
  {
    actor,
    claimId,
    body,
    parentId,
  }: {
    actor: Actor;
    claimId: string;
    body: string;
    parentId?: string | null;
  },
) {
  return commentWrite(store, actor, async (tx) => {
    const claim = await loadClaim(tx, actor, claimId, 'comment.write');
    let parent: Comment | undefined;
    let repliedTo: Comment | undefined;
    if (parentId) {
      repliedTo = await first(tx.select().from(comments).where(eq(comments.id, parentId)).limit(1));
      if (!repliedTo || repliedTo.claimId !== claimId || repliedTo.deletedAt) throw notFound('comment');
      // Replies stay one level deep: a reply to a reply joins the same thread (and still tells
      // the person replied to).
      parent = repliedTo.parentId
        ? await first(tx.select().from(comments).where(eq(comments.id, repliedTo.parentId)).limit(1))
        : repliedTo;
    }
    const id = randomUUID();
    await tx.insert(comments).values({
      id,
      workspaceId: claim.workspaceId,
      claimId,
      parentId: parent?.id ?? null,
      authorId: actor.userId,
      body,
    });
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'comment.create',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: { commentId: id, excerpt: excerpt(body) },
    });
    const who = await actorName(tx, actor);
    const { mentionedUserIds } = await mentionsIn(tx, claim.workspaceId, body);
    const notified = await notify(tx, actor, mentionedUserIds, {
      workspaceId: claim.workspaceId,
      kind: 'mention',
      claimId,
      text: `${who} mentioned you on “${excerpt(claim.statement)}”: ${excerpt(body, 140)}`,
    });
    if (repliedTo?.authorId && !mentionedUserIds.includes(repliedTo.authorId)) {
      notified.push(
        ...(await notify(tx, actor, [repliedTo.authorId], {
          workspaceId: claim.workspaceId,
          kind: 'reply',
          claimId,
          text: `${who} replied to your comment on “${excerpt(claim.statement)}”: ${excerpt(body, 140)}`,
        })),
      );
    }
    return { commentId: id, claimId, workspaceId: claim.workspaceId, notified };
  });
}

/**
 * Who a comment mentions. A name several members share, written bare ("@Ana Costa" for two Ana
 * Costas), is refused: the writer picks one by its label ("@Ana Costa (2)"), never we by chance.
 */
async function mentionsIn(tx: Tx, workspaceId: string, body: string) {
  const members = await workspaceMembers(tx, workspaceId);
  const rendered = renderComment(body, members);
  if (rendered.ambiguousMentions.length)
    throw invalid('comment', ambiguityMessage(rendered.ambiguousMentions, members), 'body');
  return rendered;
}

/** The refusal of an edit made from a stale copy, with the comment's newer text. */
const staleComment = (row: Pick<Comment, 'version' | 'body'>) =>
  new AppError('conflict', 'comment', 'You changed this comment elsewhere meanwhile. Reload to see it.', {
    current: { version: row.version, body: row.body },
  });

/**
 * Edits one's own comment. A version check keeps an edit from another tab from being lost: the
 * write is one UPDATE conditional on `expectedVersion` (of two edits from the same version,
 * exactly one is saved).
 */
export async function editComment(
  store: Store,
  {
    actor,
    commentId,
    body,
    expectedVersion,
  }: {
    actor: Actor;
    commentId: string;
    body: string;
    expectedVersion: number;
  },
) {
  return commentWrite(store, actor, async (tx) => {
    const { row, claim } = await loadComment(tx, actor, commentId, 'comment.write');
    if (row.authorId !== actor.userId)
      throw new AppError('forbidden', 'comment', 'You can only edit your own comments.');
    // The quick answer; the conditional UPDATE below is what makes it hold.
    if (row.version !== expectedVersion) throw staleComment(row);
    await mentionsIn(tx, claim.workspaceId, body);
    const [updated] = await tx
      .update(comments)
      .set({ body, version: sql`${comments.version} + 1`, editedAt: new Date() })
      .where(and(eq(comments.id, commentId), eq(comments.version, expectedVersion)))
      .returning({ version: comments.version });
    if (!updated) {
      // Another edit was saved since the read above: refuse with what it saved.
      const newer = await first(tx.select().from(comments).where(eq(comments.id, commentId)).limit(1));
      if (!newer || newer.deletedAt) throw notFound('comment');
      throw staleComment(newer);
    }
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'comment.update',
      objectType: 'claim',
      objectId: claim.id,
      ip: actor.ip,
      details: { commentId, excerpt: excerpt(body) },
    });
    return { version: updated.version, claimId: claim.id, workspaceId: claim.workspaceId, notified: [] };
  });
}

/** Deletes one's own comment (its replies stay, under "comment deleted"). */
export async function deleteComment(store: Store, { actor, commentId }: { actor: Actor; commentId: string }) {
  return commentWrite(store, actor, async (tx) => {
    const { row, claim } = await loadComment(tx, actor, commentId, 'comment.write');
    if (row.authorId !== actor.userId)
      throw new AppError('forbidden', 'comment', 'You can only delete your own comments.');
    await tx.update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, commentId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'comment.delete',
      objectType: 'claim',
      objectId: claim.id,
      ip: actor.ip,
      details: { commentId, excerpt: excerpt(row.body) },
    });
    return { claimId: claim.id, workspaceId: claim.workspaceId, notified: [] };
  });
}

/** Resolves or reopens a thread (a top-level comment and its replies). */
export async function setCommentResolved(
  store: Store,
  {
    actor,
    commentId,
    resolved,
  }: {
    actor: Actor;
    commentId: string;
    resolved: boolean;
  },
) {
  return commentWrite(store, actor, async (tx) => {
    const { row, claim } = await loadComment(tx, actor, commentId, 'comment.write');
    if (row.parentId) throw new AppError('invalid', 'comment', 'Resolve the thread from its first comment.');
    await tx
      .update(comments)
      .set(
        resolved
          ? { resolvedAt: new Date(), resolvedBy: actor.userId }
          : { resolvedAt: null, resolvedBy: null },
      )
      .where(eq(comments.id, commentId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: resolved ? 'comment.resolve' : 'comment.reopen',
      objectType: 'claim',
      objectId: claim.id,
      ip: actor.ip,
      details: { commentId, excerpt: excerpt(row.body) },
    });
    return { claimId: claim.id, workspaceId: claim.workspaceId, notified: [] };
  });
}

export interface CommentView {
  id: string;
  authorId: string | null;
  authorName: string;
  html: string;
  body: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  mine: boolean;
  version: number;
}

export interface ThreadView extends CommentView {
  resolved: { at: Date; byName: string } | null;
  replies: CommentView[];
}

/** A claim's discussion: threads in order, each with its replies; Markdown rendered and sanitized. */
export async function listComments(
  store: Store,
  {
    actor,
    claimId,
  }: {
    actor: Actor;
    claimId: string;
  },
): Promise<ThreadView[]> {
  const db = store.db;
  const claim = await loadClaim(db, actor, claimId, 'workspace.read');
  const [members, authors, rows] = await Promise.all([
    workspaceMembers(db, claim.workspaceId),
    db
      .select({ id: users.id, name: users.name })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(eq(comments.claimId, claimId)),
    db.select().from(comments).where(eq(comments.claimId, claimId)).orderBy(asc(comments.createdAt)),
  ]);
  const names = new Map(authors.map((u) => [u.id, u.name]));
  const view = (c: Comment): CommentView => ({
    id: c.id,
    authorId: c.authorId,
    authorName: (c.authorId && names.get(c.authorId)) || 'a former member',
    html: c.deletedAt ? '' : renderComment(c.body, members).html,
    body: c.deletedAt || c.authorId !== actor.userId ? null : c.body,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    deleted: Boolean(c.deletedAt),
    mine: c.authorId === actor.userId,
    version: c.version,
  });
  const threads: ThreadView[] = [];
  const byId = new Map<string, ThreadView>();
  const resolvers = new Map(members.map((m) => [m.id, m.name]));
  for (const c of rows.filter((r) => !r.parentId)) {
    const thread: ThreadView = {
      ...view(c),
      resolved: c.resolvedAt
        ? { at: c.resolvedAt, byName: (c.resolvedBy && resolvers.get(c.resolvedBy)) || 'a former member' }
        : null,
      replies: [],
    };
    byId.set(c.id, thread);
    threads.push(thread);
  }
  for (const c of rows.filter((r) => r.parentId)) byId.get(c.parentId!)?.replies.push(view(c));
  // A deleted comment without replies leaves nothing behind.
  return threads
    .map((t) => ({ ...t, replies: t.replies.filter((r) => !r.deleted) }))
    .filter((t) => !t.deleted || t.replies.length > 0);
}

/**
 * Members of the claim's workspace, for the mention picker: each with the label a mention of
 * them is written with (their name, or "Ana Costa (2)" among namesakes), by label.
 */
export async function listMentionable(store: Store, { actor, claimId }: { actor: Actor; claimId: string }) {
  const db = store.db;
  const claim = await loadClaim(db, actor, claimId, 'workspace.read');
  const members = await workspaceMembers(db, claim.workspaceId);
  const names = new Map(members.map((m) => [m.id, m.name]));
  return mentionLabels(members)
    .filter((l): l is { label: string; userId: string } => l.userId !== null)
    .map((l) => ({ id: l.userId, name: names.get(l.userId)!, label: l.label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
