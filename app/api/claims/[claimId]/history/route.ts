import { jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { getClaimHistory } from '@/db/queries/review-views';

type Params = { claimId: string };

export const GET = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  return { entries: await getClaimHistory(store, { actor: user, claimId: params.claimId }) };
});
