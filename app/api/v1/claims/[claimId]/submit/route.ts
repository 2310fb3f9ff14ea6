import { jsonResponse, v1Route } from '@/app/_server/api-v1';
import { claimEtag, presentReviewState } from '@/app/_server/api-v1-presenters-review';
import { appStore } from '@/app/_server/store';
import { submitForReview } from '@/db/queries/review';
import { getClaimReviewState } from '@/db/queries/review-lists';

type Params = { claimId: string };

/** Submits the claim for review (a draft, or a decided claim reopened); 409 when it already awaits one. */
export const POST = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  await submitForReview(store, { actor, claimId: params.claimId });
  const state = await getClaimReviewState(store, { actor, claimId: params.claimId });
  return jsonResponse(presentReviewState(state), { etag: claimEtag(state) });
});
