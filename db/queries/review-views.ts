/** Presenters of review state: a claim's review panel, its timeline, and inter-analyst agreement. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { can, PERMISSIONS, type Role } from '@/lib/permissions';
import { formatQuantity } from '@/lib/quantity';
import { krippendorffAlpha, likelihoodUnits } from '@/lib/review/agreement';
import { claimTimeline } from '@/lib/review/history';
import { OUTCOME_LABELS } from '@/lib/review/inputs';
import { carriesJudgment, withoutJudgment } from '@/lib/review/visibility';
import { assessmentLabel, likelihoodLabel, LIKELIHOODS, type Likelihood } from '@/lib/scales';
import { inIds } from '../dialect';
import { first, type Db, type Store } from '../store';
import {
  anchors,
  assessments,
  auditEvents,
  claims,
  claimTypes,
  disputes,
  documents,
  evidence,
  memberships,
  sources,
  topics,
  users,
  type Claim,
  type DecisionOutcome,
} from '../schema';
import { authorize, roleIn, type Actor } from './access';
import { loadClaim } from './claims';
import { latestDecision } from './review';
import { assessmentVisibility, presentReasons, type ReasonView } from './review-queue';

export type Stake = 'author' | 'disputant';

export interface ClaimReviewView {
  reasons: ReasonView[];
  decision: {
    outcome: DecisionOutcome;
    label: string;
    rationale: string;
    decidedByName: string | null;
    decidedAt: Date;
    preferredClaimId: string | null;
    /**
     * The team's judgment recorded with the decision ("likely (55–80%) · moderate confidence"):
     * null when none was recorded, or while blind assessments hide the others' from this member.
     */
    judgment: string | null;
    /**
     * False when the claim changed after this decision (an edit sent it back to review, or a
     * later decision on its topic made it compete again): the decision is history, not its state.
     */
    current: boolean;
    /** The decider's own stake in the claim: they wrote it, or had disputed it. */
    stake: Stake[];
  } | null;
  /** The viewer's own stake in the claim, said before they adjudicate it. */
  myStake: Stake[];
  disputes: { id: string; userName: string; reason: string; createdAt: Date }[];
  reviewer: { id: string; name: string } | null;
  alternativeOf: { id: string; statement: string } | null;
  /** The topic's live claims with a quantity (a reviewer picks the preferred one among them). */
  topicClaims: { id: string; statement: string; quantity: string; reviewVersion: number }[];
  /** The claim's review version: an adjudication sends it back (a newer picture refuses it). */
  reviewVersion: number;
  /** Members who may adjudicate (the reviewer to assign is one of them). */
  reviewers: { id: string; name: string }[];
  can: { adjudicate: boolean; comment: boolean; assign: boolean; submit: boolean };
}

export async function claimReviewView(
  db: Db,
  role: Role,
  claim: Claim,
  canSeeAssessments: boolean,
  viewerId: string,
): Promise<ClaimReviewView> {
  // Independent reads, side by side (on PostgreSQL each is a round trip).
  const [decision, reviewer, preferred, siblings, openDisputes, reviewers, disputants] = await Promise.all([
    latestDecision(db, claim.id),
    claim.reviewerId
      ? first(
          db
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(eq(users.id, claim.reviewerId))
            .limit(1),
        )
      : undefined,
    claim.alternativeOf
      ? first(
          db
            .select({ id: claims.id, statement: claims.statement })
            .from(claims)
            .where(eq(claims.id, claim.alternativeOf))
            .limit(1),
        )
      : undefined,
    // The topic's claims with a quantity: only what the list shows (a topic may hold hundreds).
    claim.topicId
      ? db
          .select({
            id: claims.id,
            statement: claims.statement,
            reviewVersion: claims.reviewVersion,
            quantityMin: claims.quantityMin,
            quantityMax: claims.quantityMax,
            quantityUnit: claims.quantityUnit,
          })
          .from(claims)
          .where(
            and(
              eq(claims.topicId, claim.topicId),
              isNull(claims.deletedAt),
              isNotNull(claims.quantityMin),
              isNotNull(claims.quantityMax),
            ),
          )
          .orderBy(asc(claims.createdAt), asc(claims.id))
      : [],
    db
      .select({ d: disputes, name: users.name })
      .from(disputes)
      .leftJoin(users, eq(users.id, disputes.userId))
      .where(and(eq(disputes.claimId, claim.id), isNull(disputes.resolvedAt)))
      .orderBy(asc(disputes.createdAt)),
    // The members who may adjudicate (the permission table says which roles).
    db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.workspaceId, claim.workspaceId),
          inArray(memberships.role, [...PERMISSIONS['claim.adjudicate']]),
        ),
      )
      .orderBy(asc(users.name)),
    // Who disputed the claim, and since when (resolved disputes too): a stake in its decision.
    db
      .select({ userId: disputes.userId, createdAt: disputes.createdAt })
      .from(disputes)
      .where(eq(disputes.claimId, claim.id)),
  ]);
  const stakeOf = (userId: string | null, before?: Date): Stake[] => {
    if (!userId) return [];
    const stake: Stake[] = [];
    if (claim.createdBy === userId) stake.push('author');
    if (disputants.some((d) => d.userId === userId && (!before || d.createdAt <= before)))
      stake.push('disputant');
    return stake;
  };
  return {
    reviewVersion: claim.reviewVersion,
    reasons: presentReasons(claim.contested, canSeeAssessments),
    decision: decision
      ? {
          outcome: decision.d.outcome,
          label: OUTCOME_LABELS[decision.d.outcome],
          rationale: decision.d.rationale,
          decidedByName: decision.decidedByName,
          decidedAt: decision.d.decidedAt,
          preferredClaimId: decision.d.preferredClaimId,
          judgment:
            decision.d.likelihood &&
            decision.d.confidence &&
            (canSeeAssessments || decision.d.decidedBy === viewerId)
              ? assessmentLabel(decision.d.likelihood, decision.d.confidence)
              : null,
          current:
            decision.d.outcome === 'alternative'
              ? claim.alternativeOf !== null && claim.alternativeOf === decision.d.preferredClaimId
              : claim.adjudicatedAt !== null &&
                claim.adjudicatedAt.getTime() <= decision.d.decidedAt.getTime(),
          stake: stakeOf(decision.d.decidedBy, decision.d.decidedAt),
        }
      : null,
    myStake: stakeOf(viewerId),
    disputes: openDisputes.map(({ d, name }) => ({
      id: d.id,
      userName: name ?? 'a former member',
      reason: d.reason,
      createdAt: d.createdAt,
    })),
    reviewer: reviewer ?? (claim.reviewerId ? { id: claim.reviewerId, name: 'a former member' } : null),
    alternativeOf: preferred ?? null,
    topicClaims:
      siblings.length > 1
        ? siblings.map((c) => ({
            id: c.id,
            statement: c.statement,
            reviewVersion: c.reviewVersion,
            quantity: formatQuantity({
              min: c.quantityMin!,
              max: c.quantityMax!,
              unit: c.quantityUnit ?? '',
            }),
          }))
        : [],
    reviewers,
    can: {
      adjudicate: can(role, 'claim.adjudicate'),
      comment: can(role, 'comment.write'),
      assign: can(role, 'claim.write'),
      submit: can(role, 'claim.write') && claim.status !== 'in_review',
    },
  };
}

/** A claim's timeline: every change to it, its evidence, review and discussion, newest first. */
export async function getClaimHistory(store: Store, { actor, claimId }: { actor: Actor; claimId: string }) {
  const db = store.db;
  const claim = await loadClaim(db, actor, claimId, 'workspace.read');
  const evidenceIds = (
    await db.select({ id: evidence.id }).from(evidence).where(eq(evidence.claimId, claimId))
  ).map((e) => e.id);
  const events = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      details: auditEvents.details,
      actorName: users.name,
      actorUserId: auditEvents.actorUserId,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.workspaceId, claim.workspaceId),
        or(
          and(eq(auditEvents.objectType, 'claim'), eq(auditEvents.objectId, claimId)),
          evidenceIds.length
            ? and(eq(auditEvents.objectType, 'evidence'), inIds(auditEvents.objectId, evidenceIds))
            : undefined,
        ),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(500);
  const typeNames = new Map(
    (
      await db
        .select({ id: claimTypes.id, name: claimTypes.name })
        .from(claimTypes)
        .where(eq(claimTypes.workspaceId, claim.workspaceId))
    ).map((t) => [t.id, t.name]),
  );
  // The trash: a document or source in it is never named here, nor a passage of the document
  // quoted (lib/review/history.ts); a document deleted for good neither.
  const [sourceNames, hiddenSources] = splitByTrash(
    await db
      .select({ id: sources.id, name: sources.name, deletedAt: sources.deletedAt })
      .from(sources)
      .where(eq(sources.workspaceId, claim.workspaceId)),
    'a source in the trash',
  );
  const [documentTitles, hiddenDocuments] = splitByTrash(
    await db
      .select({ id: documents.id, name: documents.title, deletedAt: documents.deletedAt })
      .from(documents)
      .where(eq(documents.workspaceId, claim.workspaceId)),
    'a document in the trash',
  );
  for (const e of events) {
    const id = e.details?.documentId;
    if (typeof id === 'string' && !documentTitles.has(id) && !hiddenDocuments.has(id))
      hiddenDocuments.set(id, 'a deleted document');
  }
  const anchorDocuments = new Map(
    (
      await db
        .select({ id: anchors.id, documentId: anchors.documentId })
        .from(anchors)
        .where(eq(anchors.claimId, claimId))
    ).map((a) => [a.id, a.documentId]),
  );
  // Blind assessments: who assessed is no secret, what they said is, until one's own is in.
  const role = (await roleIn(db, actor, claim.workspaceId))!;
  const canSee = (await assessmentVisibility(db, actor, role, claim.workspaceId, [claimId]))(claimId);
  // Comments are read in the discussion, as they are now: a deleted or edited comment's old words
  // stay out of the timeline (the owners' audit log keeps them).
  const shown = events.map((e) => {
    if (e.action.startsWith('comment.')) return { ...e, details: null };
    if (canSee || e.actorUserId === actor.userId || !carriesJudgment(e.action, e.details)) return e;
    // Who assessed is no secret, nor a decision; the judgments in them are, for now.
    return { ...e, details: e.action.startsWith('assessment.') ? null : withoutJudgment(e.details) };
  });
  return claimTimeline(shown, {
    typeNames,
    sourceNames,
    documentTitles,
    hiddenDocuments,
    hiddenSources,
    anchorDocuments,
  });
}

/**
 * Inter-analyst agreement on likelihood (Krippendorff's alpha, ordinal) over the workspace's live
 * claims, or one topic's. Drivers are the claims that add most to the observed disagreement, with
 * who said what. Under blind assessments only the claims whose assessments this member may see
 * count (those they assessed themselves; all of them for a viewer): `hiddenClaims` says how many
 * were left out, and nothing here is computed from the others.
 */
export async function getAgreement(
  store: Store,
  {
    actor,
    workspaceId,
    topicId,
  }: {
    actor: Actor;
    workspaceId: string;
    topicId?: string;
  },
) {
  const db = store.db;
  const role = await authorize(db, actor, workspaceId, 'workspace.read');
  const rows = await db
    .select({
      claimId: claims.id,
      statement: claims.statement,
      userId: assessments.userId,
      userName: users.name,
      likelihood: assessments.likelihood,
    })
    .from(assessments)
    .innerJoin(claims, eq(claims.id, assessments.claimId))
    .innerJoin(users, eq(users.id, assessments.userId))
    .where(
      and(
        eq(claims.workspaceId, workspaceId),
        isNull(claims.deletedAt),
        topicId ? eq(claims.topicId, topicId) : undefined,
      ),
    );
  const byClaim = new Map<
    string,
    {
      id: string;
      statement: string;
      assessments: { userId: string; userName: string; likelihood: Likelihood }[];
    }
  >();
  for (const r of rows) {
    const entry = byClaim.get(r.claimId) ?? { id: r.claimId, statement: r.statement, assessments: [] };
    entry.assessments.push({ userId: r.userId, userName: r.userName, likelihood: r.likelihood });
    byClaim.set(r.claimId, entry);
  }
  // Blind assessments: a claim whose others' assessments this member may not see yet is left out
  // of everything (alpha, its counts, the drivers and their shares), as on every other view.
  const canSee = await assessmentVisibility(db, actor, role, workspaceId, [...byClaim.keys()]);
  const visible = [...byClaim.values()].filter((c) => canSee(c.id));
  const result = krippendorffAlpha(likelihoodUnits(visible), 'ordinal');
  const topicList = await db
    .select({ id: topics.id, question: topics.question })
    .from(topics)
    .where(eq(topics.workspaceId, workspaceId))
    .orderBy(asc(topics.question));
  return {
    ...result,
    /** Claims assessed by others that this member may not see yet (blind): left out of it all. */
    hiddenClaims: byClaim.size - visible.length,
    topics: topicList,
    drivers: result.drivers.slice(0, 20).map((d) => {
      const claim = byClaim.get(d.unitId)!;
      const ranks = claim.assessments.map((a) => LIKELIHOODS.findIndex((l) => l.key === a.likelihood));
      return {
        claimId: d.unitId,
        statement: claim.statement,
        share: d.share,
        spread: `${likelihoodLabel(LIKELIHOODS[Math.min(...ranks)]!.key)} to ${likelihoodLabel(LIKELIHOODS[Math.max(...ranks)]!.key)}`,
        ratings: claim.assessments.map((a) => ({ name: a.userName, label: likelihoodLabel(a.likelihood) })),
      };
    }),
  };
}

/** Names by id of the items not in the trash, and the label shown instead for those in it. */
function splitByTrash(
  rows: { id: string; name: string; deletedAt: Date | null }[],
  trashLabel: string,
): [Map<string, string>, Map<string, string>] {
  const live = new Map<string, string>();
  const hidden = new Map<string, string>();
  for (const r of rows) {
    if (r.deletedAt) hidden.set(r.id, trashLabel);
    else live.set(r.id, r.name);
  }
  return [live, hidden];
}
