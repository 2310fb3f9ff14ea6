import { describe, expect, it } from 'vitest';
import { CLAIM_REVIEW_RATINGS, claimReviewChunks } from './claimreview';
import { collectText, fixtureExport, fixtureWithClaims, FIXTURE_CLAIMS } from './fixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const reviews = async (data = fixtureExport()): Promise<Json[]> =>
  JSON.parse(await collectText(claimReviewChunks(data)));

describe('ClaimReview export', () => {
  it('reviews the adjudicated claims only', async () => {
    const r = await reviews();
    expect(r.map((x) => x.claimReviewed)).toEqual([
      'Mali released 206 prisoners in the exchange',
      'A ransom of €2.5 million was paid',
      'The negotiator is an agent of Algeria',
    ]);
  });

  it('leaves out a decided claim that was edited and went back to review', async () => {
    const reopened = FIXTURE_CLAIMS.map((c) =>
      c.statement === 'A ransom of €2.5 million was paid' ? { ...c, status: 'in_review' as const } : c,
    );
    const r = await reviews(await fixtureWithClaims(reopened));
    expect(r.map((x) => x.claimReviewed)).not.toContain('A ransom of €2.5 million was paid');
    expect(r).toHaveLength(2);
  });

  it.each([
    ['accepted', 3, 'Accepted'],
    ['disputed', 2, 'Disputed'],
    ['rejected', 1, 'Rejected'],
  ] as const)('rates %s as %i (%s) on a scale of 1 to 3', async (status, value, name) => {
    expect(CLAIM_REVIEW_RATINGS[status]).toEqual({ value, name });
    const r = await reviews();
    const review = r.find((x) => x.reviewRating.alternateName === name)!;
    expect(review.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: value,
      bestRating: 3,
      worstRating: 1,
      alternateName: name,
    });
  });

  it('writes a complete ClaimReview', async () => {
    const [review] = await reviews();
    expect(review).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'http://localhost:3000/w/ws-sahel/claims/c-prisoners',
      claimReviewed: 'Mali released 206 prisoners in the exchange',
      datePublished: '2026-03-08T14:00:00.000Z',
      author: { '@type': 'Organization', name: 'Sahel desk', url: 'http://localhost:3000/w/ws-sahel' },
      reviewBody: 'Two independent outlets give 206; the government list matches.',
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 3,
        bestRating: 3,
        worstRating: 1,
        alternateName: 'Accepted',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'M. Traoré' },
        datePublished: '2020-10-14',
        appearance: [
          {
            '@type': 'CreativeWork',
            url: 'https://example.org/sahel/october-exchange',
            name: 'Briefing: the October exchange',
          },
          {
            '@type': 'CreativeWork',
            url: 'http://localhost:3000/w/ws-sahel/documents/doc-dispatch',
            name: 'Dispatch, Bamako — « libération » day',
          },
        ],
      },
    });
  });

  it('is a valid empty array when nothing is adjudicated', async () => {
    const data = await fixtureWithClaims(FIXTURE_CLAIMS.filter((c) => !c.decision));
    expect(await reviews(data)).toEqual([]);
  });
});
