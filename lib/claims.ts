/** Claim input: the fields an analyst fills in, validated the same way by forms and the API. */
import { z } from 'zod';
import { quantityInputSchema } from './quantity-input';
import {
  CLAIM_KIND_KEYS,
  CONFIDENCES,
  CREDIBILITY_CODES,
  LIKELIHOOD_KEYS,
  RELIABILITY_CODES,
  SOURCE_KINDS,
  STANCES,
} from './scales';

export const MAX_TAGS = 20;

/** "ransom, Mali ,  ransom" → ["ransom", "Mali"]: trimmed, deduplicated (case-insensitively). */
export function parseTags(raw: string | string[] | undefined): string[] {
  const parts = (Array.isArray(raw) ? raw : (raw ?? '').split(','))
    .map((t) => t.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  const seen = new Set<string>();
  return parts.filter((t) => {
    const key = t.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .optional()
    .transform((v) => v || null);

export const claimFieldsSchema = z
  .object({
    statement: z
      .string({ error: 'Write the claim in your own words.' })
      .trim()
      .min(3, 'Write the claim in your own words.')
      .max(2000, 'Use at most 2000 characters.'),
    typeId: z.string({ error: 'Choose a claim type.' }).min(1, 'Choose a claim type.').max(100),
    kind: z.enum(CLAIM_KIND_KEYS, { error: 'Choose reported information, assumption or analytic judgment.' }),
    tags: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform(parseTags)
      .refine((t) => t.length <= MAX_TAGS, `Use at most ${MAX_TAGS} tags.`)
      .refine((t) => t.every((x) => x.length <= 40), 'Keep each tag under 40 characters.'),
    amount: z.string().optional(),
    unit: z.string().optional(),
    topicId: optionalText(100),
    topicQuestion: optionalText(300),
  })
  .transform((v, ctx) => {
    const quantity = quantityInputSchema.safeParse({ amount: v.amount, unit: v.unit });
    if (!quantity.success) {
      for (const issue of quantity.error.issues)
        ctx.addIssue({ ...issue, code: 'custom', path: issue.path } as never);
      return z.NEVER;
    }
    return {
      statement: v.statement,
      typeId: v.typeId,
      kind: v.kind,
      tags: v.tags,
      quantity: quantity.data,
      topic: v.topicId
        ? ({ id: v.topicId } as const)
        : v.topicQuestion
          ? ({ question: v.topicQuestion } as const)
          : null,
    };
  });
export type ClaimFields = z.output<typeof claimFieldsSchema>;

export const passageSchema = z.object({
  documentId: z.string().min(1).max(100),
  revisionId: z.string().min(1).max(100),
  start: z.coerce.number().int().min(0),
  end: z.coerce.number().int().min(1),
});
export type PassageInput = z.output<typeof passageSchema>;

export const sourceFieldsSchema = z.object({
  name: z
    .string({ error: 'Name the source.' })
    .trim()
    .min(1, 'Name the source.')
    .max(200, 'Use at most 200 characters.'),
  kind: z.enum(SOURCE_KINDS, { error: 'Choose outlet, person, official, document or other.' }),
  url: z
    .string()
    .trim()
    .max(2048)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/\S+$/i.test(v), 'Enter a full http:// or https:// address.'),
  description: optionalText(2000),
  reliability: z.enum(RELIABILITY_CODES, { error: 'Choose a reliability from A to F.' }),
});
export type SourceFields = z.output<typeof sourceFieldsSchema>;

export const evidenceFieldsSchema = z.object({
  stance: z.enum(STANCES, { error: 'Choose supports, contradicts, qualifies or mentions.' }),
  credibility: z.coerce
    .number({ error: 'Choose a credibility from 1 to 6.' })
    .int()
    .refine((n) => (CREDIBILITY_CODES as number[]).includes(n), 'Choose a credibility from 1 to 6.')
    .transform((n) => n as (typeof CREDIBILITY_CODES)[number]),
  quote: optionalText(4000),
  locator: optionalText(300),
  note: optionalText(4000),
  accessedOn: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Enter a date as YYYY-MM-DD.'),
});
export type EvidenceFields = z.output<typeof evidenceFieldsSchema>;

export const assessmentFieldsSchema = z.object({
  likelihood: z.enum(LIKELIHOOD_KEYS, { error: 'Choose a likelihood.' }),
  confidence: z.enum(CONFIDENCES, { error: 'Choose low, moderate or high confidence.' }),
  rationale: z
    .string({ error: 'Give your reasons.' })
    .trim()
    .min(3, 'Give your reasons.')
    .max(4000, 'Use at most 4000 characters.'),
});
export type AssessmentFields = z.output<typeof assessmentFieldsSchema>;
