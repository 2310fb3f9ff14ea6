/**
 * The order of the evidence table's "Likelihood · confidence" column: claims by the judgment their
 * assessments give, not by the text of the cell (which starts with an analyst's name).
 *
 * A claim's place is its middle assessment, the assessments ranked by likelihood (from "almost no
 * chance" to "almost certain") and then by confidence (low, moderate, high); with an even number
 * the lower of the two middle ones. One assessment of "likely · high" and three of "unlikely ·
 * moderate" place the claim at "unlikely · moderate". A claim without an assessment the reader may
 * see has no place (blank: last, in either direction).
 *
 * The number is kept on the claim (`claims.assessment_key`, db/queries/assessment-key.ts computes
 * the same in SQL) so that the table sorts 100,000 claims without reading an assessment; the view
 * export sorts its rows with this function.
 */
import { CONFIDENCES, LIKELIHOOD_KEYS, type Confidence, type Likelihood } from '../scales';

/** One assessment's rank: likelihood × 10 + confidence (0 = almost no chance · low). */
export function assessmentRank(likelihood: Likelihood, confidence: Confidence): number {
  return LIKELIHOOD_KEYS.indexOf(likelihood) * 10 + CONFIDENCES.indexOf(confidence);
}

/** The claim's place among others by its assessments (the middle one's rank), or null without any. */
export function assessmentOrderKey(
  assessments: readonly { likelihood: Likelihood; confidence: Confidence }[],
): number | null {
  if (assessments.length === 0) return null;
  const ranks = assessments.map((a) => assessmentRank(a.likelihood, a.confidence)).sort((a, b) => a - b);
  return ranks[Math.floor((ranks.length - 1) / 2)]!;
}
