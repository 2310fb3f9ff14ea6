/**
 * Presenters of a claim's review and discussion over the REST API (v1): the data layer's views
 * shaped as the contract describes them (lib/api/contract/claim-review.ts), each typed by its
 * response schema. Dates are ISO 8601 strings.
 */
import type { z } from 'zod';
import type { CommentPage, CommentView, ThreadView } from '@/db/queries/comments';
import type {
  ClaimReviewState,
  DecisionView,
  DisputeView,
  SingleCommentView,
  listDecisions,
} from '@/db/queries/review-lists';
import type { getClaimHistory } from '@/db/queries/review-views';
import { etag } from '@/lib/api/etag';
import type {
  claimHistorySchema,
  claimReviewStateSchema,
  commentListSchema,
  commentSchema,
  commentThreadSchema,
  decisionCreatedSchema,
  decisionListSchema,
  decisionSchema,
  disputeListSchema,
  disputeSchemaOut,
} from '@/lib/api/contract/claim-review';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function presentHistory(
  claimId: string,
  entries: Awaited<ReturnType<typeof getClaimHistory>>,
): z.output<typeof claimHistorySchema> {
  return {
    claimId,
    entries: entries.map((e) => ({
      id: e.id,
      at: iso(e.at),
      who: e.who,
      action: e.action,
      summary: e.summary,
      changes: e.changes.map((c) => ({ field: c.field, from: c.from, to: c.to })),
      note: e.note,
    })),
  };
}

/** A comment; `parentId` and `resolved` as they are for a thread's first comment or a reply. */
export function presentComment(
  c: CommentView,
  claimId: string,
  parentId: string | null,
  resolved: ThreadView['resolved'],
): z.output<typeof commentSchema> {
  return {
    id: c.id,
    claimId,
    parentId,
    author: { id: c.authorId, name: c.authorName },
    html: c.html,
    body: c.body,
    createdAt: iso(c.createdAt),
    editedAt: isoOrNull(c.editedAt),
    deleted: c.deleted,
    mine: c.mine,
    canDelete: c.canDelete,
    resolved: resolved ? { at: iso(resolved.at), byName: resolved.byName } : null,
    version: c.version,
  };
}

export function presentSingleComment(c: SingleCommentView): z.output<typeof commentSchema> {
  return presentComment(c, c.claimId, c.parentId, c.resolved);
}

export const commentEtag = (c: { id: string; version: number }) => etag('comment', c.id, c.version);

function presentThread(t: ThreadView, claimId: string): z.output<typeof commentThreadSchema> {
  return {
    ...presentComment(t, claimId, null, t.resolved),
    replies: t.replies.map((r) => presentComment(r, claimId, t.id, null)),
  };
}

export function presentCommentPage(claimId: string, page: CommentPage): z.output<typeof commentListSchema> {
  return {
    claimId,
    threads: page.threads.map((t) => presentThread(t, claimId)),
    nextCursor: page.nextCursor,
  };
}

export function presentDispute(d: DisputeView): z.output<typeof disputeSchemaOut> {
  return {
    id: d.id,
    claimId: d.claimId,
    user: { id: d.userId, name: d.userName },
    reason: d.reason,
    createdAt: iso(d.createdAt),
    resolvedAt: isoOrNull(d.resolvedAt),
  };
}

export function presentDisputes(claimId: string, list: DisputeView[]): z.output<typeof disputeListSchema> {
  return {
    claimId,
    open: list.filter((d) => d.resolvedAt === null).length,
    disputes: list.map(presentDispute),
  };
}

export function presentDecision(d: DecisionView): z.output<typeof decisionSchema> {
  return {
    id: d.id,
    claimId: d.claimId,
    outcome: d.outcome,
    label: d.label,
    rationale: d.rationale,
    preferredClaimId: d.preferredClaimId,
    likelihood: d.likelihood,
    confidence: d.confidence,
    judgment: d.judgment,
    judgmentHidden: d.judgmentHidden,
    decidedBy: { id: d.decidedById, name: d.decidedByName },
    decidedAt: iso(d.decidedAt),
    current: d.current,
  };
}

export const claimEtag = (s: ClaimReviewState) => etag('claim', s.claimId, s.version);

export function presentReviewState(s: ClaimReviewState): z.output<typeof claimReviewStateSchema> {
  return {
    claimId: s.claimId,
    status: s.status,
    version: s.version,
    etag: claimEtag(s),
    reviewVersion: s.reviewVersion,
    reviewer: s.reviewer,
  };
}

export function presentDecisions({
  state,
  review,
  decisions,
}: Awaited<ReturnType<typeof listDecisions>>): z.output<typeof decisionListSchema> {
  return {
    ...presentReviewState(state),
    topicClaims: review.topicClaims.map((c) => ({
      id: c.id,
      statement: c.statement,
      quantity: c.quantity,
      reviewVersion: c.reviewVersion,
    })),
    canAdjudicate: review.can.adjudicate,
    decisions: decisions.map(presentDecision),
  };
}

export function presentDecisionCreated(
  state: ClaimReviewState,
  decision: DecisionView,
  alternatives: number,
): z.output<typeof decisionCreatedSchema> {
  return { decision: presentDecision(decision), claim: presentReviewState(state), alternatives };
}
