/** Assessments: each analyst's own likelihood and confidence on a claim, with a rationale. */
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/errors';
import type { AssessmentFields } from '@/lib/claims';
import { assessmentLabel } from '@/lib/scales';
import { assessments, type Assessment } from '../schema';
import { first, type Db, type Store } from '../store';
import { audit } from '../audit';
import type { Actor } from './access';
import { loadClaim } from './claims';
import { claimWrite } from './live';

const mine = (tx: Db, claimId: string, userId: string) =>
  first(
    tx
      .select()
      .from(assessments)
      .where(and(eq(assessments.claimId, claimId), eq(assessments.userId, userId)))
      .limit(1),
  );

/** The refusal of a save made from a stale copy, with the assessment's newer values. */
function staleAssessment(existing: Assessment | undefined): AppError {
  return new AppError(
    'conflict',
    'assessment',
    existing
      ? `You changed this assessment elsewhere since this page was opened: it is now “${assessmentLabel(existing.likelihood, existing.confidence)}”. Reload to see it.`
      : 'This assessment was removed meanwhile. Reload the page.',
    existing
      ? {
          current: {
            version: existing.version,
            likelihood: existing.likelihood,
            confidence: existing.confidence,
            rationale: existing.rationale,
          },
        }
      : {},
  );
}

/**
 * Records or revises the actor's own assessment. `expectedVersion` (null for a first assessment)
 * guards against overwriting what the same analyst saved from another tab: a revision is one
 * UPDATE conditional on that version, a first assessment an INSERT that does nothing when one
 * exists already (the claim and analyst are unique); either way, of two saves made from the same
 * version exactly one is kept and the other is refused with the newer values.
 */
export async function saveMyAssessment(
  store: Store,
  {
    actor,
    claimId,
    fields,
    expectedVersion,
  }: {
    actor: Actor;
    claimId: string;
    fields: AssessmentFields;
    expectedVersion: number | null;
  },
) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const claim = await loadClaim(tx, actor, claimId, 'assessment.write');
    const existing = await mine(tx, claimId, actor.userId);
    // The quick answer; the conditional statements below are what make it hold.
    if ((existing?.version ?? null) !== expectedVersion) throw staleAssessment(existing);
    const [saved] =
      existing && expectedVersion !== null
        ? await tx
            .update(assessments)
            .set({ ...fields, version: sql`${assessments.version} + 1`, updatedAt: new Date() })
            .where(and(eq(assessments.id, existing.id), eq(assessments.version, expectedVersion)))
            .returning({ version: assessments.version })
        : await tx
            .insert(assessments)
            .values({ id: randomUUID(), claimId, userId: actor.userId, ...fields })
            .onConflictDoNothing({ target: [assessments.claimId, assessments.userId] })
            .returning({ version: assessments.version });
    // Another save was kept since the read above: refuse with what it saved.
    if (!saved) throw staleAssessment(await mine(tx, claimId, actor.userId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: existing ? 'assessment.update' : 'assessment.create',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: {
        before: existing ? { likelihood: existing.likelihood, confidence: existing.confidence } : null,
        after: { likelihood: fields.likelihood, confidence: fields.confidence },
      },
    });
    touch(claim.workspaceId, [claimId]);
    return { version: saved.version };
  });
}
