import { jsonRoute } from '@/app/_server/api';
import { submitForReview } from '@/db/queries/review';

type Params = { claimId: string };

/** Submits the claim for review (draft or decided → in review). */
export const POST = jsonRoute<Params>(async ({ user, params }) =>
  submitForReview({ actor: user, claimId: params.claimId }),
);
