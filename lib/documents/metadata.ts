/** A document's metadata, validated the same way for imports, edits and (later) the API. */
import { z } from 'zod';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: use at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

export const documentMetadataSchema = z.object({
  title: z
    .string({ error: 'Enter a title.' })
    .trim()
    .min(1, 'Enter a title.')
    .max(300, 'Use at most 300 characters.'),
  author: optionalText(200, 'Author'),
  outlet: optionalText(200, 'Outlet'),
  sourceUrl: z
    .string()
    .trim()
    .max(2048, 'Use at most 2048 characters.')
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), 'Enter a full http:// or https:// address.'),
  publishedOn: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), 'Enter a date as YYYY-MM-DD.'),
  language: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine(
      (v) => v === null || /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(v),
      'Use a language code such as en, fr or pt-BR.',
    ),
  notes: optionalText(5000, 'Notes'),
});
export type DocumentMetadata = z.output<typeof documentMetadataSchema>;

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const DOCUMENT_SORTS = ['updated', 'title', 'published', 'outlet', 'author'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

export const documentListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined).describe('words of the title'),
  outlet: z.string().trim().max(200).optional().catch(undefined).describe('exact outlet'),
  author: z.string().trim().max(200).optional().catch(undefined).describe('exact author'),
  from: z
    .string()
    .refine(isIsoDate)
    .optional()
    .catch(undefined)
    .describe('published on or after (YYYY-MM-DD)'),
  to: z
    .string()
    .refine(isIsoDate)
    .optional()
    .catch(undefined)
    .describe('published on or before (YYYY-MM-DD)'),
  sort: z.enum(DOCUMENT_SORTS).optional().catch(undefined).describe('sort column'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined).describe('sort direction'),
});
export type DocumentListQuery = z.output<typeof documentListQuerySchema>;
