/**
 * Discussion on a claim: Markdown comments (rendered and sanitized by lib/review/comment-markdown),
 * replies one level deep, @mentions of members, resolve / reopen of a thread, edit and delete of
 * one's own comments, and owners' delete of anyone's. Mentions and replies notify; everything is
 * audited on the claim.
 *
 * A comment is rendered once, when it is written (and again when it is edited), before the write
 * transaction (rendered again inside it only if the members changed meanwhile), and its HTML is
 * stored beside its text (`body_html`): reading a discussion renders nothing. The mention spans
 * carry the member's id and show the name as the author typed it, so the stored HTML stays right
 * when a member is renamed or leaves; a member who joins later is not mentioned by an older
 * comment (nor was notified by it). Rows from before the HTML was stored are rendered on each read
 * (bounded: past the structural limits, or when rendering fails, they show as plain text), and
 * stored when they are next edited: a read writes nothing.
 *
 * A discussion is read in pages of threads (`listComments`): the newest threads first, each page
 * in the discussion's order (oldest first), its replies with it; `nextCursor` leads to earlier
 * threads.
 */
import { and, asc, desc, eq, exists, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { randomUUID } from 'node:crypto';
import { AppError, invalid, notFound } from '@/lib/errors';
import { can } from '@/lib/permissions';
import { runJob } from '@/lib/jobs/pool';
import { commentBodySchema, renderComment } from '@/lib/review/comment-markdown';
import { ambiguityMessage, mentionLabels } from '@/lib/review/mentions';
import { first, type Db, type Store, type Tx } from '../store';
import { audit } from '../audit';
import { inIds } from '../dialect';
import { comments, memberships, users, type Comment } from '../schema';
import { roleIn, type Actor } from './access';
import { loadClaim } from './claims';
import { excerpt, notify } from './notifications';
import { markdownToPlainText } from '@/lib/review/plain-text';
import { deliverCommitted, emit } from './outbox';
import { indexComment } from './search-index';

async function workspaceMembers(tx: Db, workspaceId: string) {
  return tx
    .select({ id: users.id, name: users.name, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.userId));
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
  body = checkedBody(body);
  const rendering = await renderBeforeWrite(
    store.db,
    (await loadClaim(store.db, actor, claimId, 'comment.write')).workspaceId,
    body,
  );
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
    const { html, mentionedUserIds } = await mentionsIn(tx, claim.workspaceId, body, rendering);
    await tx.insert(comments).values({
      id,
      workspaceId: claim.workspaceId,
      claimId,
      parentId: parent?.id ?? null,
      authorId: actor.userId,
      body,
      bodyHtml: html,
    });
    await indexComment(tx, id);
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
    const notified = await notify(tx, actor, mentionedUserIds, {
      workspaceId: claim.workspaceId,
      kind: 'mention',
      claimId,
      text: `${who} mentioned you on “${excerpt(claim.statement)}”: ${excerpt(markdownToPlainText(body), 140)}`,
    });
    if (repliedTo?.authorId && !mentionedUserIds.includes(repliedTo.authorId)) {
      notified.push(
        ...(await notify(tx, actor, [repliedTo.authorId], {
          workspaceId: claim.workspaceId,
          kind: 'reply',
          claimId,
          text: `${who} replied to your comment on “${excerpt(claim.statement)}”: ${excerpt(markdownToPlainText(body), 140)}`,
        })),
      );
    }
    return { commentId: id, claimId, workspaceId: claim.workspaceId, notified };
  });
}

/**
 * A comment's text as the API's schema takes it (line endings, trimmed), or a refusal naming the
 * limit it passes (length, lines, nesting of quotes and lists): checked before anything renders.
 */
function checkedBody(body: string): string {
  const parsed = commentBodySchema.safeParse(body);
  if (!parsed.success)
    throw invalid('comment', parsed.error.issues[0]?.message ?? 'Write a comment first.', 'body');
  return parsed.data;
}

type Members = Awaited<ReturnType<typeof workspaceMembers>>;
type Rendering = { members: Members; rendered: ReturnType<typeof renderComment> };

const sameMembers = (a: Members, b: Members) =>
  a.length === b.length &&
  a.every((m, i) => m.id === b[i]!.id && m.name === b[i]!.name && +m.joinedAt === +b[i]!.joinedAt);

/**
 * Renders a comment before its write transaction (rendering a long comment takes a while: a write
 * transaction is not held for it), with the workspace's members as they are then.
 */
async function renderBeforeWrite(db: Db, workspaceId: string, body: string): Promise<Rendering> {
  const members = await workspaceMembers(db, workspaceId);
  // In the worker pool: a long comment with much markup takes a few hundred milliseconds.
  return { members, rendered: await runJob('renderComment', { source: body, members }) };
}

/**
 * The comment rendered, and who it mentions, inside the write: rendered again only if the
 * members changed since `before`. A name several members share, written bare ("@Ana Costa" for
 * two Ana Costas), is refused: the writer picks one by its label ("@Ana Costa (2)"), never we by
 * chance.
 */
async function mentionsIn(tx: Tx, workspaceId: string, body: string, before: Rendering) {
  const members = await workspaceMembers(tx, workspaceId);
  const rendered = sameMembers(members, before.members) ? before.rendered : renderComment(body, members);
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
  body = checkedBody(body);
  const before = await loadComment(store.db, actor, commentId, 'comment.write');
  if (before.row.authorId !== actor.userId)
    throw new AppError('forbidden', 'comment', 'You can only edit your own comments.');
  const rendering = await renderBeforeWrite(store.db, before.claim.workspaceId, body);
  return commentWrite(store, actor, async (tx) => {
    const { row, claim } = await loadComment(tx, actor, commentId, 'comment.write');
    if (row.authorId !== actor.userId)
      throw new AppError('forbidden', 'comment', 'You can only edit your own comments.');
    // The quick answer; the conditional UPDATE below is what makes it hold.
    if (row.version !== expectedVersion) throw staleComment(row);
    const { html } = await mentionsIn(tx, claim.workspaceId, body, rendering);
    const [updated] = await tx
      .update(comments)
      .set({ body, bodyHtml: html, version: sql`${comments.version} + 1`, editedAt: new Date() })
      .where(and(eq(comments.id, commentId), eq(comments.version, expectedVersion)))
      .returning({ version: comments.version });
    if (!updated) {
      // Another edit was saved since the read above: refuse with what it saved.
      const newer = await first(tx.select().from(comments).where(eq(comments.id, commentId)).limit(1));
      if (!newer || newer.deletedAt) throw notFound('comment');
      throw staleComment(newer);
    }
    await indexComment(tx, commentId);
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

/**
 * Deletes a comment (its replies stay, under "comment deleted"): one's own, or, for an owner of the
 * workspace (`comment.moderate`), anyone's. The audit event names who deleted it (its actor) and
 * whose comment it was.
 */
export async function deleteComment(store: Store, { actor, commentId }: { actor: Actor; commentId: string }) {
  return commentWrite(store, actor, async (tx) => {
    const { row, claim } = await loadComment(tx, actor, commentId, 'comment.write');
    const own = row.authorId === actor.userId;
    if (!own && !can(await roleIn(tx, actor, claim.workspaceId), 'comment.moderate'))
      throw new AppError('forbidden', 'comment', 'You can only delete your own comments.');
    await tx.update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, commentId));
    await indexComment(tx, commentId);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'comment.delete',
      objectType: 'claim',
      objectId: claim.id,
      ip: actor.ip,
      details: {
        commentId,
        excerpt: excerpt(row.body),
        authorId: row.authorId,
        ...(own ? {} : { byOwner: true }),
      },
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
  /** the reader may delete it: their own (as a writer), or anyone's as an owner */
  canDelete: boolean;
  version: number;
}

export interface ThreadView extends CommentView {
  resolved: { at: Date; byName: string } | null;
  replies: CommentView[];
}

/** One page of a discussion: threads in the discussion's order; `nextCursor` reads earlier ones. */
export interface CommentPage {
  threads: ThreadView[];
  /** where the page of earlier threads starts; null when this page has the first thread */
  nextCursor: string | null;
}

export const THREADS_PER_PAGE = 50;

/** A page's cursor: the creation time and id of its oldest thread, opaque to clients. */
function encodeCursor(c: Comment): string {
  return Buffer.from(JSON.stringify([c.createdAt.getTime(), c.id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(at) && typeof id === 'string' && id.length <= 100)
      return { at: new Date(at as number), id };
  } catch {
    // refused below
  }
  throw invalid('comment', 'This page of the discussion is not known; reload the discussion.', 'cursor');
}

/**
 * A claim's discussion, a page of threads at a time: the newest `limit` threads (by when they were
 * started) before `cursor`, in the discussion's order (oldest first), each with its replies. A
 * deleted thread is kept (as "comment deleted") while it has replies; deleted replies are left out.
 * The HTML is the stored rendering (see the header).
 */
export async function listComments(
  store: Store,
  {
    actor,
    claimId,
    cursor,
    limit = THREADS_PER_PAGE,
  }: {
    actor: Actor;
    claimId: string;
    cursor?: string | null;
    limit?: number;
  },
): Promise<CommentPage> {
  const db = store.db;
  const before = cursor ? decodeCursor(cursor) : null;
  const claim = await loadClaim(db, actor, claimId, 'workspace.read');
  const reply = alias(comments, 'reply');
  const [role, members, newest] = await Promise.all([
    roleIn(db, actor, claim.workspaceId),
    workspaceMembers(db, claim.workspaceId),
    db
      .select()
      .from(comments)
      .where(
        and(
          eq(comments.claimId, claimId),
          isNull(comments.parentId),
          // A deleted thread without replies leaves nothing behind.
          or(
            isNull(comments.deletedAt),
            exists(
              db
                .select({ id: reply.id })
                .from(reply)
                .where(and(eq(reply.parentId, comments.id), isNull(reply.deletedAt))),
            ),
          ),
          before
            ? or(
                lt(comments.createdAt, before.at),
                and(eq(comments.createdAt, before.at), lt(comments.id, before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(limit + 1),
  ]);
  const page = newest.slice(0, limit).reverse();
  const nextCursor = newest.length > limit ? encodeCursor(page[0]!) : null;
  const replies = page.length
    ? await db
        .select()
        .from(comments)
        .where(
          and(
            eq(comments.claimId, claimId),
            inIds(
              comments.parentId,
              page.map((t) => t.id),
            ),
            isNull(comments.deletedAt),
          ),
        )
        .orderBy(asc(comments.createdAt), asc(comments.id))
    : [];
  const authorIds = [...new Set([...page, ...replies].map((c) => c.authorId).filter((id) => id !== null))];
  const authors = authorIds.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inIds(users.id, authorIds))
    : [];
  const names = new Map(authors.map((u) => [u.id, u.name]));
  const resolvers = new Map(members.map((m) => [m.id, m.name]));
  const mayWrite = can(role, 'comment.write');
  const mayModerate = can(role, 'comment.moderate');
  // Rows written before comments kept their HTML: rendered in the worker pool, side by side.
  const older = new Map(
    await Promise.all(
      [...page, ...replies]
        .filter((c) => !c.deletedAt && c.bodyHtml === null)
        .map(async (c) => [c.id, (await runJob('renderComment', { source: c.body, members })).html] as const),
    ),
  );
  const view = (c: Comment): CommentView => {
    const mine = c.authorId === actor.userId;
    return {
      id: c.id,
      authorId: c.authorId,
      authorName: (c.authorId && names.get(c.authorId)) || 'a former member',
      html: c.deletedAt ? '' : (c.bodyHtml ?? older.get(c.id) ?? ''),
      body: c.deletedAt || !mine ? null : c.body,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      deleted: Boolean(c.deletedAt),
      mine,
      canDelete: !c.deletedAt && (mine ? mayWrite : mayModerate),
      version: c.version,
    };
  };
  const threads = page.map((c): ThreadView => ({
    ...view(c),
    resolved: c.resolvedAt
      ? { at: c.resolvedAt, byName: (c.resolvedBy && resolvers.get(c.resolvedBy)) || 'a former member' }
      : null,
    replies: [],
  }));
  const byId = new Map(threads.map((t) => [t.id, t]));
  for (const c of replies) byId.get(c.parentId!)?.replies.push(view(c));
  return { threads, nextCursor };
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
