/**
 * The analysts' scales, with the exact labels of DESIGN.md section 2: source reliability and
 * information credibility (NATO / Admiralty, STANAG 2511), likelihood (US ICD 203), analytic
 * confidence, evidence stance and the tradecraft kind of a claim.
 */

export const RELIABILITY = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
} as const;
export type Reliability = keyof typeof RELIABILITY;
/** The reliability codes A–F, in order (db `sources.reliability`, `source_ratings.reliability`). */
export const RELIABILITY_CODES = Object.keys(RELIABILITY) as [Reliability, ...Reliability[]];

export const CREDIBILITY = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
} as const;
export type Credibility = keyof typeof CREDIBILITY;
/** The credibility codes 1–6, in order (db `evidence.credibility`, an integer). */
export const CREDIBILITY_CODES = Object.keys(CREDIBILITY).map(Number) as [Credibility, ...Credibility[]];

/** The Admiralty rating of a piece of evidence, e.g. "B2" (reliability of its source + credibility). */
export function admiraltyCode(
  reliability: Reliability | null | undefined,
  credibility: Credibility | null | undefined,
): string {
  return `${reliability ?? '–'}${credibility ?? '–'}`;
}

export const LIKELIHOODS = [
  { key: 'almost_no_chance', label: 'almost no chance', range: '1–5%' },
  { key: 'very_unlikely', label: 'very unlikely', range: '5–20%' },
  { key: 'unlikely', label: 'unlikely', range: '20–45%' },
  { key: 'roughly_even_chance', label: 'roughly even chance', range: '45–55%' },
  { key: 'likely', label: 'likely', range: '55–80%' },
  { key: 'very_likely', label: 'very likely', range: '80–95%' },
  { key: 'almost_certain', label: 'almost certain', range: '95–99%' },
] as const;
export type Likelihood = (typeof LIKELIHOODS)[number]['key'];
export const LIKELIHOOD_KEYS = LIKELIHOODS.map((l) => l.key) as [Likelihood, ...Likelihood[]];

export const CONFIDENCES = ['low', 'moderate', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const STANCES = ['supports', 'contradicts', 'qualifies', 'mentions'] as const;
export type Stance = (typeof STANCES)[number];

export const CLAIM_KINDS = {
  reported: 'reported information',
  assumption: 'assumption',
  judgment: 'analytic judgment',
} as const;
export type ClaimKind = keyof typeof CLAIM_KINDS;
/** The kinds as stored (db `claims.kind`). */
export const CLAIM_KIND_KEYS = Object.keys(CLAIM_KINDS) as [ClaimKind, ...ClaimKind[]];

export const SOURCE_KINDS = ['outlet', 'person', 'official', 'document', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export function likelihoodLabel(key: Likelihood): string {
  const l = LIKELIHOODS.find((x) => x.key === key)!;
  return `${l.label} (${l.range})`;
}

/** ICD 203 keeps likelihood and confidence as separate statements: "likely (55–80%) · moderate confidence". */
export function assessmentLabel(likelihood: Likelihood, confidence: Confidence): string {
  return `${likelihoodLabel(likelihood)} · ${confidence} confidence`;
}

/** Position of a likelihood on the 7-step scale (0–6), for comparing assessments. */
export function likelihoodRank(key: Likelihood): number {
  return LIKELIHOOD_KEYS.indexOf(key);
}
