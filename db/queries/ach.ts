/**
 * The competing-hypotheses matrix of a topic (lib/review/ach.ts): its live claims as hypotheses,
 * the live evidence of live sources linked to them as items of information. Read by any member of
 * the topic's workspace; a topic of another workspace is `not_found:topic`. The trash applies: a
 * claim, a piece of evidence or a source in the trash is left out (as in the exports).
 *
 * Bounded: the `ACH_MAX_HYPOTHESES` oldest claims, and at most `ACH_MAX_LINKS` links (the matrix
 * then says that evidence was left out), so one page never builds more than that.
 */
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { notFound } from '@/lib/errors';
import { ACH_MAX_HYPOTHESES, ACH_MAX_LINKS, buildAch, type AchMatrix } from '@/lib/review/ach';
import { first, type Store } from '../store';
import { claims, evidence, sources, topics } from '../schema';
import { authorizeAs, type Actor } from './access';

export interface TopicAch extends AchMatrix {
  topic: { id: string; question: string };
  /** Evidence links not read (beyond `ACH_MAX_LINKS`): their rows are missing from the matrix. */
  omittedLinks: number;
}

export async function getTopicAch(
  store: Store,
  { actor, workspaceId, topicId }: { actor: Actor; workspaceId: string; topicId: string },
): Promise<TopicAch> {
  const db = store.db;
  const topic = await first(
    db
      .select({ id: topics.id, question: topics.question, workspaceId: topics.workspaceId })
      .from(topics)
      .where(eq(topics.id, topicId))
      .limit(1),
  );
  if (!topic || topic.workspaceId !== workspaceId) throw notFound('topic');
  await authorizeAs(db, actor, workspaceId, 'workspace.read', 'topic');

  const live = and(
    eq(claims.topicId, topicId),
    eq(claims.workspaceId, workspaceId),
    isNull(claims.deletedAt),
  );
  const [hypotheses, total] = await Promise.all([
    db
      .select({ id: claims.id, statement: claims.statement, status: claims.status })
      .from(claims)
      .where(live)
      .orderBy(asc(claims.createdAt), asc(claims.id))
      .limit(ACH_MAX_HYPOTHESES),
    first(db.select({ n: count() }).from(claims).where(live)),
  ]);
  const ids = hypotheses.map((h) => h.id);
  const linkScope = and(
    ids.length ? inArray(evidence.claimId, ids) : eq(evidence.claimId, ''),
    isNull(evidence.deletedAt),
    eq(sources.workspaceId, workspaceId),
    isNull(sources.deletedAt),
  );
  const [links, linkCount] = await Promise.all([
    db
      .select({
        claimId: evidence.claimId,
        sourceId: evidence.sourceId,
        sourceName: sources.name,
        reliability: sources.reliability,
        credibility: evidence.credibility,
        stance: evidence.stance,
        quote: evidence.quote,
        locator: evidence.locator,
      })
      .from(evidence)
      .innerJoin(sources, eq(sources.id, evidence.sourceId))
      .where(linkScope)
      .orderBy(asc(evidence.createdAt), asc(evidence.id))
      .limit(ACH_MAX_LINKS),
    first(
      db
        .select({ n: count() })
        .from(evidence)
        .innerJoin(sources, eq(sources.id, evidence.sourceId))
        .where(linkScope),
    ),
  ]);
  const matrix = buildAch(hypotheses, links);
  return {
    ...matrix,
    omitted: { ...matrix.omitted, hypotheses: Number(total?.n ?? 0) - hypotheses.length },
    topic: { id: topic.id, question: topic.question },
    omittedLinks: Number(linkCount?.n ?? 0) - links.length,
  };
}
