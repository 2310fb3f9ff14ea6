/**
 * Inter-analyst agreement on likelihood: Krippendorff's alpha, computed as in Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability" (University of Pennsylvania, ASC papers 43):
 *
 * - a unit is one claim; its values are the likelihood ranks (0–6, lib/scales.ts `likelihoodRank`)
 *   given by the analysts who assessed it. Only units with two or more values are pairable.
 * - coincidence matrix: o_ck = Σ_u (number of ordered pairs (c, k) of values in u) / (m_u − 1),
 *   with m_u the number of values in u; marginals n_c = Σ_k o_ck; n = Σ_c n_c (pairable values).
 * - alpha = 1 − (n − 1) · Σ o_ck δ²(c,k) / Σ n_c n_k δ²(c,k).
 * - ordinal metric (the default, the likelihood scale is ordered but its steps are not equal):
 *   δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)². Interval and nominal metrics are available for
 *   comparison.
 *
 * Alpha is null when it cannot say anything: fewer than two pairable units (with a single unit
 * alpha is always 0 or undefined), or no variation at all among the pairable values (every analyst
 * gave every claim the same rank: the expected disagreement is 0). `interpretation` then says why.
 *
 * `drivers` lists the units by their share of the observed disagreement, i.e. the unit's term of
 * Σ o_ck δ²(c,k): Σ over the ordered pairs of its values of δ² / (m_u − 1). The drivers add up to
 * that sum; the largest are the claims the team disagrees on most.
 */

import { likelihoodRank, type Likelihood } from '../scales';

export type AgreementMetric = 'ordinal' | 'interval' | 'nominal';

export interface AgreementUnit {
  unitId: string;
  ratings: { raterId: string; value: number }[];
}

export interface AgreementResult {
  /** Krippendorff's alpha, or null when it cannot be computed (see `interpretation`). */
  alpha: number | null;
  /** pairable units: units with two or more ratings */
  units: number;
  /** distinct raters among the pairable units */
  raters: number;
  /** n: number of values in the pairable units */
  pairableValues: number;
  /** plain words for analysts */
  interpretation: string;
  /**
   * units with observed disagreement > 0, highest first (ties keep input order). `disagreement` is
   * the unit's term of Σ o_ck δ²(c,k); `share` is that term over the whole sum (0–1).
   */
  drivers: AgreementDriver[];
}

export interface AgreementDriver {
  unitId: string;
  disagreement: number;
  share: number;
}

export const RELIABLE_ALPHA = 0.8;
export const TENTATIVE_ALPHA = 0.667;

/** Plain words for an alpha value (Krippendorff's customary thresholds, 0.800 and 0.667). */
export function interpretAlpha(alpha: number): string {
  if (alpha >= RELIABLE_ALPHA) return 'reliable agreement';
  if (alpha >= TENTATIVE_ALPHA) return 'tentative agreement: draw only tentative conclusions';
  if (alpha > 0) return 'low agreement';
  return 'no agreement beyond chance (or systematic disagreement)';
}

/** One value per rater per unit (a rater listed twice keeps the last value); units with ≥ 2 values. */
function pairableUnits(units: AgreementUnit[]): { unitId: string; values: number[]; raters: string[] }[] {
  const out: { unitId: string; values: number[]; raters: string[] }[] = [];
  for (const unit of units) {
    const byRater = new Map<string, number>();
    for (const r of unit.ratings) if (Number.isFinite(r.value)) byRater.set(r.raterId, r.value);
    if (byRater.size >= 2)
      out.push({ unitId: unit.unitId, values: [...byRater.values()], raters: [...byRater.keys()] });
  }
  return out;
}

/** δ²(c,k) for the chosen metric, given the marginals of the coincidence matrix. */
function distanceFn(
  metric: AgreementMetric,
  marginals: Map<number, number>,
): (c: number, k: number) => number {
  if (metric === 'nominal') return (c, k) => (c === k ? 0 : 1);
  if (metric === 'interval') return (c, k) => (c - k) ** 2;
  const values = [...marginals.keys()].sort((a, b) => a - b);
  // cumulative[i] = Σ_{g ≤ values[i]} n_g
  const cumulative: number[] = [];
  let running = 0;
  for (const v of values) cumulative.push((running += marginals.get(v)!));
  const index = new Map(values.map((v, i) => [v, i]));
  return (c, k) => {
    if (c === k) return 0;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    const i = index.get(lo)!;
    const j = index.get(hi)!;
    const between = cumulative[j]! - (i > 0 ? cumulative[i - 1]! : 0);
    return (between - (marginals.get(lo)! + marginals.get(hi)!) / 2) ** 2;
  };
}

export function krippendorffAlpha(
  units: AgreementUnit[],
  metric: AgreementMetric = 'ordinal',
): AgreementResult {
  const pairable = pairableUnits(units);
  const raters = new Set(pairable.flatMap((u) => u.raters)).size;
  const n = pairable.reduce((sum, u) => sum + u.values.length, 0);

  // Marginals of the coincidence matrix: each value of a pairable unit counts once
  // (Σ_k o_ck over a unit = (m_u − 1) · count / (m_u − 1)).
  const marginals = new Map<number, number>();
  for (const u of pairable) for (const v of u.values) marginals.set(v, (marginals.get(v) ?? 0) + 1);
  const delta = distanceFn(metric, marginals);

  const drivers: AgreementDriver[] = [];
  let observed = 0; // Σ o_ck δ²(c,k)
  for (const u of pairable) {
    let sum = 0;
    for (let i = 0; i < u.values.length; i++)
      for (let j = 0; j < u.values.length; j++) if (i !== j) sum += delta(u.values[i]!, u.values[j]!);
    const d = sum / (u.values.length - 1);
    observed += d;
    if (d > 0) drivers.push({ unitId: u.unitId, disagreement: d, share: 0 });
  }
  for (const d of drivers) d.share = d.disagreement / observed;
  drivers.sort((a, b) => b.disagreement - a.disagreement);

  let expected = 0; // Σ n_c n_k δ²(c,k)
  for (const [c, nc] of marginals)
    for (const [k, nk] of marginals) if (c !== k) expected += nc * nk * delta(c, k);

  const base = { units: pairable.length, raters, pairableValues: n, drivers };
  if (pairable.length < 2) {
    const why =
      pairable.length === 0
        ? 'no claim has been assessed by two or more analysts yet'
        : 'only one claim has been assessed by two or more analysts';
    return { ...base, alpha: null, interpretation: `Not computable: ${why}.` };
  }
  if (expected === 0)
    return {
      ...base,
      alpha: null,
      interpretation:
        'Not computable: every analyst gave every claim the same likelihood, so there is no variation to measure agreement on.',
    };
  const alpha = 1 - ((n - 1) * observed) / expected;
  return { ...base, alpha, interpretation: interpretAlpha(alpha) };
}

/** Units for `krippendorffAlpha` from claims and their analysts' likelihoods (ranks 0–6). */
export function likelihoodUnits(
  claims: { id: string; assessments: { userId: string; likelihood: Likelihood }[] }[],
): AgreementUnit[] {
  return claims.map((c) => ({
    unitId: c.id,
    ratings: c.assessments.map((a) => ({ raterId: a.userId, value: likelihoodRank(a.likelihood) })),
  }));
}
