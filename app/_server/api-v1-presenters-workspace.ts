/**
 * Presenters of the REST API's workspace-level reads (claim types, members, topics, the review
 * queue, agreement) and of the caller's notifications: they shape the data layer's views into
 * the representations of lib/api/contract/workspace-review.ts, and are typed by its schemas.
 */
import type { z } from 'zod';
import type { getAgreementByTopic } from '@/db/queries/agreement-topics';
import type { ClaimTypeView } from '@/db/queries/claim-types';
import type { MemberView } from '@/db/queries/members';
import type { NotificationView } from '@/db/queries/notifications';
import type { getReviewQueue } from '@/db/queries/review-queue';
import type { getAgreement } from '@/db/queries/review-views';
import type { TopicSummary } from '@/db/queries/topics';
import type {
  Agreement,
  ClaimTypeList,
  MemberList,
  NotificationList,
  NotificationsMarked,
  ReviewQueue,
  TopicList,
} from '@/lib/api/contract/workspace-review';
import { CLAIM_KIND_KEYS, CLAIM_KINDS } from '@/lib/scales';

type Out<S extends z.ZodType> = z.output<S>;

export function presentClaimTypes(types: ClaimTypeView[]): Out<typeof ClaimTypeList> {
  return {
    claimTypes: types.map((t) => ({
      id: t.id,
      name: t.name,
      color: t.color,
      description: t.description,
      claimCount: t.claimCount,
    })),
    kinds: CLAIM_KIND_KEYS.map((key) => ({ key, label: CLAIM_KINDS[key] })),
  };
}

export function presentMembers(members: MemberView[]): Out<typeof MemberList> {
  return {
    members: members.map((m) => ({
      id: m.userId,
      name: m.name,
      email: m.email,
      role: m.role,
      joinedAt: m.joinedAt.toISOString(),
      isYou: m.isYou,
    })),
  };
}

export function presentTopics(topics: TopicSummary[]): Out<typeof TopicList> {
  return {
    topics: topics.map((t) => ({
      id: t.id,
      question: t.question,
      claimCount: t.claims,
      withQuantity: t.withQuantity,
      contestedCount: t.contested,
      contested: t.contested > 0,
      similar: t.similar.map((s) => ({ id: s.id, question: s.question })),
    })),
  };
}

type Queue = Awaited<ReturnType<typeof getReviewQueue>>;

/** The queue's items from `offset`, at most `limit` of them. */
export function presentReviewQueue(
  queue: Queue,
  { offset, limit }: { offset: number; limit: number },
): Out<typeof ReviewQueue> {
  return {
    items: queue.items.slice(offset, offset + limit).map((i) => ({
      id: i.id,
      statement: i.statement,
      type: { id: i.typeId, name: i.typeName, color: i.color },
      topic: i.topicId ? { id: i.topicId, question: i.topic ?? '' } : null,
      status: i.status,
      reasons: i.reasons.map((r) => ({
        kind: r.kind,
        label: r.label,
        detail: r.detail,
        ...(r.claimIds ? { claimIds: r.claimIds } : {}),
      })),
      reviewer: i.reviewer ? { id: i.reviewer.id, name: i.reviewer.name } : null,
      authorName: i.authorName,
      documents: i.documents.map((d) => ({ id: d.id, title: d.title })),
      updatedAt: i.updatedAt.toISOString(),
    })),
    matched: queue.items.length,
    offset,
    limit,
    counts: { ...queue.counts },
    facets: {
      types: queue.facets.types,
      topics: queue.facets.topics,
      documents: queue.facets.documents,
      reviewers: queue.facets.reviewers,
    },
  };
}

export function presentAgreement(
  agreement: Awaited<ReturnType<typeof getAgreement>>,
  perTopic: Awaited<ReturnType<typeof getAgreementByTopic>>,
  topicId: string | undefined,
): Out<typeof Agreement> {
  const topic = topicId ? agreement.topics.find((t) => t.id === topicId) : undefined;
  return {
    topic: topic ? { id: topic.id, question: topic.question } : null,
    alpha: agreement.alpha,
    units: agreement.units,
    raters: agreement.raters,
    pairableValues: agreement.pairableValues,
    interpretation: agreement.interpretation,
    hiddenClaims: agreement.hiddenClaims,
    drivers: agreement.drivers.map((d) => ({
      claimId: d.claimId,
      statement: d.statement,
      share: d.share,
      spread: d.spread,
      ratings: d.ratings.map((r) => ({ name: r.name, label: r.label })),
    })),
    topics: agreement.topics.map((t) => ({ id: t.id, question: t.question })),
    byTopic: {
      topics: perTopic.topics.map((t) => ({
        id: t.topicId,
        question: t.question,
        alpha: t.alpha,
        units: t.units,
        raters: t.raters,
      })),
      omitted: perTopic.omitted,
    },
  };
}

export function presentNotifications(
  notifications: NotificationView[],
  unread: number,
): Out<typeof NotificationList> {
  return {
    unread,
    notifications: notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      text: n.text,
      workspaceId: n.workspaceId,
      workspaceName: n.workspaceName,
      claimId: n.claimId,
      actorName: n.actorName,
      createdAt: n.createdAt.toISOString(),
      read: n.read,
    })),
  };
}

export function presentMarked(marked: number, unread: number): Out<typeof NotificationsMarked> {
  return { marked, unread };
}
