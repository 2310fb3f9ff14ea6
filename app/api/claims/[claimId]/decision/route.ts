import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { adjudicateClaim } from '@/db/queries/review';
import { adjudicationSchema } from '@/lib/review/inputs';

type Params = { claimId: string };

/** Adjudicates the claim (reviewers and owners; the data layer refuses anyone else). */
export const POST = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const input = await readJson(request, adjudicationSchema);
  return adjudicateClaim(store, { actor: user, claimId: params.claimId, input });
});
