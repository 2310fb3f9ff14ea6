/**
 * Agreement per topic: Krippendorff's alpha (ordinal) of the likelihood ratings of each topic's
 * live claims, for the Agreement page's chart. Blind assessments apply as on the page itself
 * (./review-views.ts `getAgreement`): a claim whose others' assessments this member may not see
 * yet is left out of every topic's numbers.
 */
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { krippendorffAlpha, likelihoodUnits } from '@/lib/review/agreement';
import type { Likelihood } from '@/lib/scales';
import type { Store } from '../store';
import { assessments, claims, topics } from '../schema';
import { authorize, type Actor } from './access';
import { assessmentVisibility } from './review-queue';

/** Topics charted at most (those with the most assessed claims first). */
export const TOPIC_AGREEMENT_LIMIT = 30;

export interface TopicAgreement {
  topicId: string;
  question: string;
  alpha: number | null;
  /** Claims with two or more visible ratings (the units alpha is computed over). */
  units: number;
  raters: number;
}

export async function getAgreementByTopic(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
): Promise<{ topics: TopicAgreement[]; omitted: number }> {
  const db = store.db;
  const role = await authorize(db, actor, workspaceId, 'workspace.read');
  const rows = await db
    .select({
      topicId: topics.id,
      question: topics.question,
      claimId: claims.id,
      userId: assessments.userId,
      likelihood: assessments.likelihood,
    })
    .from(assessments)
    .innerJoin(claims, eq(claims.id, assessments.claimId))
    .innerJoin(topics, eq(topics.id, claims.topicId))
    .where(and(eq(claims.workspaceId, workspaceId), isNull(claims.deletedAt), isNotNull(claims.topicId)))
    .orderBy(asc(topics.question));
  const byTopic = new Map<
    string,
    { question: string; claims: Map<string, { userId: string; likelihood: Likelihood }[]> }
  >();
  for (const r of rows) {
    const topic = byTopic.get(r.topicId) ?? { question: r.question, claims: new Map() };
    const list = topic.claims.get(r.claimId) ?? [];
    list.push({ userId: r.userId, likelihood: r.likelihood });
    topic.claims.set(r.claimId, list);
    byTopic.set(r.topicId, topic);
  }
  const canSee = await assessmentVisibility(db, actor, role, workspaceId, [
    ...new Set(rows.map((r) => r.claimId)),
  ]);
  const all: TopicAgreement[] = [...byTopic.entries()].map(([topicId, t]) => {
    const visible = [...t.claims.entries()]
      .filter(([claimId]) => canSee(claimId))
      .map(([id, list]) => ({ id, assessments: list }));
    const result = krippendorffAlpha(likelihoodUnits(visible), 'ordinal');
    return { topicId, question: t.question, alpha: result.alpha, units: result.units, raters: result.raters };
  });
  const charted = all
    .filter((t) => t.units > 0)
    .sort((a, b) => b.units - a.units || a.question.localeCompare(b.question))
    .slice(0, TOPIC_AGREEMENT_LIMIT)
    .sort((a, b) => a.question.localeCompare(b.question));
  return { topics: charted, omitted: all.filter((t) => t.units > 0).length - charted.length };
}
