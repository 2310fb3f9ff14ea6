import { jsonResponse, readJsonBody, v1Route } from '@/app/_server/api-v1';
import { claimFieldsFromBody } from '@/app/_server/api-v1-claims';
import { appStore } from '@/app/_server/store';
import { presentClaim, presentClaimSummary } from '@/app/_server/api-v1-presenters';
import { getClaimRecord, listDocumentClaims } from '@/db/queries/claim-views';
import { createClaim } from '@/db/queries/claims';
import { getDocument } from '@/db/queries/documents';
import { getRevision } from '@/db/queries/revisions';
import { etag } from '@/lib/api/etag';
import { claimCreateSchema } from '@/lib/api/schemas';
import { resolveTarget } from '@/lib/api/target';
import { AppError } from '@/lib/errors';

type Params = { documentId: string };

/** The live claims with a passage in the document, in reading order. */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  return {
    claims: (await listDocumentClaims(store, { actor, documentId: params.documentId })).map(
      presentClaimSummary,
    ),
  };
});

/**
 * Makes a claim on a passage of the document's current revision, given by W3C selectors: a
 * TextQuoteSelector (exact, with prefix/suffix to tell repeated quotes apart), a
 * TextPositionSelector, or both. Never guessed: a quote not found or found more than once is 422.
 */
export const POST = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const { target, ...body } = await readJsonBody(request, claimCreateSchema);
  const [document, revision] = await Promise.all([
    getDocument(store, { actor, documentId: params.documentId }),
    getRevision(store, { actor, documentId: params.documentId }),
  ]);
  const fields = await claimFieldsFromBody(actor, document.workspaceId, body);
  const place = resolveTarget(revision.canonicalText, target);
  if (!place.ok) throw new AppError('invalid', 'target', place.message, { field: 'target' });
  const { claimId } = await createClaim(store, {
    actor,
    passage: { documentId: document.id, revisionId: revision.id, start: place.start, end: place.end },
    fields,
  });
  const claim = await getClaimRecord(store, { actor, claimId });
  return jsonResponse(presentClaim(claim), {
    status: 201,
    etag: etag('claim', claim.id, claim.version),
    location: `/api/v1/claims/${claim.id}`,
  });
});
