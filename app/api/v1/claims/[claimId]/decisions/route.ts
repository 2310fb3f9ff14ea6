import { jsonResponse, readJsonBody, v1Route } from '@/app/_server/api-v1';
import { presentDecisionCreated, presentDecisions } from '@/app/_server/api-v1-presenters-review';
import { appStore } from '@/app/_server/store';
import { adjudicateClaim } from '@/db/queries/review';
import { getLatestDecision, listDecisions } from '@/db/queries/review-lists';
import { decisionCreateSchema } from '@/lib/api/contract/claim-review';

type Params = { claimId: string };

/**
 * The claim's decisions, newest first, with its review version and the topic's competing claims
 * (what a decision names). Blind assessments withhold the team's judgment as the claim page does.
 */
export const GET = v1Route<Params>(async ({ actor, params }) =>
  presentDecisions(await listDecisions(appStore(), { actor, claimId: params.claimId })),
);

/**
 * Decides on the claim (reviewers and owners: the data layer refuses anyone else). 201 with the
 * decision and the claim's new state, its new ETag included; 409 when the review version sent is
 * no longer the claim's.
 */
export const POST = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const input = await readJsonBody(request, decisionCreateSchema);
  const { alternatives } = await adjudicateClaim(store, { actor, claimId: params.claimId, input });
  const { state, decision } = await getLatestDecision(store, { actor, claimId: params.claimId });
  return jsonResponse(presentDecisionCreated(state, decision, alternatives), { status: 201 });
});
