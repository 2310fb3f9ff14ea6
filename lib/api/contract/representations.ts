/**
 * What the REST API answers: the representations of workspaces, documents, claims, evidence,
 * sources, assessments and search results, and the error body. Each is registered by name (the
 * OpenAPI document's components/schemas) and types its presenter in app/_server.
 */
import { z } from 'zod';
import {
  CLAIM_KIND_KEYS,
  CONFIDENCES,
  CREDIBILITY_CODES,
  LIKELIHOOD_KEYS,
  RELIABILITY_CODES,
  SOURCE_KINDS,
  STANCES,
} from '@/lib/scales';
import { ACTIONS, ROLES } from '@/lib/permissions';
import { ANCHOR_STATUSES, CLAIM_STATUSES, REVISION_FORMATS, SEARCH_KINDS } from '@/lib/vocabulary';
import { responseBody } from './registry';

/** An ISO 8601 date and time, e.g. 2026-03-14T09:30:00.000Z. */
export const dateTime = z.iso.datetime();
const id = z.string();
const count = z.number().int().min(0);
const day = z.string().describe('YYYY-MM-DD');

export const apiError = responseBody(
  'Error',
  z.object({
    error: z.object({
      code: z
        .string()
        .describe('`kind:object`, e.g. `not_found:claim`, `invalid:input`, `precondition_failed:claim`.')
        .meta({ examples: ['not_found:claim'] }),
      message: z.string().describe('For people; safe to show.'),
      field: z.string().optional().describe('The field at fault (422).'),
    }),
    current: z.unknown().optional().describe('With 412: the current representation of the object.'),
  }),
);

export const workspaceRep = responseBody(
  'Workspace',
  z.object({
    id,
    name: z.string(),
    role: z.enum(ROLES),
    permissions: z.array(z.enum(Object.keys(ACTIONS) as [string, ...string[]])),
    memberCount: count,
    blindAssessments: z.boolean(),
    createdAt: dateTime.nullable(),
  }),
);
export const workspaceList = responseBody('WorkspaceList', z.object({ workspaces: z.array(workspaceRep) }));

export const documentSummaryRep = responseBody(
  'DocumentSummary',
  z.object({
    id,
    title: z.string(),
    author: z.string().nullable(),
    outlet: z.string().nullable(),
    publishedOn: day.nullable(),
    language: z.string().nullable(),
    wordCount: count,
    revisionCount: count,
    claimCount: count.nullable(),
    updatedAt: dateTime.nullable(),
  }),
);
export const documentList = responseBody(
  'DocumentList',
  z.object({ documents: z.array(documentSummaryRep) }),
);

export const revisionRep = responseBody(
  'Revision',
  z.object({
    id,
    number: z.number().int().min(1).describe('1 for the first import'),
    format: z.enum(REVISION_FORMATS),
    wordCount: count,
    note: z.string().nullable(),
    createdAt: dateTime.nullable(),
  }),
);

export const documentRep = responseBody(
  'Document',
  z.object({
    id,
    workspaceId: id,
    title: z.string(),
    author: z.string().nullable(),
    outlet: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    publishedOn: day.nullable(),
    language: z.string().nullable().describe('e.g. en, fr, pt-BR'),
    notes: z.string().nullable(),
    wordCount: count,
    revisionCount: count,
    version: z.number().int(),
    createdAt: dateTime.nullable(),
    updatedAt: dateTime.nullable(),
    currentRevision: revisionRep,
    text: z
      .string()
      .optional()
      .describe(
        'GET only: the canonical text of the current revision. Selectors are UTF-16 offsets into it; blocks are separated by "\\n\\n".',
      ),
  }),
);

export const revisionResultRep = responseBody(
  'RevisionResult',
  z.object({
    revision: revisionRep,
    created: z.boolean().describe('false when the text was the same as the base revision'),
    anchors: z
      .object(
        Object.fromEntries(ANCHOR_STATUSES.map((s) => [s, count])) as Record<
          (typeof ANCHOR_STATUSES)[number],
          typeof count
        >,
      )
      .describe('How many passages were re-anchored in each state'),
  }),
);

const quoteSelectorRep = responseBody(
  'TextQuoteSelectorOut',
  z.object({ type: z.literal('TextQuoteSelector'), exact: z.string() }),
);
const positionSelectorRep = responseBody(
  'TextPositionSelectorOut',
  z.object({
    type: z.literal('TextPositionSelector'),
    start: count.describe('UTF-16 offset into the canonical text'),
    end: count.describe('exclusive'),
  }),
);
const selectorsRep = z.array(z.union([quoteSelectorRep, positionSelectorRep]));

const anchorStatus = z.enum(ANCHOR_STATUSES);
const score = z.number().min(0).max(1).describe('1 for exact; the match score for fuzzy; 0 for orphaned');

export const claimSummaryRep = responseBody(
  'ClaimSummary',
  z.object({
    id,
    statement: z.string(),
    typeId: id,
    kind: z.enum(CLAIM_KIND_KEYS),
    tags: z.array(z.string()),
    status: z.enum(CLAIM_STATUSES),
    topic: z.string().nullable().describe('the question'),
    quantity: z.string().nullable().describe('formatted, e.g. "206 persons"'),
    authorName: z.string().nullable(),
    evidenceCount: count,
    anchors: z
      .array(z.object({ id, status: anchorStatus, score, selector: selectorsRep }))
      .describe('passages in this document'),
  }),
);
export const claimSummaryList = responseBody(
  'ClaimSummaryList',
  z.object({ claims: z.array(claimSummaryRep) }),
);

export const claimRep = responseBody(
  'Claim',
  z.object({
    id,
    workspaceId: id,
    statement: z.string(),
    typeId: id,
    type: z.object({ id, name: z.string(), color: z.string() }),
    kind: z.enum(CLAIM_KIND_KEYS),
    kindLabel: z.string(),
    tags: z.array(z.string()),
    status: z.enum(CLAIM_STATUSES),
    topic: z.object({ id, question: z.string() }).nullable(),
    quantity: z
      .object({ amount: z.string(), unit: z.string().nullable(), text: z.string().nullable() })
      .nullable(),
    contested: z
      .array(z.object({ kind: z.string(), label: z.string(), detail: z.string() }))
      .describe('Why the claim is contested, as you may read it (blind assessments respected)'),
    authorName: z.string().nullable(),
    createdAt: dateTime.nullable(),
    version: z.number().int().describe('also in the ETag'),
    anchors: z.array(
      z.object({
        id,
        documentId: id,
        documentTitle: z.string(),
        status: anchorStatus,
        score,
        selector: selectorsRep,
        pages: z
          .array(z.number().int().min(1))
          .describe('the pages of a PDF source the passage stands on (empty without pages)'),
      }),
    ),
    evidenceCount: count,
    assessmentCount: count,
  }),
);

const sourceKind = z.enum(SOURCE_KINDS);
const reliability = z.enum(RELIABILITY_CODES);
export const sourceRep = responseBody(
  'Source',
  z.object({
    id,
    name: z.string(),
    kind: sourceKind,
    url: z.string().nullable(),
    description: z.string().nullable(),
    reliability,
    reliabilityLabel: z.string(),
    evidenceCount: count,
    version: z.number().int(),
    ratingHistory: z
      .array(
        z.object({
          reliability: z.string(),
          previous: z.string().nullable(),
          reason: z.string(),
          changedAt: dateTime.nullable(),
          changedBy: z.string().nullable(),
        }),
      )
      .optional()
      .describe('GET /sources/{sourceId} only, newest first'),
  }),
);
export const sourceList = responseBody('SourceList', z.object({ sources: z.array(sourceRep) }));

export const evidenceRep = responseBody(
  'Evidence',
  z.object({
    id,
    claimId: id,
    source: z.object({ id, name: z.string(), reliability }),
    stance: z.enum(STANCES),
    credibility: z.literal(CREDIBILITY_CODES).describe('Admiralty 1 (confirmed) … 6 (cannot be judged)'),
    rating: z.string().describe('e.g. "B2": the source reliability and the credibility'),
    quote: z.string().nullable(),
    locator: z.string().nullable(),
    note: z.string().nullable(),
    accessedOn: z.string().nullable(),
    version: z.number().int(),
  }),
);
export const evidenceList = responseBody('EvidenceList', z.object({ evidence: z.array(evidenceRep) }));

export const assessmentRep = responseBody(
  'Assessment',
  z.object({
    id,
    claimId: id,
    user: z.object({ id, name: z.string() }),
    mine: z.boolean(),
    likelihood: z.enum(LIKELIHOOD_KEYS),
    confidence: z.enum(CONFIDENCES),
    label: z.string().describe('e.g. "likely (55–80%) · moderate confidence"'),
    rationale: z.string(),
    updatedAt: dateTime.nullable(),
    version: z.number().int(),
  }),
);
export const assessmentsRep = responseBody(
  'Assessments',
  z.object({
    claimId: id,
    blind: z.boolean(),
    hiddenCount: count.describe('assessments withheld until you record your own (blind assessments)'),
    assessments: z.array(assessmentRep),
  }),
);

export const searchResultsRep = responseBody(
  'SearchResults',
  z.object({
    query: z
      .string()
      .describe('the query as understood: phrases in quotes, prefixes with *, exclusions with -'),
    groups: z
      .array(
        z.object({
          kind: z.enum(SEARCH_KINDS),
          more: z.boolean().describe('more results of this kind than were sent'),
          results: z.array(
            z.object({
              kind: z.enum(SEARCH_KINDS),
              documentId: id.nullable().describe('passages and documents'),
              claimId: id.nullable().describe('claims, evidence and comments'),
              sourceId: id.nullable().describe('sources and evidence'),
              evidenceId: id.nullable(),
              commentId: id.nullable(),
              start: count
                .nullable()
                .describe("a passage: its start in the document's current text (UTF-16 offset)"),
              end: count.nullable().describe('a passage: its end'),
              context: z
                .string()
                .describe(
                  "what it belongs to: the document's title, the claim's statement or the source's name",
                ),
              snippet: z
                .array(z.object({ text: z.string(), match: z.boolean() }))
                .describe('the text around the words found, in parts; `match` marks the words found'),
              createdAt: dateTime,
              url: z.string().describe('where it opens in the app'),
            }),
          ),
        }),
      )
      .describe('one group per kind, best first within each'),
  }),
);
