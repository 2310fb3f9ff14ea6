import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { assignReviewer } from '@/db/queries/review';
import { assignSchema } from '@/lib/review/inputs';

type Params = { claimId: string };

/** Assigns a reviewer to the claim (or none). */
export const PUT = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const { reviewerId } = await readJson(request, assignSchema);
  return assignReviewer(store, { actor: user, claimId: params.claimId, reviewerId });
});
