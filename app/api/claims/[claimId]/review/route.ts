import { jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { submitForReview } from '@/db/queries/review';

type Params = { claimId: string };

/** Submits the claim for review (draft or decided → in review). */
export const POST = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  return submitForReview(store, { actor: user, claimId: params.claimId });
});
