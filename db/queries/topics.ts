/**
 * Topics: the questions claims answer. Members see each topic with its claims; owners rename,
 * merge (the claims move, the contested state of the merged topic is recomputed) and delete empty
 * ones. One question is one topic however it is spelled (lib/topics.ts): a rename onto another
 * topic's question is refused with the advice to merge.
 */
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { AppError, conflict, notFound } from '@/lib/errors';
import { similarTopics, topicKey } from '@/lib/topics';
import { first, type Db, type Store } from '../store';
import { claims, topics } from '../schema';
import { audit } from '../audit';
import { jsonArrayNotEmpty } from '../dialect';
import { authorize, authorizeAs, type Actor } from './access';
import { claimWrite } from './live';

export interface TopicSummary {
  id: string;
  question: string;
  /** Live claims (not in the trash). */
  claims: number;
  withQuantity: number;
  contested: number;
  /** Other topics that may be the same question (a typo, a word more or less). */
  similar: { id: string; question: string }[];
}

/** Every topic of the workspace with its counts, and the near-duplicates among them. */
export async function listWorkspaceTopics(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
): Promise<TopicSummary[]> {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  const rows = await db
    .select({
      id: topics.id,
      question: topics.question,
      claims: count(claims.id),
      withQuantity: sql<number>`sum(case when ${claims.quantityMin} is not null then 1 else 0 end)`,
      contested: sql<number>`sum(case when ${jsonArrayNotEmpty(claims.contested)} then 1 else 0 end)`,
    })
    .from(topics)
    .leftJoin(claims, and(eq(claims.topicId, topics.id), isNull(claims.deletedAt)))
    .where(eq(topics.workspaceId, workspaceId))
    .groupBy(topics.id, topics.question)
    .orderBy(asc(topics.question));
  return rows.map((r) => ({
    id: r.id,
    question: r.question,
    claims: Number(r.claims),
    withQuantity: Number(r.withQuantity ?? 0),
    contested: Number(r.contested ?? 0),
    similar: similarTopics(
      r.question,
      rows.filter((o) => o.id !== r.id),
    ).map(({ topic }) => ({ id: topic.id, question: topic.question })),
  }));
}

async function loadTopic(tx: Db, actor: Actor, topicId: string, action: 'workspace.read' | 'topics.manage') {
  const topic = await first(tx.select().from(topics).where(eq(topics.id, topicId)).limit(1));
  if (!topic) throw notFound('topic');
  await authorizeAs(tx, actor, topic.workspaceId, action, 'topic');
  return topic;
}

const claimIdsOf = async (tx: Db, topicId: string) =>
  (await tx.select({ id: claims.id }).from(claims).where(eq(claims.topicId, topicId))).map((c) => c.id);

/** Renames a topic; another topic with the same question (however spelled) means: merge instead. */
export async function renameTopic(
  store: Store,
  { actor, topicId, question }: { actor: Actor; topicId: string; question: string },
) {
  const text = question.replace(/\s+/g, ' ').trim();
  if (!topicKey(text)) {
    throw new AppError('invalid', 'topic', 'Write the question the topic’s claims answer.', {
      field: 'question',
    });
  }
  if (text.length > 300) {
    throw new AppError('invalid', 'topic', 'Use at most 300 characters.', { field: 'question' });
  }
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const topic = await loadTopic(tx, actor, topicId, 'topics.manage');
    const others = await tx
      .select({ id: topics.id, question: topics.question })
      .from(topics)
      .where(eq(topics.workspaceId, topic.workspaceId));
    const same = others.find((o) => o.id !== topicId && topicKey(o.question) === topicKey(text));
    if (same) {
      throw conflict(
        'topic',
        `“${same.question}” is already a topic with this question: merge the two instead of renaming.`,
      );
    }
    await tx.update(topics).set({ question: text }).where(eq(topics.id, topicId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: topic.workspaceId,
      action: 'topic.rename',
      objectType: 'topic',
      objectId: topicId,
      ip: actor.ip,
      details: { from: topic.question, to: text },
    });
    // The claims' search entries carry their topic's question.
    touch(topic.workspaceId, await claimIdsOf(tx, topicId));
    return { id: topicId, question: text };
  });
}

/**
 * Merges `fromId` into `intoId`: every claim of the first (trashed ones too) moves to the second,
 * the first is deleted, and the contested state of the merged topic is recomputed (its claims now
 * compete with each other).
 */
export async function mergeTopics(
  store: Store,
  { actor, fromId, intoId }: { actor: Actor; fromId: string; intoId: string },
) {
  if (fromId === intoId) {
    throw new AppError('invalid', 'topic', 'Choose another topic to merge into.', { field: 'intoId' });
  }
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const from = await loadTopic(tx, actor, fromId, 'topics.manage');
    const into = await first(tx.select().from(topics).where(eq(topics.id, intoId)).limit(1));
    if (!into || into.workspaceId !== from.workspaceId) {
      throw new AppError('invalid', 'topic', 'Choose a topic of this workspace to merge into.', {
        field: 'intoId',
      });
    }
    const moved = await claimIdsOf(tx, fromId);
    await tx
      .update(claims)
      .set({ topicId: intoId, version: sql`${claims.version} + 1`, updatedAt: new Date() })
      .where(eq(claims.topicId, fromId));
    await tx.delete(topics).where(eq(topics.id, fromId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: from.workspaceId,
      action: 'topic.merge',
      objectType: 'topic',
      objectId: intoId,
      ip: actor.ip,
      details: { from: from.question, into: into.question, claims: moved.length },
    });
    touch(from.workspaceId, moved);
    return { id: intoId, moved: moved.length };
  });
}

/** Deletes a topic no claim answers (trashed claims included: merge or move those first). */
export async function deleteTopic(store: Store, { actor, topicId }: { actor: Actor; topicId: string }) {
  await store.transaction(async (tx) => {
    const topic = await loadTopic(tx, actor, topicId, 'topics.manage');
    const used =
      (await first(tx.select({ n: count() }).from(claims).where(eq(claims.topicId, topicId))))?.n ?? 0;
    if (used > 0) {
      throw conflict(
        'topic',
        `${used} claim${used === 1 ? ' answers' : 's answer'} this topic (trashed ones included): merge it into another instead.`,
      );
    }
    await tx.delete(topics).where(eq(topics.id, topicId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: topic.workspaceId,
      action: 'topic.delete',
      objectType: 'topic',
      objectId: topicId,
      ip: actor.ip,
      details: { question: topic.question },
    });
  });
}
