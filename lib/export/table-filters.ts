/**
 * The evidence table's filters (in the page's URL and the export's query string): one schema for
 * both, so an export of "the current view" is exactly what the table shows.
 */
import { z } from 'zod';
import {
  CONFIDENCES,
  CREDIBILITY_CODES,
  LIKELIHOOD_KEYS,
  RELIABILITY_CODES,
  STANCES,
  type Credibility,
} from '../scales';
import { ANCHOR_STATUSES, CLAIM_STATUSES } from '../vocabulary';

/** The credibility codes as they appear in a URL ("1" … "6"). */
const CREDIBILITY_PARAMS = CREDIBILITY_CODES.map((c) => String(c)) as [
  `${Credibility}`,
  ...`${Credibility}`[],
];

const id = z.string().trim().min(1).max(100);
/** An unknown value (an old link, a hand-edited URL) is dropped, never an error page. */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const evidenceTableFiltersSchema = z.object({
  q: optional(z.string().trim().min(1).max(200)).describe('words of the statement or of a quoted passage'),
  type: optional(id).describe('a claim type id'),
  topic: optional(id).describe('a topic id'),
  tag: optional(z.string().trim().min(1).max(60)).describe('a tag (any case)'),
  status: optional(z.enum(CLAIM_STATUSES)).describe('the claim status'),
  document: optional(id).describe('only the claims with a passage in this document'),
  source: optional(id).describe('a source id: the claims with evidence from it, and only that evidence'),
  stance: optional(z.enum(STANCES)).describe('the evidence stance'),
  contested: optional(z.enum(['yes', 'no'])).describe('contested claims or the others'),
  /** The source's reliability (A–F) and the evidence's credibility (1–6): evidence-level. */
  reliability: optional(z.enum(RELIABILITY_CODES)).describe(
    'the source reliability of the evidence (Admiralty A–F)',
  ),
  credibility: optional(z.enum(CREDIBILITY_PARAMS)).describe(
    'the information credibility of the evidence (1–6)',
  ),
  /**
   * Claims with an assessment of this likelihood and/or confidence (one assessment with both when
   * both are given), among the assessments the member may see: under blind assessments an analyst
   * who has not assessed a claim matches on their own assessment only, so the filter cannot reveal
   * the others' (lib/review/visibility.ts).
   */
  likelihood: optional(z.enum(LIKELIHOOD_KEYS)).describe(
    'claims with an assessment of this likelihood, among the assessments the caller may see',
  ),
  confidence: optional(z.enum(CONFIDENCES)).describe(
    'claims with an assessment of this confidence, among the assessments the caller may see',
  ),
  /** Claims with a passage in this state. */
  anchor: optional(z.enum(ANCHOR_STATUSES)).describe('claims with a passage in this state'),
  /** Member ids; `reviewer=none` for claims without a reviewer. */
  author: optional(id).describe('the member who made the claim (a user id)'),
  reviewer: optional(id).describe('the assigned reviewer (a user id), or none'),
});
export type EvidenceTableFilters = z.output<typeof evidenceTableFiltersSchema>;

export const FILTER_KEYS = Object.keys(evidenceTableFiltersSchema.shape) as (keyof EvidenceTableFilters)[];

/**
 * Where each filter sits in the table's filter bar: the common ones first, always shown; the
 * rest behind "More filters". A Record, so a new filter cannot be added without a place.
 */
export const FILTER_PLACEMENT: Record<keyof EvidenceTableFilters, 'common' | 'more'> = {
  q: 'common',
  topic: 'common',
  type: 'common',
  status: 'common',
  document: 'common',
  source: 'more',
  tag: 'more',
  stance: 'more',
  reliability: 'more',
  credibility: 'more',
  likelihood: 'more',
  confidence: 'more',
  anchor: 'more',
  author: 'more',
  reviewer: 'more',
  contested: 'more',
};

/**
 * The filter bar's state: how many of the filters behind "More filters" are set, and so whether
 * the disclosure starts open (an active filter is never hidden).
 */
export function moreFilters(filters: EvidenceTableFilters): { active: number; open: boolean } {
  const active = FILTER_KEYS.filter((k) => FILTER_PLACEMENT[k] === 'more' && filters[k] !== undefined).length;
  return { active, open: active > 0 };
}

/** Reads the filters from URL search parameters (the first value of each; empty means none). */
export function filtersFromParams(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const get = (key: string) => {
    const v = params instanceof URLSearchParams ? params.get(key) : params[key];
    const first = Array.isArray(v) ? v[0] : v;
    return first ? first : undefined;
  };
  return evidenceTableFiltersSchema.parse(Object.fromEntries(FILTER_KEYS.map((k) => [k, get(k)])));
}

/** The filters as a query string (for export links of the current view). */
export function filtersToQuery(filters: EvidenceTableFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/**
 * The first filter given a value that `filtersFromParams` drops (a typo, an unknown likelihood):
 * the page ignores it, but an export or an API call must say so rather than export everything.
 */
export function rejectedFilter(params: URLSearchParams): { key: string; value: string } | null {
  const kept = filtersFromParams(params);
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value && value.trim() && kept[key] === undefined) return { key, value };
  }
  return null;
}
