import { jsonResponse, readJsonBody, v1Route } from '@/app/_server/api-v1';
import { presentDispute, presentDisputes } from '@/app/_server/api-v1-presenters-review';
import { appStore } from '@/app/_server/store';
import { disputeClaim } from '@/db/queries/review';
import { getDispute, listDisputes } from '@/db/queries/review-lists';
import { disputeCreateSchema } from '@/lib/api/contract/claim-review';

type Params = { claimId: string };

/** The claim's disputes, open and resolved, oldest first. */
export const GET = v1Route<Params>(async ({ actor, params }) =>
  presentDisputes(params.claimId, await listDisputes(appStore(), { actor, claimId: params.claimId })),
);

/** Disputes the claim with a reason: it is contested until a reviewer decides on it. */
export const POST = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const { reason } = await readJsonBody(request, disputeCreateSchema);
  const { disputeId } = await disputeClaim(store, { actor, claimId: params.claimId, reason });
  const dispute = await getDispute(store, { actor, claimId: params.claimId, disputeId });
  return jsonResponse(presentDispute(dispute), { status: 201 });
});
