/**
 * Reads of a claim's review and discussion for the REST API (v1): one comment, a claim's disputes
 * (open and resolved), its decisions (newest first) with the review state a reviewer decides on,
 * and the claim's review state after a write. Each read authorizes by the claim's workspace (a
 * member of another workspace is told `not_found`), and applies the blind-assessment rule as the
 * claim page does: the team's judgment recorded with a decision is withheld from a member who may
 * not see the others' assessments of the claim yet (lib/review/visibility.ts), unless they made
 * the decision themselves. Writes stay in comments.ts and review.ts.
 */
import { asc, desc, eq } from 'drizzle-orm';
import { AppError, notFound } from '@/lib/errors';
import { runJob } from '@/lib/jobs/pool';
import { can } from '@/lib/permissions';
import { OUTCOME_LABELS } from '@/lib/review/inputs';
import { assessmentLabel } from '@/lib/scales';
import { first, type Db, type Store } from '../store';
import { comments, decisions, disputes, memberships, users, type Claim, type Comment } from '../schema';
import { roleIn, type Actor } from './access';
import { loadClaim } from './claims';
import type { CommentView } from './comments';
import { assessmentVisibility } from './review-queue';
import { claimReviewView, type ClaimReviewView } from './review-views';

const FORMER_MEMBER = 'a former member';

async function nameOf(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return (
    (await first(db.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1)))?.name ??
    null
  );
}

export interface SingleCommentView extends CommentView {
  claimId: string;
  /** The thread's first comment, for a reply; null for a thread's first comment. */
  parentId: string | null;
  /** Threads only: when and by whom the thread was resolved; null while open (and for replies). */
  resolved: { at: Date; byName: string } | null;
}

/**
 * One comment as the discussion shows it (listComments): its stored HTML (rendered on read for a
 * row from before the HTML was stored; nothing is written), its Markdown for its author only. A
 * deleted comment, or one of a claim in the trash, is not found.
 */
export async function getComment(
  store: Store,
  { actor, commentId }: { actor: Actor; commentId: string },
): Promise<SingleCommentView> {
  const db = store.db;
  const row = await first(db.select().from(comments).where(eq(comments.id, commentId)).limit(1));
  if (!row || row.deletedAt) throw notFound('comment');
  let claim: Claim;
  try {
    claim = await loadClaim(db, actor, row.claimId, 'workspace.read');
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') throw notFound('comment');
    throw error;
  }
  const [role, authorName, resolverName] = await Promise.all([
    roleIn(db, actor, claim.workspaceId),
    nameOf(db, row.authorId),
    nameOf(db, row.resolvedBy),
  ]);
  const mine = row.authorId === actor.userId;
  return {
    id: row.id,
    claimId: row.claimId,
    parentId: row.parentId,
    authorId: row.authorId,
    authorName: authorName ?? FORMER_MEMBER,
    html: row.bodyHtml ?? (await renderOlder(db, claim.workspaceId, row)),
    body: mine ? row.body : null,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    deleted: false,
    mine,
    canDelete: mine ? can(role, 'comment.write') : can(role, 'comment.moderate'),
    version: row.version,
    resolved:
      !row.parentId && row.resolvedAt ? { at: row.resolvedAt, byName: resolverName ?? FORMER_MEMBER } : null,
  };
}

/** A comment written before comments kept their HTML: rendered in the worker pool, as listComments does. */
async function renderOlder(db: Db, workspaceId: string, row: Comment): Promise<string> {
  const members = await db
    .select({ id: users.id, name: users.name, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.userId));
  return (await runJob('renderComment', { source: row.body, members })).html;
}

export interface DisputeView {
  id: string;
  claimId: string;
  userId: string | null;
  userName: string;
  reason: string;
  createdAt: Date;
  /** When a decision on the claim resolved it; null while it is open. */
  resolvedAt: Date | null;
}

/** Every dispute of a claim, open and resolved, oldest first. */
export async function listDisputes(
  store: Store,
  { actor, claimId }: { actor: Actor; claimId: string },
): Promise<DisputeView[]> {
  const db = store.db;
  await loadClaim(db, actor, claimId, 'workspace.read');
  const rows = await db
    .select({ d: disputes, name: users.name })
    .from(disputes)
    .leftJoin(users, eq(users.id, disputes.userId))
    .where(eq(disputes.claimId, claimId))
    .orderBy(asc(disputes.createdAt), asc(disputes.id));
  return rows.map(({ d, name }) => ({
    id: d.id,
    claimId: d.claimId,
    userId: d.userId,
    userName: name ?? FORMER_MEMBER,
    reason: d.reason,
    createdAt: d.createdAt,
    resolvedAt: d.resolvedAt,
  }));
}

export interface DecisionView {
  id: string;
  claimId: string;
  outcome: (typeof decisions.$inferSelect)['outcome'];
  label: string;
  rationale: string;
  preferredClaimId: string | null;
  /** The team's judgment, or null: none recorded, or withheld (`judgmentHidden`). */
  likelihood: (typeof decisions.$inferSelect)['likelihood'];
  confidence: (typeof decisions.$inferSelect)['confidence'];
  /** "likely (55–80%) · moderate confidence", or null as above. */
  judgment: string | null;
  /** A judgment was recorded, and blind assessments withhold it from this member for now. */
  judgmentHidden: boolean;
  decidedById: string | null;
  decidedByName: string;
  decidedAt: Date;
  /** The claim's state is this decision's (the latest, not undone by an edit or a later topic decision). */
  current: boolean;
}

export interface ClaimReviewState {
  claimId: string;
  status: Claim['status'];
  /** The claim's version (its ETag's). */
  version: number;
  /** The claim's review version: what an adjudication names. */
  reviewVersion: number;
  reviewer: { id: string; name: string } | null;
}

/** The claim's review state now (after a write of the review, for its answer). */
export async function getClaimReviewState(
  store: Store,
  { actor, claimId }: { actor: Actor; claimId: string },
): Promise<ClaimReviewState> {
  const claim = await loadClaim(store.db, actor, claimId, 'workspace.read');
  return reviewState(store.db, claim);
}

async function reviewState(db: Db, claim: Claim): Promise<ClaimReviewState> {
  const reviewerName = await nameOf(db, claim.reviewerId);
  return {
    claimId: claim.id,
    status: claim.status,
    version: claim.version,
    reviewVersion: claim.reviewVersion,
    reviewer: claim.reviewerId ? { id: claim.reviewerId, name: reviewerName ?? FORMER_MEMBER } : null,
  };
}

/**
 * A claim's decisions, newest first, with what a reviewer decides on: the claim's review version,
 * the topic's claims with a value (and their review versions) and whether this member may
 * adjudicate. Blind assessments withhold the judgments (see the header).
 */
export async function listDecisions(
  store: Store,
  { actor, claimId }: { actor: Actor; claimId: string },
): Promise<{
  state: ClaimReviewState;
  review: Pick<ClaimReviewView, 'topicClaims' | 'can'>;
  decisions: DecisionView[];
}> {
  const db = store.db;
  const claim = await loadClaim(db, actor, claimId, 'workspace.read');
  const role = (await roleIn(db, actor, claim.workspaceId))!;
  const canSee = (await assessmentVisibility(db, actor, role, claim.workspaceId, [claimId]))(claimId);
  const [rows, review, state] = await Promise.all([
    db
      .select({ d: decisions, name: users.name })
      .from(decisions)
      .leftJoin(users, eq(users.id, decisions.decidedBy))
      .where(eq(decisions.claimId, claimId))
      .orderBy(desc(decisions.decidedAt), desc(decisions.id)),
    claimReviewView(db, role, claim, canSee, actor.userId),
    reviewState(db, claim),
  ]);
  return {
    state,
    review: { topicClaims: review.topicClaims, can: review.can },
    decisions: rows.map(({ d, name }, i) => {
      const recorded = !!(d.likelihood && d.confidence);
      const shown = recorded && (canSee || d.decidedBy === actor.userId);
      return {
        id: d.id,
        claimId: d.claimId,
        outcome: d.outcome,
        label: OUTCOME_LABELS[d.outcome],
        rationale: d.rationale,
        preferredClaimId: d.preferredClaimId,
        likelihood: shown ? d.likelihood : null,
        confidence: shown ? d.confidence : null,
        judgment: shown ? assessmentLabel(d.likelihood!, d.confidence!) : null,
        judgmentHidden: recorded && !shown,
        decidedById: d.decidedBy,
        decidedByName: name ?? FORMER_MEMBER,
        decidedAt: d.decidedAt,
        // As the claim page says it of the latest decision (review-views.ts); older ones are history.
        current:
          i === 0 &&
          (d.outcome === 'alternative'
            ? claim.alternativeOf !== null && claim.alternativeOf === d.preferredClaimId
            : claim.adjudicatedAt !== null && claim.adjudicatedAt.getTime() <= d.decidedAt.getTime()),
      };
    }),
  };
}

/** One dispute of a claim (after it was raised, for the answer). */
export async function getDispute(
  store: Store,
  { actor, claimId, disputeId }: { actor: Actor; claimId: string; disputeId: string },
): Promise<DisputeView> {
  const found = (await listDisputes(store, { actor, claimId })).find((d) => d.id === disputeId);
  if (!found) throw notFound('dispute');
  return found;
}

/** The latest decision on a claim as this member may see it (after adjudicating, for the answer). */
export async function getLatestDecision(
  store: Store,
  { actor, claimId }: { actor: Actor; claimId: string },
): Promise<{ state: ClaimReviewState; decision: DecisionView }> {
  const { state, decisions: list } = await listDecisions(store, { actor, claimId });
  if (!list[0]) throw notFound('decision');
  return { state, decision: list[0] };
}
