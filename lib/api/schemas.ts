/**
 * Request bodies of the REST API (v1). They reuse the schemas the forms use (lib/claims.ts,
 * lib/documents/metadata.ts): a body is first checked for its shape here (unknown fields are
 * refused, so a typo is not silently ignored), then — for edits, merged with the current values —
 * validated by the shared schema, so the API accepts exactly what the interface accepts.
 */
import { z } from 'zod';
import { PASSAGE_MAX_CHARS } from '@/lib/anchoring/selectors';
import { assessmentFieldsSchema, evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { PASTE_FORMATS } from '@/lib/vocabulary';
import { requestBody } from './contract/registry';

export { PASTE_FORMATS };
const MAX_CONTENT_CHARS = 5_000_000;

const content = {
  format: z.enum(PASTE_FORMATS, { error: 'Choose a format: text, markdown or html.' }),
  content: z
    .string({ error: 'Send the text to import as content.' })
    .min(1, 'Send the text to import as content.')
    .max(MAX_CONTENT_CHARS, 'The text is too long.'),
};

export const documentCreateSchema = requestBody(
  'DocumentCreate',
  documentMetadataSchema.extend(content).strict(),
  'A document to import: its metadata, the format and the text, Markdown or HTML (sanitized on import).',
);

/** The other fields of a document uploaded as a file (multipart/form-data): its metadata only. */
export const documentUploadSchema = documentMetadataSchema.strict();

/** The multipart/form-data body as described: the metadata fields and the file. */
export const documentUploadForm = requestBody(
  'DocumentUpload',
  documentMetadataSchema.extend({
    file: z.any().meta({
      type: 'string',
      format: 'binary',
      description:
        'The file: .txt, .md, .html, .docx or .pdf (a PDF needs a text layer: a scan is refused with 422; at most 500 pages).',
    }),
  }),
);

export const revisionCreateSchema = requestBody(
  'RevisionCreate',
  z
    .object({
      ...content,
      baseRevisionId: z.string().min(1).max(100).optional(),
      note: z.string().trim().max(500, 'Use at most 500 characters.').optional(),
    })
    .strict(),
);

// ---- claims ----

const quoteSelector = z
  .object({
    type: z.literal('TextQuoteSelector').optional(),
    exact: z
      .string()
      .min(1, 'The quote (exact) is empty.')
      .max(PASSAGE_MAX_CHARS, `Quote at most ${PASSAGE_MAX_CHARS.toLocaleString('en')} characters.`),
    prefix: z.string().max(1000).optional(),
    suffix: z.string().max(1000).optional(),
  })
  .strict();

const positionSelector = z
  .object({
    type: z.literal('TextPositionSelector').optional(),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
  })
  .strict();

const selector = z.union([quoteSelector, positionSelector], {
  error:
    'A selector is a TextQuoteSelector {exact, prefix?, suffix?} or a TextPositionSelector {start, end}.',
});

export const targetSchema = z
  .object({
    selector: z
      .union([selector, z.array(selector).min(1).max(2)])
      .describe(
        'Resolved on the current revision: a quote must occur exactly once with its prefix/suffix (no fuzzy matching); with a position too, both must agree. Otherwise 422 with field "target". A passage is at most 5,000 characters (422 with field "passage" beyond).',
      ),
  })
  .strict()
  .transform((t, ctx) => {
    const list = Array.isArray(t.selector) ? t.selector : [t.selector];
    const quotes = list.filter((s) => 'exact' in s);
    const positions = list.filter((s) => 'start' in s);
    if (quotes.length > 1 || positions.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['selector'],
        message: 'Give at most one TextQuoteSelector and one TextPositionSelector.',
      });
      return z.NEVER;
    }
    return { quote: quotes[0], position: positions[0] };
  });
export type TargetInput = z.output<typeof targetSchema>;

const topicInput = z.union(
  [
    z.string().max(300),
    z.object({ id: z.string().min(1).max(100) }).strict(),
    z.object({ question: z.string().max(300) }).strict(),
  ],
  { error: 'A topic is its question (a string), { id } or { question }.' },
);

const quantityInput = z
  .object({
    amount: z.union([z.string().max(100), z.number()]),
    unit: z.string().max(40).optional(),
  })
  .strict();

/** The claim fields as the API takes them; all optional here (PATCH merges, POST checks after). */
export const claimBodySchema = z
  .object({
    statement: z.string().max(2000, 'Use at most 2000 characters.'),
    typeId: z.string().max(100),
    type: z.string().trim().min(1).max(60),
    kind: z.string().max(40),
    tags: z.union([z.string().max(2000), z.array(z.string().max(40)).max(20, 'Use at most 20 tags.')]),
    quantity: quantityInput.nullable(),
    topic: topicInput.nullable(),
  })
  .partial()
  .strict();
export type ClaimBody = z.output<typeof claimBodySchema>;

requestBody('ClaimInput', claimBodySchema, 'Claim fields; typeId or type is required to make a claim.');

export const claimCreateSchema = requestBody(
  'ClaimCreate',
  claimBodySchema.extend({ target: targetSchema }).strict(),
  'A claim on a passage: its fields (statement, kind and typeId or type are required) and the passage as W3C selectors.',
);

/** A claim's current values, as the merge needs them. */
export interface ClaimCurrent {
  statement: string;
  typeId: string;
  kind: string;
  tags: string[];
  quantityAmount: string | null;
  quantityUnit: string | null;
  topicId: string | null;
}

/**
 * The input of `claimFieldsSchema` (lib/claims.ts) for a body merged over the current values:
 * a field left out keeps its value; `quantity: null` and `topic: null` remove them.
 */
export function claimFieldsInput(body: ClaimBody & { typeId?: string }, current?: ClaimCurrent) {
  const quantity =
    body.quantity === undefined
      ? current?.quantityAmount
        ? { amount: current.quantityAmount, unit: current.quantityUnit ?? undefined }
        : null
      : body.quantity;
  const topic = body.topic === undefined ? (current?.topicId ? { id: current.topicId } : null) : body.topic;
  return {
    statement: body.statement ?? current?.statement,
    typeId: body.typeId ?? current?.typeId,
    kind: body.kind ?? current?.kind,
    tags: body.tags ?? current?.tags ?? [],
    amount: quantity ? String(quantity.amount) : undefined,
    unit: quantity?.unit ?? undefined,
    topicId: topic && typeof topic === 'object' && 'id' in topic ? topic.id : undefined,
    topicQuestion:
      typeof topic === 'string' ? topic : topic && 'question' in topic ? topic.question : undefined,
  };
}

/** The API names of the fields `claimFieldsSchema` reports on. */
export const CLAIM_FIELD_NAMES: Record<string, string> = {
  amount: 'quantity.amount',
  unit: 'quantity.unit',
  topicId: 'topic',
  topicQuestion: 'topic',
};

// ---- sources ----

export const sourceCreateSchema = requestBody('SourceInput', sourceFieldsSchema.strict());

export const sourcePatchSchema = requestBody(
  'SourcePatch',
  z
    .object({
      name: z.string(),
      kind: z.string(),
      url: z.string().nullable(),
      description: z.string().nullable(),
      reliability: z.string(),
      /** Why the reliability rating changes (required when it does). */
      reason: z.string().trim().max(500, 'Use at most 500 characters.'),
    })
    .partial()
    .strict(),
);
export type SourcePatch = z.output<typeof sourcePatchSchema>;

export function sourceFieldsInput(
  patch: SourcePatch,
  current: {
    name: string;
    kind: string;
    url: string | null;
    description: string | null;
    reliability: string;
  },
) {
  const pick = <K extends keyof typeof current>(k: K) => (patch[k] === undefined ? current[k] : patch[k]);
  return {
    name: pick('name'),
    kind: pick('kind'),
    url: pick('url') ?? undefined,
    description: pick('description') ?? undefined,
    reliability: pick('reliability'),
  };
}

// ---- evidence ----

export const evidenceCreateSchema = requestBody(
  'EvidenceCreate',
  evidenceFieldsSchema
    .extend({
      source: z.union(
        [
          z.object({ id: z.string().min(1).max(100) }).strict(),
          z.object({ create: sourceCreateSchema }).strict(),
        ],
        { error: 'Name the source: { id } of the registry, or { create: { name, kind, reliability, … } }.' },
      ),
    })
    .strict(),
);

export const evidencePatchSchema = requestBody(
  'EvidencePatch',
  z
    .object({
      stance: z.string(),
      credibility: z.union([z.number(), z.string()]),
      quote: z.string().nullable(),
      locator: z.string().nullable(),
      note: z.string().nullable(),
      accessedOn: z.string().nullable(),
    })
    .partial()
    .strict(),
);

export const assessmentInputSchema = requestBody('AssessmentInput', assessmentFieldsSchema.strict());
export type EvidencePatch = z.output<typeof evidencePatchSchema>;

export function evidenceFieldsInput(
  patch: EvidencePatch,
  current: {
    stance: string;
    credibility: number;
    quote: string | null;
    locator: string | null;
    note: string | null;
    accessedOn: string | null;
  },
) {
  const pick = <K extends keyof typeof current>(k: K) => (patch[k] === undefined ? current[k] : patch[k]);
  return {
    stance: pick('stance'),
    credibility: pick('credibility'),
    quote: pick('quote') ?? undefined,
    locator: pick('locator') ?? undefined,
    note: pick('note') ?? undefined,
    accessedOn: pick('accessedOn') ?? undefined,
  };
}
