/**
 * The search's parameters as the URL carries them (the search page and
 * GET /api/v1/workspaces/{id}/search read the same ones): q, kind (one or more, comma-separated or
 * repeated), document, type, source, by (a member's id), from and to (YYYY-MM-DD, both days
 * included), limit (per kind).
 */
import { z } from 'zod';
import { SEARCH_KINDS, type SearchKind } from '@/lib/vocabulary';
import { MAX_QUERY_LENGTH } from './query';

const DAY_MS = 86_400_000;
const id = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => v || undefined);
const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine(
    (v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))),
    'Use a date as YYYY-MM-DD.',
  );

export const searchParamsSchema = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH, `Use at most ${MAX_QUERY_LENGTH} characters.`)
    .default('')
    .describe(
      'the search: all words must occur; "a phrase" in order; -word excludes; word* and the last word match as prefixes',
    ),
  kind: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      (Array.isArray(v) ? v : v ? [v] : [])
        .flatMap((k) => k.split(','))
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .refine(
      (kinds) => kinds.every((k) => (SEARCH_KINDS as readonly string[]).includes(k)),
      `Choose kinds among ${SEARCH_KINDS.join(', ')}.`,
    )
    .transform((kinds) => [...new Set(kinds)] as SearchKind[])
    .describe(`only these kinds, comma-separated (${SEARCH_KINDS.join(', ')})`),
  document: id.describe(
    'a document id: its passages, and claims with a passage in it (and their evidence and discussion)',
  ),
  type: id.describe('a claim type id (claims, evidence, discussion)'),
  source: id.describe('a source id (the source, its evidence, claims citing it)'),
  by: id.describe("a member's user id: what they wrote"),
  from: day.describe('written on or after this day (YYYY-MM-DD)'),
  to: day.describe('written on or before this day (YYYY-MM-DD)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .optional()
    .describe('at most this many results per kind (≤ 50, default 10)'),
});
export type SearchParams = z.output<typeof searchParamsSchema>;

/** URLSearchParams (or a Next.js searchParams object) as the schema's input: repeated keys as arrays. */
export function searchParamsInput(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  if (params instanceof URLSearchParams) {
    const out: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      const all = params.getAll(key);
      out[key] = all.length > 1 ? all : all[0]!;
    }
    return out;
  }
  return params;
}

/** The data layer's filters for parsed parameters (dates as UTC days, `to` included). */
export function searchFilters(p: SearchParams) {
  return {
    kinds: p.kind,
    documentId: p.document,
    typeId: p.type,
    sourceId: p.source,
    by: p.by,
    from: p.from ? Date.parse(p.from) : undefined,
    to: p.to ? Date.parse(p.to) + DAY_MS : undefined,
  };
}

/** The URL of a search with these parameters (empty ones left out), for links and the page's form. */
export function searchHref(
  workspaceId: string,
  p: Partial<Record<keyof SearchParams, string | string[] | number | undefined>>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(p)) {
    if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue;
    query.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const s = query.toString();
  return `/w/${encodeURIComponent(workspaceId)}/search${s ? `?${s}` : ''}`;
}
