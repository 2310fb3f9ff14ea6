import { jsonResponse, readJsonBody, v1Route } from '@/app/_server/api-v1';
import { presentEvidence } from '@/app/_server/api-v1-presenters';
import { appStore } from '@/app/_server/store';
import { getClaimRecord } from '@/db/queries/claim-views';
import { addEvidence } from '@/db/queries/evidence';
import { getEvidence } from '@/db/queries/evidence-views';
import { etag } from '@/lib/api/etag';
import { evidenceCreateSchema } from '@/lib/api/schemas';

type Params = { claimId: string };

/** The claim's evidence, each with its source, stance, credibility and rating (e.g. "B2"). */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  const claim = await getClaimRecord(store, { actor, claimId: params.claimId });
  return { evidence: claim.evidence.map((e) => presentEvidence(e, claim.id)) };
});

/** Links the claim to a source of the registry ({ id }) or to a new one ({ create: {…} }). */
export const POST = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const { source, ...fields } = await readJsonBody(request, evidenceCreateSchema);
  const { evidenceId } = await addEvidence(store, { actor, claimId: params.claimId, source, fields });
  const evidence = await getEvidence(store, { actor, evidenceId });
  return jsonResponse(presentEvidence(evidence, evidence.claimId), {
    status: 201,
    etag: etag('evidence', evidence.id, evidence.version),
    location: `/api/v1/evidence/${evidence.id}`,
  });
});
