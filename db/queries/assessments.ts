/** Assessments: each analyst's own likelihood and confidence on a claim, with a rationale. */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/errors';
import type { AssessmentFields } from '@/lib/claims';
import { assessmentLabel } from '@/lib/scales';
import { assessments } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { loadClaim } from './claims';
import { claimWrite } from './live';

/**
 * Records or revises the actor's own assessment. `expectedVersion` (null for a first assessment)
 * guards against overwriting what the same analyst saved from another tab.
 */
export async function saveMyAssessment({
  actor,
  claimId,
  fields,
  expectedVersion,
}: {
  actor: Actor;
  claimId: string;
  fields: AssessmentFields;
  expectedVersion: number | null;
}) {
  return claimWrite(actor.userId, (tx, touch) => {
    const claim = loadClaim(tx, actor, claimId, 'assessment.write');
    const existing = tx
      .select()
      .from(assessments)
      .where(and(eq(assessments.claimId, claimId), eq(assessments.userId, actor.userId)))
      .get();
    if ((existing?.version ?? null) !== expectedVersion) {
      throw new AppError(
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
    if (existing) {
      tx.update(assessments)
        .set({ ...fields, version: existing.version + 1, updatedAt: new Date() })
        .where(eq(assessments.id, existing.id))
        .run();
    } else {
      tx.insert(assessments)
        .values({ id: randomUUID(), claimId, userId: actor.userId, ...fields })
        .run();
    }
    audit(tx, {
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
    return { version: (existing?.version ?? 0) + 1 };
  });
}
