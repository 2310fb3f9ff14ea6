import { v1Route } from '@/app/_server/api-v1';
import { presentHistory } from '@/app/_server/api-v1-presenters-review';
import { appStore } from '@/app/_server/store';
import { getClaimHistory } from '@/db/queries/review-views';

type Params = { claimId: string };

/** The claim's history, newest first, under the blind-assessment rule as the claim page shows it. */
export const GET = v1Route<Params>(async ({ actor, params }) =>
  presentHistory(params.claimId, await getClaimHistory(appStore(), { actor, claimId: params.claimId })),
);
