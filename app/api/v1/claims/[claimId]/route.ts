import {
  isVersionConflict,
  jsonResponse,
  matchesVersion,
  noContent,
  preconditionFailed,
  readJsonBody,
  requireIfMatch,
  v1Route,
} from '@/app/_server/api-v1';
import { claimFieldsFromBody } from '@/app/_server/api-v1-claims';
import { presentClaim } from '@/app/_server/api-v1-presenters';
import type { Actor } from '@/db/queries/access';
import { getClaimDetail } from '@/db/queries/claim-views';
import { trashClaim, updateClaim } from '@/db/queries/claims';
import { etag } from '@/lib/api/etag';
import { claimBodySchema } from '@/lib/api/schemas';

type Params = { claimId: string };

async function current(actor: Actor, claimId: string) {
  const claim = await getClaimDetail({ actor, claimId });
  return { claim, body: presentClaim(claim), etag: etag('claim', claim.id, claim.version) };
}

/** A claim in full, with its ETag (send it back in If-Match to edit). */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const { body, etag } = await current(actor, params.claimId);
  return jsonResponse(body, { etag });
});

/**
 * Edits a claim: the fields sent replace the current ones, the others are kept. Needs If-Match
 * (428 without); a stale ETag is 412 with the current claim.
 */
export const PATCH = v1Route<Params>(async ({ request, actor, params }) => {
  const ifMatch = requireIfMatch(request, 'claim', params.claimId);
  const patch = await readJsonBody(request, claimBodySchema);
  const before = await current(actor, params.claimId);
  if (!matchesVersion(ifMatch, before.claim.version))
    throw preconditionFailed('claim', before.body, before.etag);
  const fields = await claimFieldsFromBody(actor, before.claim.workspaceId, patch, before.claim);
  try {
    await updateClaim({ actor, claimId: params.claimId, expectedVersion: before.claim.version, fields });
  } catch (error) {
    if (!isVersionConflict(error, 'claim')) throw error;
    const now = await current(actor, params.claimId);
    throw preconditionFailed('claim', now.body, now.etag);
  }
  const after = await current(actor, params.claimId);
  return jsonResponse(after.body, { etag: after.etag });
});

/** Moves the claim to the workspace trash (an owner can restore it in the app). */
export const DELETE = v1Route<Params>(async ({ actor, params }) => {
  await trashClaim({ actor, claimId: params.claimId });
  return noContent();
});
