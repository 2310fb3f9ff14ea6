import { jsonRoute } from '@/app/_server/api';
import { getClaimHistory } from '@/db/queries/review-views';

type Params = { claimId: string };

export const GET = jsonRoute<Params>(async ({ user, params }) => ({
  entries: await getClaimHistory({ actor: user, claimId: params.claimId }),
}));
