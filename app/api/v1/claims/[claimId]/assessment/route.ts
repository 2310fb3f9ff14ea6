import {
  isVersionConflict,
  jsonResponse,
  matchesVersion,
  preconditionFailed,
  readJsonBody,
  v1Route,
} from '@/app/_server/api-v1';
import { presentAssessment } from '@/app/_server/api-v1-presenters';
import { appStore } from '@/app/_server/store';
import type { Actor } from '@/db/queries/access';
import type { Store } from '@/db/store';
import { saveMyAssessment } from '@/db/queries/assessments';
import { getClaimRecord } from '@/db/queries/claim-views';
import { etag, parseIfMatch } from '@/lib/api/etag';
import { assessmentInputSchema } from '@/lib/api/schemas';

type Params = { claimId: string };

async function mine(store: Store, actor: Actor, claimId: string) {
  const claim = await getClaimRecord(store, { actor, claimId });
  const own = claim.assessments.find((a) => a.mine);
  return own
    ? {
        version: own.version,
        body: presentAssessment(own, claimId),
        etag: etag('assessment', claimId, own.version),
      }
    : null;
}

/**
 * Records or revises the user's own assessment of the claim (likelihood, confidence, rationale).
 * Conditional: `If-Match` with the assessment's ETag (412 when it changed since), or
 * `If-None-Match: *` to record a first one only. Without either, the last write wins — it is the
 * user's own assessment. 201 when recorded, 200 when revised.
 */
export const PUT = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const fields = await readJsonBody(request, assessmentInputSchema);
  const before = await mine(store, actor, params.claimId);
  const ifMatch = parseIfMatch(request.headers.get('if-match'), 'assessment', params.claimId);
  const createOnly = request.headers.get('if-none-match')?.trim() === '*';
  const conditional = ifMatch.kind !== 'missing' || createOnly;
  const stale = () => preconditionFailed('assessment', before?.body ?? null, before?.etag);
  if (ifMatch.kind !== 'missing' && (!before || !matchesVersion(ifMatch, before.version))) throw stale();
  if (createOnly && before) throw stale();
  try {
    await saveMyAssessment(store, {
      actor,
      claimId: params.claimId,
      fields,
      expectedVersion: before?.version ?? null,
    });
  } catch (error) {
    if (!conditional || !isVersionConflict(error, 'assessment')) throw error;
    const now = await mine(store, actor, params.claimId);
    throw preconditionFailed('assessment', now?.body ?? null, now?.etag);
  }
  const after = (await mine(store, actor, params.claimId))!;
  return jsonResponse(after.body, { status: before ? 200 : 201, etag: after.etag });
});
