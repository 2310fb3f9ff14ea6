/**
 * Adjudicated claims as schema.org ClaimReview (https://schema.org/ClaimReview), JSON-LD: a JSON
 * array with one ClaimReview per claim that has a decision; claims without one are left out.
 *
 * Rating: a three-step scale where a higher value means "more credible".
 *
 * | decision  | ratingValue | alternateName |
 * |-----------|-------------|---------------|
 * | accepted  | 3           | Accepted      |
 * | disputed  | 2           | Disputed      |
 * | rejected  | 1           | Rejected      |
 * | alternative | 1         | Alternative (another claim preferred) |
 *
 * with bestRating 3 and worstRating 1.
 *
 * - url: the claim's page in the app (`claimUrl`); author: the workspace, as an Organization;
 *   datePublished: when the decision was made; reviewBody: the decision's rationale.
 * - itemReviewed: a Claim whose `appearance` lists each document the claim is anchored in
 *   (the original publication URL when known, else the reader's page); its author (as a Person)
 *   and datePublished come from the first of those documents, when known.
 *
 * Streamed: one review per line inside the array.
 */
import type { DecisionStatus, ExportClaim, ExportDocument, ExportSourceData } from './model';
import { claimUrl } from './model';

export const CLAIM_REVIEW_RATINGS: Record<DecisionStatus, { value: number; name: string }> = {
  accepted: { value: 3, name: 'Accepted' },
  disputed: { value: 2, name: 'Disputed' },
  rejected: { value: 1, name: 'Rejected' },
  alternative: { value: 1, name: 'Alternative (another claim preferred)' },
};
export const CLAIM_REVIEW_BEST = 3;
export const CLAIM_REVIEW_WORST = 1;

export function claimReviewFor(
  data: Pick<ExportSourceData, 'context'>,
  claim: ExportClaim,
  documents: Map<string, ExportDocument>,
): Record<string, unknown> | null {
  const decision = claim.decision;
  // A claim edited after its decision is back in review: its old verdict is not published.
  if (!decision || claim.status === 'draft' || claim.status === 'in_review') return null;
  const rating = CLAIM_REVIEW_RATINGS[decision.status];
  const seen = new Set<string>();
  const docs: ExportDocument[] = [];
  for (const anchor of claim.anchors) {
    const doc = documents.get(anchor.documentId);
    if (doc && !seen.has(doc.id)) {
      seen.add(doc.id);
      docs.push(doc);
    }
  }
  const first = docs[0];
  const { workspace, baseUrl } = data.context;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: claimUrl(data.context, claim.id),
    claimReviewed: claim.statement,
    datePublished: decision.decidedAt,
    author: {
      '@type': 'Organization',
      name: workspace.name,
      url: `${baseUrl}/w/${encodeURIComponent(workspace.id)}`,
    },
    reviewBody: decision.rationale,
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.value,
      bestRating: CLAIM_REVIEW_BEST,
      worstRating: CLAIM_REVIEW_WORST,
      alternateName: rating.name,
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(first?.author ? { author: { '@type': 'Person', name: first.author } } : {}),
      ...(first?.publishedOn ? { datePublished: first.publishedOn } : {}),
      appearance: docs.map((d) => ({ '@type': 'CreativeWork', url: d.sourceUrl ?? d.url, name: d.title })),
    },
  };
}

export async function* claimReviewChunks(data: ExportSourceData): AsyncGenerator<string> {
  const documents = new Map(data.documents.map((d) => [d.id, d]));
  yield '[';
  let count = 0;
  for await (const claim of data.claims()) {
    const review = claimReviewFor(data, claim, documents);
    if (!review) continue;
    yield `${count === 0 ? '\n' : ',\n'}${JSON.stringify(review)}`;
    count++;
  }
  yield count ? '\n]\n' : ']\n';
}
