import { conditionalEdit, jsonResponse, noContent, readJsonBody, v1Route } from '@/app/_server/api-v1';
import { claimFieldsFromBody } from '@/app/_server/api-v1-claims';
import { presentClaim } from '@/app/_server/api-v1-presenters';
import { appStore } from '@/app/_server/store';
import type { Actor } from '@/db/queries/access';
import type { Store } from '@/db/store';
import { getClaimCurrent, getClaimRecord } from '@/db/queries/claim-views';
import { trashClaim, updateClaim } from '@/db/queries/claims';
import { etag } from '@/lib/api/etag';
import { claimBodySchema } from '@/lib/api/schemas';

type Params = { claimId: string };

async function current(store: Store, actor: Actor, claimId: string) {
  const claim = await getClaimRecord(store, { actor, claimId });
  return { object: claim, body: presentClaim(claim), etag: etag('claim', claim.id, claim.version) };
}

/** A claim in full, with its ETag (send it back in If-Match to edit). */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  const { body, etag } = await current(store, actor, params.claimId);
  return jsonResponse(body, { etag });
});

/**
 * Edits a claim: the fields sent replace the current ones, the others are kept. Needs If-Match
 * (428 without); a stale ETag is 412 with the current claim.
 */
export const PATCH = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  return conditionalEdit(request, 'claim', params.claimId, {
    readPatch: () => readJsonBody(request, claimBodySchema),
    load: () => current(store, actor, params.claimId),
    current: () => getClaimCurrent(store, { actor, claimId: params.claimId }),
    apply: async (claim, patch) =>
      updateClaim(store, {
        actor,
        claimId: params.claimId,
        expectedVersion: claim.version,
        fields: await claimFieldsFromBody(actor, claim.workspaceId, patch, claim),
      }),
  });
});

/** Moves the claim to the workspace trash (an owner can restore it in the app). */
export const DELETE = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  await trashClaim(store, { actor, claimId: params.claimId });
  return noContent();
});
