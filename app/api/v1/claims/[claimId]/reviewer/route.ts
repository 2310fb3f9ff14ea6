import { jsonResponse, readJsonBody, v1Route } from '@/app/_server/api-v1';
import { claimEtag, presentReviewState } from '@/app/_server/api-v1-presenters-review';
import { appStore } from '@/app/_server/store';
import { assignReviewer } from '@/db/queries/review';
import { getClaimReviewState } from '@/db/queries/review-lists';
import { reviewerAssignSchema } from '@/lib/api/contract/claim-review';
import { AppError, isAppError } from '@/lib/errors';

type Params = { claimId: string };

/** Assigns a reviewer (`{ userId }`, a reviewer or an owner of the workspace; notified) or none (`null`). */
export const PUT = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const { userId } = await readJsonBody(request, reviewerAssignSchema);
  try {
    await assignReviewer(store, { actor, claimId: params.claimId, reviewerId: userId });
  } catch (error) {
    // The data layer names the form's field; the API calls it userId.
    if (isAppError(error) && error.field === 'reviewerId')
      throw new AppError(error.kind, error.object, error.message, { field: 'userId' });
    throw error;
  }
  const state = await getClaimReviewState(store, { actor, claimId: params.claimId });
  return jsonResponse(presentReviewState(state), { etag: claimEtag(state) });
});
