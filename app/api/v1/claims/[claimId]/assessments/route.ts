import { v1Route } from '@/app/_server/api-v1';
import { presentAssessments } from '@/app/_server/api-v1-presenters';
import { appStore } from '@/app/_server/store';
import { getClaimRecord } from '@/db/queries/claim-views';

type Params = { claimId: string };

/**
 * The assessments of a claim the user may see. With blind assessments on, an analyst sees the
 * others' only after recording their own (`hiddenCount` says how many are withheld).
 */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  return presentAssessments(await getClaimRecord(store, { actor, claimId: params.claimId }));
});
