/** The review queue: contested claims and claims awaiting review, with their reasons spelled out. */
import { and, asc, count, eq, isNull, or } from 'drizzle-orm';
import type { Role } from '@/lib/permissions';
import { CONTESTED_REASON_LABELS, type ContestedReasonKind } from '@/lib/review/contested';
import type { QueueFilters } from '@/lib/review/inputs';
import { canSeeOthersAssessments } from '@/lib/review/visibility';
import { inIds, jsonArrayNotEmpty } from '../dialect';
import { first, type Db, type Store } from '../store';
import {
  anchors,
  assessments,
  claims,
  claimTypes,
  documents,
  topics,
  users,
  workspaces,
  type ClaimStatus,
  type StoredReason,
} from '../schema';
import { authorize, type Actor } from './access';

export interface ReasonView {
  kind: ContestedReasonKind;
  label: string;
  detail: string;
  claimIds?: string[];
}

const HIDDEN_DISAGREEMENT =
  'Analysts disagree. Record your own assessment to see who said what (blind assessments).';

/**
 * Reasons as one member may read them: in a blind workspace, "analysts disagree" names who said
 * what, so a member who has not assessed the claim yet sees only that there is disagreement.
 */
export function presentReasons(reasons: StoredReason[], canSeeAssessments: boolean): ReasonView[] {
  return reasons.map((r) => ({
    kind: r.kind,
    label: CONTESTED_REASON_LABELS[r.kind],
    detail: r.kind === 'analysts_disagree' && !canSeeAssessments ? HIDDEN_DISAGREEMENT : r.detail,
    ...(r.claimIds ? { claimIds: r.claimIds } : {}),
  }));
}

/** For each claim, whether this member may see the others' assessments on it. */
export async function assessmentVisibility(
  db: Db,
  actor: Actor,
  role: Role,
  workspaceId: string,
  claimIds: string[],
): Promise<(claimId: string) => boolean> {
  const blind =
    (
      await first(
        db
          .select({ b: workspaces.blindAssessments })
          .from(workspaces)
          .where(eq(workspaces.id, workspaceId))
          .limit(1),
      )
    )?.b ?? false;
  const own = new Set(
    claimIds.length
      ? (
          await db
            .select({ claimId: assessments.claimId })
            .from(assessments)
            .where(and(eq(assessments.userId, actor.userId), inIds(assessments.claimId, claimIds)))
        ).map((a) => a.claimId)
      : [],
  );
  return (claimId: string) => canSeeOthersAssessments({ blind, role, hasOwnAssessment: own.has(claimId) });
}

export interface QueueItem {
  id: string;
  statement: string;
  typeId: string;
  typeName: string;
  color: string;
  topicId: string | null;
  topic: string | null;
  status: ClaimStatus;
  reasons: ReasonView[];
  reviewer: { id: string; name: string } | null;
  authorName: string | null;
  documents: { id: string; title: string }[];
  updatedAt: Date;
}

const inQueue = or(jsonArrayNotEmpty(claims.contested), eq(claims.status, 'in_review'));

/** The queue, filtered; facets list what the filters can choose from. */
export async function getReviewQueue(
  store: Store,
  {
    actor,
    workspaceId,
    filters = {},
  }: {
    actor: Actor;
    workspaceId: string;
    filters?: QueueFilters;
  },
) {
  const db = store.db;
  const role = await authorize(db, actor, workspaceId, 'workspace.read');
  const reviewer = users;
  const rows = await db
    .select({
      claim: claims,
      typeName: claimTypes.name,
      color: claimTypes.color,
      topic: topics.question,
      reviewerName: reviewer.name,
    })
    .from(claims)
    .innerJoin(claimTypes, eq(claimTypes.id, claims.typeId))
    .leftJoin(topics, eq(topics.id, claims.topicId))
    .leftJoin(reviewer, eq(reviewer.id, claims.reviewerId))
    .where(and(eq(claims.workspaceId, workspaceId), isNull(claims.deletedAt), inQueue))
    .orderBy(asc(topics.question), asc(claims.createdAt));
  const ids = rows.map((r) => r.claim.id);
  const authors = new Map(
    (
      await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(
          inIds(users.id, [...new Set(rows.map((r) => r.claim.createdBy).filter((u): u is string => !!u))]),
        )
    ).map((u) => [u.id, u.name]),
  );
  const docsByClaim = new Map<string, { id: string; title: string }[]>();
  if (ids.length) {
    for (const d of await db
      .selectDistinct({ claimId: anchors.claimId, id: documents.id, title: documents.title })
      .from(anchors)
      .innerJoin(documents, eq(documents.id, anchors.documentId))
      .where(and(inIds(anchors.claimId, ids), isNull(documents.deletedAt)))) {
      const list = docsByClaim.get(d.claimId) ?? [];
      list.push({ id: d.id, title: d.title });
      docsByClaim.set(d.claimId, list);
    }
  }
  const canSee = await assessmentVisibility(db, actor, role, workspaceId, ids);
  const all: QueueItem[] = rows.map(({ claim: c, typeName, color, topic, reviewerName }) => ({
    id: c.id,
    statement: c.statement,
    typeId: c.typeId,
    typeName,
    color,
    topicId: c.topicId,
    topic,
    status: c.status,
    reasons: presentReasons(c.contested, canSee(c.id)),
    reviewer: c.reviewerId ? { id: c.reviewerId, name: reviewerName ?? 'a former member' } : null,
    authorName: c.createdBy ? (authors.get(c.createdBy) ?? null) : null,
    documents: docsByClaim.get(c.id) ?? [],
    updatedAt: c.updatedAt,
  }));
  const assignee = filters.assignee === 'me' ? actor.userId : filters.assignee;
  const items = all.filter(
    (i) =>
      (!filters.type || i.typeId === filters.type) &&
      (!filters.topic || i.topicId === filters.topic) &&
      (!filters.document || i.documents.some((d) => d.id === filters.document)) &&
      (!filters.reason ||
        (filters.reason === 'in_review'
          ? i.status === 'in_review'
          : i.reasons.some((r) => r.kind === filters.reason))) &&
      (!assignee || (assignee === 'none' ? i.reviewer === null : i.reviewer?.id === assignee)),
  );
  const unique = <T extends { id: string }>(list: T[]) => [...new Map(list.map((x) => [x.id, x])).values()];
  return {
    items,
    counts: {
      total: all.length,
      contested: all.filter((i) => i.reasons.length > 0).length,
      awaitingReview: all.filter((i) => i.status === 'in_review').length,
    },
    facets: {
      types: unique(all.map((i) => ({ id: i.typeId, name: i.typeName }))),
      topics: unique(all.filter((i) => i.topicId).map((i) => ({ id: i.topicId!, name: i.topic ?? '' }))),
      documents: unique(all.flatMap((i) => i.documents.map((d) => ({ id: d.id, name: d.title })))),
      reviewers: unique(
        all.flatMap((i) => (i.reviewer ? [{ id: i.reviewer.id, name: i.reviewer.name }] : [])),
      ),
    },
  };
}

/** The number shown beside "Review" in the navigation. */
export async function reviewQueueCount(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  return (
    (
      await first(
        db
          .select({ n: count() })
          .from(claims)
          .where(and(eq(claims.workspaceId, workspaceId), isNull(claims.deletedAt), inQueue)),
      )
    )?.n ?? 0
  );
}
