/**
 * Team review: submitting a claim for review, disputing it, assigning a reviewer, adjudicating
 * (reviewers and owners only, with a written rationale), and the blind-assessment setting. Every
 * write re-evaluates the contested state in its transaction (claimWrite) and is audited.
 */
import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, conflict } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { AdjudicationInput } from '@/lib/review/inputs';
import { getDb, type Db, type Tx } from '../client';
import { audit } from '../audit';
import { claims, decisions, disputes, memberships, users, workspaces, type Claim } from '../schema';
import { authorize, type Actor } from './access';
import { loadClaim } from './claims';
import { claimWrite } from './live';
import { announce, notify } from './notifications';

const excerpt = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function bumpVersion(tx: Tx, claim: Claim, set: Partial<Claim>) {
  tx.update(claims)
    .set({ ...set, version: claim.version + 1, updatedAt: new Date() })
    .where(eq(claims.id, claim.id))
    .run();
}

/** Draft (or a decided claim, reopened) → in review. */
export async function submitForReview({ actor, claimId }: { actor: Actor; claimId: string }) {
  return claimWrite(actor.userId, (tx, touch) => {
    const claim = loadClaim(tx, actor, claimId, 'claim.write');
    if (claim.status === 'in_review') throw conflict('claim', 'This claim is already awaiting review.');
    bumpVersion(tx, claim, { status: 'in_review' });
    audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'claim.submit_review',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: { from: claim.status, to: 'in_review' },
    });
    touch(claim.workspaceId, [claimId]);
    return { status: 'in_review' as const, version: claim.version + 1 };
  });
}

/** A member disputes a claim with a reason: it is contested until an adjudication. */
export async function disputeClaim({
  actor,
  claimId,
  reason,
}: {
  actor: Actor;
  claimId: string;
  reason: string;
}) {
  return claimWrite(actor.userId, (tx, touch) => {
    const claim = loadClaim(tx, actor, claimId, 'comment.write');
    const id = randomUUID();
    tx.insert(disputes).values({ id, claimId, userId: actor.userId, reason }).run();
    audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'claim.dispute',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: { disputeId: id, reason },
    });
    touch(claim.workspaceId, [claimId]);
    return { disputeId: id };
  });
}

function memberCanAdjudicate(tx: Tx | Db, workspaceId: string, userId: string): boolean {
  const m = tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .get();
  return !!m && can(m.role, 'claim.adjudicate');
}

/** Assigns a reviewer (a member who may adjudicate), or none. The reviewer is notified. */
export async function assignReviewer({
  actor,
  claimId,
  reviewerId,
}: {
  actor: Actor;
  claimId: string;
  reviewerId: string | null;
}) {
  let notified: string[] = [];
  let workspaceId = '';
  const result = claimWrite(actor.userId, (tx, touch) => {
    const claim = loadClaim(tx, actor, claimId, 'claim.write');
    workspaceId = claim.workspaceId;
    if (reviewerId && !memberCanAdjudicate(tx, claim.workspaceId, reviewerId)) {
      throw new AppError('invalid', 'claim', 'Choose a reviewer or an owner of this workspace.', {
        field: 'reviewerId',
      });
    }
    if (claim.reviewerId === reviewerId) return { reviewerId };
    const name = (id: string | null) =>
      id ? (tx.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null) : null;
    tx.update(claims).set({ reviewerId, updatedAt: new Date() }).where(eq(claims.id, claimId)).run();
    audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'claim.assign',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: { reviewerName: name(reviewerId), previousReviewerName: name(claim.reviewerId) },
    });
    const actorName = name(actor.userId) ?? 'A member';
    notified = notify(tx, actor, [reviewerId], {
      workspaceId: claim.workspaceId,
      kind: 'assignment',
      claimId,
      text: `${actorName} asked you to review “${excerpt(claim.statement)}”.`,
    });
    touch(claim.workspaceId, [claimId]);
    return { reviewerId };
  });
  announce(workspaceId, notified);
  return result;
}

/**
 * Adjudicates a claim: accepted, rejected or (still) disputed, with a rationale; open disputes
 * are resolved. For a topic with competing values, `preferredClaimId` names the claim to prefer:
 * it is accepted, and the topic's other claims with a quantity become its alternatives (kept,
 * never deleted). The authors are notified of the decision.
 */
export async function adjudicateClaim({
  actor,
  claimId,
  input,
}: {
  actor: Actor;
  claimId: string;
  input: AdjudicationInput;
}) {
  const notified: string[] = [];
  let workspaceId = '';
  const result = claimWrite(actor.userId, (tx, touch) => {
    const claim = loadClaim(tx, actor, claimId, 'claim.adjudicate');
    workspaceId = claim.workspaceId;
    // Any write that bears on the review (the claim, its evidence, assessments, disputes) moves
    // reviewVersion: a decision made on an older picture is refused.
    if (claim.reviewVersion !== input.version) {
      throw new AppError(
        'conflict',
        'claim',
        `This claim changed since you opened it (it is now ${claim.status.replace('_', ' ')}). Reload it, check the change, and decide again.`,
        { current: { version: claim.reviewVersion, status: claim.status, statement: claim.statement } },
      );
    }
    const now = new Date();
    const reviewer = tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).get();
    const who = reviewer?.name ?? 'A reviewer';
    const record = (
      target: Claim,
      outcome: 'accepted' | 'rejected' | 'disputed' | 'alternative',
      preferred: string | null,
      { resolveDisputes = true } = {},
    ) => {
      tx.insert(decisions)
        .values({
          id: randomUUID(),
          claimId: target.id,
          outcome,
          rationale: input.rationale,
          preferredClaimId: preferred,
          decidedBy: actor.userId,
          decidedAt: now,
        })
        .run();
      if (!resolveDisputes) return;
      tx.update(disputes)
        .set({ resolvedAt: now })
        .where(and(eq(disputes.claimId, target.id), isNull(disputes.resolvedAt)))
        .run();
    };

    let preferred: Claim | null = null;
    if (input.preferredClaimId) {
      preferred =
        input.preferredClaimId === claim.id
          ? claim
          : (tx
              .select()
              .from(claims)
              .where(and(eq(claims.id, input.preferredClaimId), isNull(claims.deletedAt)))
              .get() ?? null);
      if (!preferred || !claim.topicId || preferred.topicId !== claim.topicId) {
        throw new AppError('invalid', 'claim', 'Choose the preferred claim among the claims of this topic.', {
          field: 'preferredClaimId',
        });
      }
    }

    // The topic's claims the decision changes must be as the reviewer saw them.
    const topicClaims = preferred
      ? tx
          .select()
          .from(claims)
          .where(
            and(eq(claims.topicId, preferred.topicId!), isNull(claims.deletedAt), ne(claims.id, claim.id)),
          )
          .all()
          .filter((c) => c.id === preferred!.id || c.quantityMin !== null)
      : [];
    const changed = topicClaims.find((c) => input.topicVersions?.[c.id] !== c.reviewVersion);
    if (changed) {
      throw new AppError(
        'conflict',
        'claim',
        `A claim of this topic changed since you opened it: “${excerpt(changed.statement)}”. Reload, check the change, and decide again.`,
        { current: { claimId: changed.id, version: changed.reviewVersion, statement: changed.statement } },
      );
    }

    if (preferred && preferred.id !== claim.id && input.outcome === 'accepted') {
      throw new AppError(
        'invalid',
        'claim',
        'Accepting this claim while preferring another claim of its topic is a contradiction: prefer this claim, or reject it or keep it disputed.',
        { field: 'outcome' },
      );
    }
    const outcome = preferred && preferred.id === claim.id ? 'accepted' : input.outcome;
    bumpVersion(tx, claim, {
      status: outcome,
      adjudicatedAt: now,
      ...(preferred ? { alternativeOf: preferred.id === claim.id ? null : preferred.id } : {}),
    });
    record(claim, outcome, preferred?.id ?? null);
    audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'claim.adjudicate',
      objectType: 'claim',
      objectId: claim.id,
      ip: actor.ip,
      details: {
        from: claim.status,
        to: outcome,
        rationale: input.rationale,
        preferredClaimId: preferred?.id ?? null,
      },
    });
    const touched = [claim.id];
    const authors: { userId: string | null; text: string; claimId: string }[] = [
      {
        userId: claim.createdBy,
        claimId: claim.id,
        text: `${who} ${outcome === 'disputed' ? 'kept your claim disputed' : `${outcome} your claim`} “${excerpt(claim.statement)}”: ${excerpt(input.rationale, 140)}`,
      },
    ];

    if (preferred) {
      if (preferred.id !== claim.id) {
        bumpVersion(tx, preferred, { status: 'accepted', adjudicatedAt: now, alternativeOf: null });
        record(preferred, 'accepted', preferred.id);
        audit(tx, {
          actorUserId: actor.userId,
          workspaceId: claim.workspaceId,
          action: 'claim.adjudicate',
          objectType: 'claim',
          objectId: preferred.id,
          ip: actor.ip,
          details: {
            from: preferred.status,
            to: 'accepted',
            rationale: input.rationale,
            preferredClaimId: preferred.id,
          },
        });
        touched.push(preferred.id);
        authors.push({
          userId: preferred.createdBy,
          claimId: preferred.id,
          text: `${who} preferred your claim “${excerpt(preferred.statement)}” on its topic: ${excerpt(input.rationale, 140)}`,
        });
      }
      const others = topicClaims.filter((c) => c.id !== preferred!.id);
      for (const other of others) {
        // An alternative is not adjudicated on its own reasons: its disputes stay open and its
        // other reasons (mixed evidence, disagreement) stand; it simply no longer competes.
        bumpVersion(tx, other, { alternativeOf: preferred.id });
        record(other, 'alternative', preferred.id, { resolveDisputes: false });
        audit(tx, {
          actorUserId: actor.userId,
          workspaceId: claim.workspaceId,
          action: 'claim.alternative',
          objectType: 'claim',
          objectId: other.id,
          ip: actor.ip,
          details: {
            preferredClaimId: preferred.id,
            preferredStatement: preferred.statement,
            rationale: input.rationale,
          },
        });
        touched.push(other.id);
        authors.push({
          userId: other.createdBy,
          claimId: other.id,
          text: `${who} kept your claim “${excerpt(other.statement)}” as an alternative to “${excerpt(preferred.statement)}”.`,
        });
      }
    }
    for (const a of authors) {
      notified.push(
        ...notify(tx, actor, [a.userId], {
          workspaceId: claim.workspaceId,
          kind: 'decision',
          claimId: a.claimId,
          text: a.text,
        }),
      );
    }
    touch(claim.workspaceId, touched);
    return { status: outcome, version: claim.version + 1, alternatives: touched.length - 1 };
  });
  announce(workspaceId, [...new Set(notified)]);
  return result;
}

/** The latest decision on a claim, for its detail view. */
export function latestDecision(tx: Tx | Db, claimId: string) {
  return (
    tx
      .select({ d: decisions, decidedByName: users.name })
      .from(decisions)
      .leftJoin(users, eq(users.id, decisions.decidedBy))
      .where(eq(decisions.claimId, claimId))
      .orderBy(desc(decisions.decidedAt))
      .limit(1)
      .get() ?? null
  );
}

/** Owners switch blind assessments on or off. */
export async function setBlindAssessments({
  actor,
  workspaceId,
  blind,
}: {
  actor: Actor;
  workspaceId: string;
  blind: boolean;
}) {
  getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, 'review.settings');
      tx.update(workspaces)
        .set({ blindAssessments: blind, updatedAt: new Date() })
        .where(eq(workspaces.id, workspaceId))
        .run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId,
        action: 'workspace.blind_assessments',
        objectType: 'workspace',
        objectId: workspaceId,
        ip: actor.ip,
        details: { blind },
      });
    },
    { behavior: 'immediate' },
  );
}
