import { describe, expect, it } from 'vitest';
import { interpretAlpha, krippendorffAlpha, likelihoodUnits, type AgreementUnit } from './agreement';

/** Builds units from a reliability data matrix: one row per rater, one column per unit, null = missing. */
function matrix(rows: Record<string, (number | null)[]>, unitIds?: string[]): AgreementUnit[] {
  const width = Math.max(...Object.values(rows).map((r) => r.length));
  return Array.from({ length: width }, (_, i) => ({
    unitId: unitIds?.[i] ?? `u${i + 1}`,
    ratings: Object.entries(rows).flatMap(([raterId, values]) => {
      const value = values[i];
      return value == null ? [] : [{ raterId, value }];
    }),
  }));
}

/*
 * Two analysts (Amadou, Claire), four claims of the Sahel briefing, likelihood ranks 0–6:
 *
 *   claim                         Amadou  Claire
 *   u1 206 prisoners released        4       4
 *   u2 ransom of €10M                5       4
 *   u3 negotiator is Algerian agent  1       1
 *   u4 ransom of €2.5M               4       1
 *
 * m_u = 2 everywhere, so each ordered pair counts 1 in the coincidence matrix.
 * Marginals: n_1 = 3 (u3 ×2, u4), n_4 = 4 (u1 ×2, u2, u4), n_5 = 1 (u2); n = 8.
 * Ordinal δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²:
 *   δ²(1,4) = (3 + 4 − 3.5)² = 12.25;  δ²(4,5) = (4 + 1 − 2.5)² = 6.25;  δ²(1,5) = (8 − 2)² = 36.
 * Observed Σ o_ck δ²: u2 2 × 6.25 = 12.5; u4 2 × 12.25 = 24.5; total 37.
 * Expected Σ n_c n_k δ² (ordered pairs c ≠ k): 2 × (3·4·12.25 + 4·1·6.25 + 3·1·36) = 2 × 280 = 560.
 * α = 1 − (n − 1) · 37 / 560 = 1 − 259/560 = 301/560 = 0.5375.
 * Interval, δ² = (c − k)²: observed 2·1 + 2·9 = 20; expected 2 × (12·9 + 4·1 + 3·16) = 320;
 *   α = 1 − 7 · 20 / 320 = 0.5625.
 * Nominal, δ² = 1 when c ≠ k: observed 2 + 2 = 4; expected 2 × (12 + 4 + 3) = 38; α = 1 − 28/38 = 10/38.
 */
const twoRaters = matrix({ amadou: [4, 5, 1, 4], claire: [4, 4, 1, 1] });

/*
 * Three analysts, one missing value per claim u2/u4:
 *
 *   unit   A   B   C
 *   u1     6   6   5
 *   u2     2   2   –
 *   u3     4   3   4
 *   u4     –   0   1
 *
 * Marginals: n_0 = 1, n_1 = 1, n_2 = 2, n_3 = 1, n_4 = 2, n_5 = 1, n_6 = 2; n = 10;
 * cumulative 1, 2, 4, 5, 7, 8, 10.
 * Observed: u1 has 4 ordered (5,6)/(6,5) pairs, δ²(5,6) = ((1 + 2)/2)² = 2.25, / (m − 1 = 2) → 4.5;
 *   u3 likewise with δ²(3,4) = 2.25 → 4.5; u4: 2 pairs × δ²(0,1) = 1, / 1 → 2; u2: 0. Total 11.
 * Expected Σ_{c<k} n_c n_k δ²(c,k):
 *   (0,1) 1·1·1      = 1      (0,2) 1·2·6.25  = 12.5   (0,3) 1·1·16    = 16     (0,4) 1·2·30.25 = 60.5
 *   (0,5) 1·1·49     = 49     (0,6) 1·2·72.25 = 144.5  (1,2) 1·2·2.25  = 4.5    (1,3) 1·1·9     = 9
 *   (1,4) 1·2·20.25  = 40.5   (1,5) 1·1·36    = 36     (1,6) 1·2·56.25 = 112.5  (2,3) 2·1·2.25  = 4.5
 *   (2,4) 2·2·9      = 36     (2,5) 2·1·20.25 = 40.5   (2,6) 2·2·36    = 144    (3,4) 1·2·2.25  = 4.5
 *   (3,5) 1·1·9      = 9      (3,6) 1·2·20.25 = 40.5   (4,5) 2·1·2.25  = 4.5    (4,6) 2·2·9     = 36
 *   (5,6) 1·2·2.25   = 4.5                                                         sum = 810
 *   ordered pairs: 2 × 810 = 1620.
 * α = 1 − 9 · 11 / 1620 = 1521/1620 ≈ 0.93889.
 */
const threeRaters = matrix({ a: [6, 2, 4, null], b: [6, 2, 3, 0], c: [5, null, 4, 1] });

/*
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the reliability data matrix
 * of 4 observers × 12 units with missing values (unit 12 has one value and is not pairable).
 * Published: nominal α = 0.743, ordinal α = 0.815, interval α = 0.849.
 */
const krippendorff2011 = matrix({
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
});

describe('krippendorffAlpha: values worked out by hand', () => {
  it.each([
    ['two raters, four claims, ordinal', twoRaters, 'ordinal', 301 / 560],
    ['two raters, four claims, interval', twoRaters, 'interval', 0.5625],
    ['two raters, four claims, nominal', twoRaters, 'nominal', 10 / 38],
    ['three raters with missing values, ordinal', threeRaters, 'ordinal', 1521 / 1620],
  ] as const)('%s', (_name, units, metric, alpha) => {
    expect(krippendorffAlpha(units, metric).alpha).toBeCloseTo(alpha, 10);
  });

  it('defaults to the ordinal metric', () => {
    expect(krippendorffAlpha(twoRaters).alpha).toBeCloseTo(0.5375, 10);
  });

  it('reports counts and the drivers of the disagreement', () => {
    const r = krippendorffAlpha(twoRaters);
    expect(r).toMatchObject({ units: 4, raters: 2, pairableValues: 8, interpretation: 'low agreement' });
    expect(r.drivers).toEqual([
      { unitId: 'u4', disagreement: 24.5, share: 24.5 / 37 },
      { unitId: 'u2', disagreement: 12.5, share: 12.5 / 37 },
    ]);
  });

  it('divides a unit’s pairs by m_u − 1 and keeps input order on ties', () => {
    const r = krippendorffAlpha(threeRaters);
    expect(r).toMatchObject({
      units: 4,
      raters: 3,
      pairableValues: 10,
      interpretation: 'reliable agreement',
    });
    expect(r.drivers.map((d) => [d.unitId, d.disagreement])).toEqual([
      ['u1', 4.5],
      ['u3', 4.5],
      ['u4', 2],
    ]);
    expect(r.drivers.reduce((s, d) => s + d.share, 0)).toBeCloseTo(1, 10);
  });
});

describe('krippendorffAlpha: Krippendorff’s published example (2011)', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
  ] as const)('%s α = %s', (metric, published) => {
    const r = krippendorffAlpha(krippendorff2011, metric);
    expect(r.alpha).toBeCloseTo(published, 3);
    expect(r).toMatchObject({ units: 11, raters: 4, pairableValues: 40 });
  });

  it('names unit 6 (values 1, 2, 3, 4) as the main driver', () => {
    expect(krippendorffAlpha(krippendorff2011).drivers.map((d) => d.unitId)).toEqual(['u6', 'u2', 'u8']);
  });
});

describe('krippendorffAlpha: edge cases', () => {
  it.each([
    [
      'perfect agreement',
      matrix({ a: [4, 1, 6], b: [4, 1, 6], c: [4, 1, 6] }),
      { alpha: 1, units: 3, raters: 3, pairableValues: 9, interpretation: 'reliable agreement', drivers: [] },
    ],
    [
      'systematic disagreement: 1 − 3 · 16 / 32 = −0.5',
      // marginals n_0 = n_6 = 2, δ²(0,6) = (4 − 2)² = 4; observed 2 · 2 · 4 = 16; expected 2 · 2 · 2 · 4 = 32
      matrix({ a: [0, 6], b: [6, 0] }),
      {
        alpha: -0.5,
        interpretation: 'no agreement beyond chance (or systematic disagreement)',
      },
    ],
    [
      'no claim rated twice',
      matrix({ a: [4, null], b: [null, 2] }),
      {
        alpha: null,
        units: 0,
        raters: 0,
        pairableValues: 0,
        interpretation: 'Not computable: no claim has been assessed by two or more analysts yet.',
        drivers: [],
      },
    ],
    [
      'a single pairable claim',
      matrix({ a: [4, 5], b: [1, null] }),
      {
        alpha: null,
        units: 1,
        raters: 2,
        pairableValues: 2,
        interpretation: 'Not computable: only one claim has been assessed by two or more analysts.',
      },
    ],
    [
      'no variation at all',
      matrix({ a: [4, 4, 4], b: [4, 4, null] }),
      {
        alpha: null,
        units: 2,
        pairableValues: 4,
        interpretation:
          'Not computable: every analyst gave every claim the same likelihood, so there is no variation to measure agreement on.',
      },
    ],
    ['no units at all', [], { alpha: null, units: 0, raters: 0, pairableValues: 0 }],
  ])('%s', (_name, units, expected) => {
    expect(krippendorffAlpha(units)).toMatchObject(expected);
  });

  it('counts a rater listed twice in one claim once (the last value)', () => {
    const units: AgreementUnit[] = [
      {
        unitId: 'u1',
        ratings: [
          { raterId: 'a', value: 0 },
          { raterId: 'a', value: 4 },
          { raterId: 'b', value: 4 },
        ],
      },
      {
        unitId: 'u2',
        ratings: [
          { raterId: 'a', value: 1 },
          { raterId: 'b', value: 1 },
        ],
      },
    ];
    expect(krippendorffAlpha(units)).toMatchObject({ alpha: 1, pairableValues: 4 });
  });

  it('counts only raters of pairable claims', () => {
    const r = krippendorffAlpha(matrix({ a: [4, 1, null], b: [4, 2, null], c: [null, null, 5] }));
    expect(r).toMatchObject({ units: 2, raters: 2 });
  });
});

describe('interpretAlpha', () => {
  it.each([
    [1, 'reliable agreement'],
    [0.8, 'reliable agreement'],
    [0.7999, 'tentative agreement: draw only tentative conclusions'],
    [0.667, 'tentative agreement: draw only tentative conclusions'],
    [0.6669, 'low agreement'],
    [0.01, 'low agreement'],
    [0, 'no agreement beyond chance (or systematic disagreement)'],
    [-0.4, 'no agreement beyond chance (or systematic disagreement)'],
  ])('%s → %s', (alpha, words) => expect(interpretAlpha(alpha)).toBe(words));
});

describe('likelihoodUnits', () => {
  it('turns assessments into ranks on the 7-step scale', () => {
    expect(
      likelihoodUnits([
        {
          id: 'claim-ransom-10m',
          assessments: [
            { userId: 'amadou', likelihood: 'very_likely' },
            { userId: 'claire', likelihood: 'unlikely' },
          ],
        },
      ]),
    ).toEqual([
      {
        unitId: 'claim-ransom-10m',
        ratings: [
          { raterId: 'amadou', value: 5 },
          { raterId: 'claire', value: 2 },
        ],
      },
    ]);
  });
});
