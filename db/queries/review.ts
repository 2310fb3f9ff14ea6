/**
 * Team review: submitting a claim for review, disputing it, assigning a reviewer, adjudicating
 * (reviewers and owners only, with a written rationale), and the blind-assessment setting. Every
 * write re-evaluates the contested state in its transaction (claimWrite) and is audited.
 */
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, conflict, notFound } from '@/lib/errors';
import { can } from '@/lib/permissions';
import { quantitiesDisagree } from '@/lib/review/contested';
import { likelihoodLabel, likelihoodRank } from '@/lib/scales';
import type { AdjudicationInput } from '@/lib/review/inputs';
import { first, type Db, type Store, type Tx } from '../store';
import { audit } from '../audit';
import {
  assessments,
  claims,
  decisions,
  disputes,
  memberships,
  users,
  workspaces,
  type Claim,
  type DecisionOutcome,
} from '../schema';
import { authorize, type Actor } from './access';
import { loadClaim } from './claims';
import { claimWrite } from './live';
import { excerpt, notify } from './notifications';

/**
 * Writes `set` to the claim and moves its version on, in one statement; answers the new version.
 * With `reviewVersion`, only while the claim's review version is still that one (the picture the
 * reviewer decided on): otherwise nothing is written and the answer is undefined.
 */
async function bumpVersion(
  tx: Tx,
  claim: Claim,
  set: Partial<Claim>,
  reviewVersion?: number,
): Promise<number | undefined> {
  const [updated] = await tx
    .update(claims)
    .set({ ...set, version: sql`${claims.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(claims.id, claim.id),
        reviewVersion === undefined ? undefined : eq(claims.reviewVersion, reviewVersion),
      ),
    )
    .returning({ version: claims.version });
  return updated?.version;
}

/** The claim as it is now (after a conditional write found it changed). */
async function current(tx: Tx, claimId: string): Promise<Claim> {
  const claim = await first(tx.select().from(claims).where(eq(claims.id, claimId)).limit(1));
  if (!claim) throw notFound('claim');
  return claim;
}

/** The claim changed since the reviewer opened it: its new review version, status and statement. */
const claimChanged = (claim: Claim) =>
  new AppError(
    'conflict',
    'claim',
    `This claim changed since you opened it (it is now ${claim.status.replace('_', ' ')}). Reload it, check the change, and decide again.`,
    { current: { version: claim.reviewVersion, status: claim.status, statement: claim.statement } },
  );

/** Another claim of the topic, that the decision changes, changed since the reviewer opened it. */
const topicClaimChanged = (claim: Claim) =>
  new AppError(
    'conflict',
    'claim',
    `A claim of this topic changed since you opened it: “${excerpt(claim.statement)}”. Reload, check the change, and decide again.`,
    { current: { claimId: claim.id, version: claim.reviewVersion, statement: claim.statement } },
  );

/** Draft (or a decided claim, reopened) → in review. */
export async function submitForReview(store: Store, { actor, claimId }: { actor: Actor; claimId: string }) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const claim = await loadClaim(tx, actor, claimId, 'claim.write');
    if (claim.status === 'in_review') throw conflict('claim', 'This claim is already awaiting review.');
    const version = (await bumpVersion(tx, claim, { status: 'in_review' }))!;
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'claim.submit_review',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: { from: claim.status, to: 'in_review' },
    });
    touch(claim.workspaceId, [claimId]);
    return { status: 'in_review' as const, version };
  });
}

/** A member disputes a claim with a reason: it is contested until an adjudication. */
export async function disputeClaim(
  store: Store,
  {
    actor,
    claimId,
    reason,
  }: {
    actor: Actor;
    claimId: string;
    reason: string;
  },
) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const claim = await loadClaim(tx, actor, claimId, 'comment.write');
    const id = randomUUID();
    await tx.insert(disputes).values({ id, claimId, userId: actor.userId, reason });
    await audit(tx, {
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

async function memberCanAdjudicate(tx: Db, workspaceId: string, userId: string): Promise<boolean> {
  const m = await first(
    tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1),
  );
  return !!m && can(m.role, 'claim.adjudicate');
}

/** Assigns a reviewer (a member who may adjudicate), or none. The reviewer is notified. */
export async function assignReviewer(
  store: Store,
  {
    actor,
    claimId,
    reviewerId,
  }: {
    actor: Actor;
    claimId: string;
    reviewerId: string | null;
  },
) {
  const result = await claimWrite(store, actor.userId, async (tx, touch) => {
    const claim = await loadClaim(tx, actor, claimId, 'claim.write');
    if (reviewerId && !(await memberCanAdjudicate(tx, claim.workspaceId, reviewerId))) {
      throw new AppError('invalid', 'claim', 'Choose a reviewer or an owner of this workspace.', {
        field: 'reviewerId',
      });
    }
    if (claim.reviewerId === reviewerId) return { reviewerId };
    const name = async (id: string | null) =>
      id
        ? ((await first(tx.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1)))
            ?.name ?? null)
        : null;
    await tx.update(claims).set({ reviewerId, updatedAt: new Date() }).where(eq(claims.id, claimId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'claim.assign',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: { reviewerName: await name(reviewerId), previousReviewerName: await name(claim.reviewerId) },
    });
    const actorName = (await name(actor.userId)) ?? 'A member';
    await notify(tx, actor, [reviewerId], {
      workspaceId: claim.workspaceId,
      kind: 'assignment',
      claimId,
      text: `${actorName} asked you to review “${excerpt(claim.statement)}”.`,
    });
    touch(claim.workspaceId, [claimId]);
    return { reviewerId };
  });
  return result;
}

/**
 * Adjudicates a claim: accepted, rejected or (still) disputed, with a rationale; open disputes
 * are resolved. For a topic with competing values, `preferredClaimId` names the claim to prefer:
 * it is accepted, and the topic's other claims with a quantity become its alternatives (kept,
 * never deleted). The authors are notified of the decision.
 */
export async function adjudicateClaim(
  store: Store,
  {
    actor,
    claimId,
    input,
  }: {
    actor: Actor;
    claimId: string;
    /** The team's judgment is optional to callers here (none recorded); the API's schema checks it. */
    input: Omit<AdjudicationInput, 'likelihood' | 'confidence'> &
      Partial<Pick<AdjudicationInput, 'likelihood' | 'confidence'>>;
  },
) {
  const result = await claimWrite(store, actor.userId, async (tx, touch) => {
    const claim = await loadClaim(tx, actor, claimId, 'claim.adjudicate');
    // Any write that bears on the review (the claim, its evidence, assessments, disputes) moves
    // reviewVersion: a decision made on an older picture is refused (here, and by the conditional
    // writes below, which hold even if another transaction read the same picture meanwhile).
    if (claim.reviewVersion !== input.version) throw claimChanged(claim);
    const now = new Date();
    const reviewer = await first(
      tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).limit(1),
    );
    const who = reviewer?.name ?? 'A reviewer';
    const record = async (
      target: Claim,
      outcome: DecisionOutcome,
      preferred: string | null,
      { resolveDisputes = true, judged = false } = {},
    ) => {
      await tx.insert(decisions).values({
        id: randomUUID(),
        claimId: target.id,
        outcome,
        rationale: input.rationale,
        preferredClaimId: preferred,
        ...(judged ? judgment : {}),
        decidedBy: actor.userId,
        decidedAt: now,
      });
      if (!resolveDisputes) return;
      await tx
        .update(disputes)
        .set({ resolvedAt: now })
        .where(and(eq(disputes.claimId, target.id), isNull(disputes.resolvedAt)));
    };
    /** Writes a topic claim the decision changes, if it is still as the reviewer saw it. */
    const bumpTopicClaim = async (target: Claim, set: Partial<Claim>) => {
      if ((await bumpVersion(tx, target, set, target.reviewVersion)) === undefined)
        throw topicClaimChanged(await current(tx, target.id));
    };

    let preferred: Claim | null = null;
    if (input.preferredClaimId) {
      preferred =
        input.preferredClaimId === claim.id
          ? claim
          : ((await first(
              tx
                .select()
                .from(claims)
                .where(and(eq(claims.id, input.preferredClaimId), isNull(claims.deletedAt)))
                .limit(1),
            )) ?? null);
      if (!preferred || !claim.topicId || preferred.topicId !== claim.topicId) {
        throw new AppError('invalid', 'claim', 'Choose the preferred claim among the claims of this topic.', {
          field: 'preferredClaimId',
        });
      }
    }

    // The topic's claims the decision changes must be as the reviewer saw them.
    const topicClaims = preferred
      ? (
          await tx
            .select()
            .from(claims)
            .where(
              and(eq(claims.topicId, preferred.topicId!), isNull(claims.deletedAt), ne(claims.id, claim.id)),
            )
        ).filter((c) => c.id === preferred!.id || c.quantityMin !== null)
      : [];
    const changed = topicClaims.find((c) => input.topicVersions?.[c.id] !== c.reviewVersion);
    if (changed) throw topicClaimChanged(changed);

    if (preferred && preferred.id !== claim.id && input.outcome === 'accepted') {
      throw new AppError(
        'invalid',
        'claim',
        'Accepting this claim while preferring another claim of its topic is a contradiction: prefer this claim, or reject it or keep it disputed.',
        { field: 'outcome' },
      );
    }
    // Only a claim whose value differs from the preferred one's is its alternative: one with the
    // same value (a range that overlaps it) agrees with it, and is left as it is.
    const isAlternative = (c: Claim) => {
      if (!preferred || c.id === preferred.id) return false;
      if (c.quantityMin === null || c.quantityMax === null) return true;
      if (preferred.quantityMin === null || preferred.quantityMax === null) return true;
      return quantitiesDisagree(
        { min: c.quantityMin, max: c.quantityMax, unit: c.quantityUnit ?? '' },
        { min: preferred.quantityMin, max: preferred.quantityMax, unit: preferred.quantityUnit ?? '' },
      );
    };
    const outcome = preferred && preferred.id === claim.id ? 'accepted' : input.outcome;
    // The team's judgment is about the claim the decision settles: the preferred claim when
    // another one is preferred, else the claim decided.
    const judgment = { likelihood: input.likelihood ?? null, confidence: input.confidence ?? null };
    const judgesPreferred = !!preferred && preferred.id !== claim.id;
    // The reviewer's own stake in the claims decided, said in the history (and shown with the
    // decision): they wrote it, or disputed it.
    const stakeIn = async (target: Claim) => {
      const stake: ('author' | 'disputant')[] = [];
      if (target.createdBy === actor.userId) stake.push('author');
      const disputed = await first(
        tx
          .select({ id: disputes.id })
          .from(disputes)
          .where(and(eq(disputes.claimId, target.id), eq(disputes.userId, actor.userId)))
          .limit(1),
      );
      if (disputed) stake.push('disputant');
      return stake;
    };
    const version = await bumpVersion(
      tx,
      claim,
      {
        status: outcome,
        adjudicatedAt: now,
        ...(preferred ? { alternativeOf: isAlternative(claim) ? preferred.id : null } : {}),
      },
      input.version,
    );
    if (version === undefined) throw claimChanged(await current(tx, claim.id));
    await record(claim, outcome, preferred?.id ?? null, { judged: !judgesPreferred });
    await audit(tx, {
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
        ...(judgesPreferred ? {} : judgment),
        stake: await stakeIn(claim),
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
        await bumpTopicClaim(preferred, { status: 'accepted', adjudicatedAt: now, alternativeOf: null });
        await record(preferred, 'accepted', preferred.id, { judged: true });
        await audit(tx, {
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
            ...judgment,
            stake: await stakeIn(preferred),
          },
        });
        touched.push(preferred.id);
        authors.push({
          userId: preferred.createdBy,
          claimId: preferred.id,
          text: `${who} preferred your claim “${excerpt(preferred.statement)}” on its topic: ${excerpt(input.rationale, 140)}`,
        });
      }
      // An earlier decision's alternative that agrees with the claim now preferred competes no more.
      for (const agreeing of topicClaims.filter((c) => !isAlternative(c) && c.id !== preferred!.id)) {
        if (agreeing.alternativeOf !== null) {
          await bumpTopicClaim(agreeing, { alternativeOf: null });
          touched.push(agreeing.id);
        }
      }
      const others = topicClaims.filter(isAlternative);
      for (const other of others) {
        // An alternative is not adjudicated on its own reasons: its disputes stay open and its
        // other reasons (mixed evidence, disagreement) stand; it simply no longer competes.
        await bumpTopicClaim(other, { alternativeOf: preferred.id });
        await record(other, 'alternative', preferred.id, { resolveDisputes: false });
        await audit(tx, {
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
      await notify(tx, actor, [a.userId], {
        workspaceId: claim.workspaceId,
        kind: 'decision',
        claimId: a.claimId,
        text: a.text,
      });
    }
    // Analysts whose own judgment the decision went against: accepted where they thought it
    // unlikely, rejected where they thought it likely. Each is told of their own assessment only.
    const decided: [Claim, 'accepted' | 'rejected'][] =
      outcome === 'accepted' || outcome === 'rejected' ? [[claim, outcome]] : [];
    if (preferred && preferred.id !== claim.id) decided.push([preferred, 'accepted']);
    const even = likelihoodRank('roughly_even_chance');
    for (const [target, verdict] of decided) {
      const against = await tx
        .select({ userId: assessments.userId, likelihood: assessments.likelihood })
        .from(assessments)
        .where(eq(assessments.claimId, target.id));
      for (const a of against) {
        const rank = likelihoodRank(a.likelihood);
        if (verdict === 'accepted' ? rank >= even : rank <= even) continue;
        await notify(tx, actor, [a.userId], {
          workspaceId: claim.workspaceId,
          kind: 'overruled',
          claimId: target.id,
          text: `${who} ${verdict} “${excerpt(target.statement)}”, which you assessed as ${likelihoodLabel(a.likelihood)}: ${excerpt(input.rationale, 140)}`,
        });
      }
    }

    touch(claim.workspaceId, touched);
    return { status: outcome, version, alternatives: touched.length - 1 };
  });
  return result;
}

/** The latest decision on a claim, for its detail view. */
export async function latestDecision(tx: Db, claimId: string) {
  return (
    (await first(
      tx
        .select({ d: decisions, decidedByName: users.name })
        .from(decisions)
        .leftJoin(users, eq(users.id, decisions.decidedBy))
        .where(eq(decisions.claimId, claimId))
        .orderBy(desc(decisions.decidedAt))
        .limit(1),
    )) ?? null
  );
}

/** Owners switch blind assessments on or off. */
export async function setBlindAssessments(
  store: Store,
  {
    actor,
    workspaceId,
    blind,
  }: {
    actor: Actor;
    workspaceId: string;
    blind: boolean;
  },
) {
  await store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'review.settings');
    await tx
      .update(workspaces)
      .set({ blindAssessments: blind, updatedAt: new Date() })
      .where(eq(workspaces.id, workspaceId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: 'workspace.blind_assessments',
      objectType: 'workspace',
      objectId: workspaceId,
      ip: actor.ip,
      details: { blind },
    });
  });
}
