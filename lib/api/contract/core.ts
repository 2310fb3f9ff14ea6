/**
 * The endpoints of documents, claims, evidence, assessments, sources, search, exports and the
 * workspaces list: their query, body and answers, from the same zod schemas the handlers use.
 */
import { z } from 'zod';
import {
  assessmentInputSchema,
  claimBodySchema,
  claimCreateSchema,
  documentCreateSchema,
  documentUploadForm,
  evidenceCreateSchema,
  evidencePatchSchema,
  revisionCreateSchema,
  sourceCreateSchema,
  sourcePatchSchema,
} from '@/lib/api/schemas';
import { documentListQuerySchema } from '@/lib/documents/metadata';
import { EXPORT_FORMAT_KEYS, EXPORT_FORMATS } from '@/lib/export';
import { evidenceTableFiltersSchema } from '@/lib/export/table-filters';
import { COLUMN_KEYS, GROUPS } from '@/lib/export/table-view';
import { searchParamsSchema } from '@/lib/search/params';
import type { Endpoint } from './registry';
import {
  assessmentRep,
  assessmentsRep,
  claimRep,
  claimSummaryList,
  documentList,
  documentRep,
  evidenceList,
  evidenceRep,
  revisionResultRep,
  searchResultsRep,
  sourceList,
  sourceRep,
  workspaceList,
} from './representations';

/** GET /workspaces/{id}/sources: ?q filters by name, ?limit (≤ 500). */
export const sourceListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('words of the name'),
  limit: z.coerce.number().int().min(1).max(500).optional().describe('at most this many (≤ 500)'),
});

/** GET /workspaces/{id}/export: the format, the evidence table's filters and its view. */
export const exportQuery = evidenceTableFiltersSchema.extend({
  format: z.enum(EXPORT_FORMAT_KEYS).describe('the file format'),
  bom: z
    .enum(['1', 'true', 'yes'])
    .optional()
    .describe('CSV only: start the file with a byte-order mark (for Excel)'),
  columns: z
    .enum(['view', 'all'])
    .optional()
    .describe(
      'CSV and XLSX: "view" exports the evidence table as shown (the columns in cols, the order of sort and dir, the grouping as a first column); "all" (the default) every column',
    ),
  cols: z
    .string()
    .optional()
    .describe(
      `with columns=view: the table columns, comma-separated, in order (of ${COLUMN_KEYS.join(', ')})`,
    ),
  sort: z
    .enum(COLUMN_KEYS as [string, ...string[]])
    .optional()
    .describe('with columns=view: the column the rows are ordered by'),
  dir: z.enum(['asc', 'desc']).optional().describe('with columns=view: the order of sort'),
  group: z
    .enum(Object.keys(GROUPS) as [string, ...string[]])
    .optional()
    .describe('with columns=view: group the rows by'),
});

const conflict = { 409: 'Conflict' };

/** The media types of the export formats (lib/export), each a file. */
function exportContent() {
  const content: Record<string, { schema: Record<string, unknown> }> = {};
  for (const [format, { contentType }] of Object.entries(EXPORT_FORMATS)) {
    const type = contentType.split(';')[0]!.trim();
    const schema: Record<string, unknown> = type.endsWith('json')
      ? { type: format === 'claimreview' ? 'array' : 'object' }
      : type.startsWith('text/')
        ? { type: 'string' }
        : { type: 'string', contentEncoding: 'binary' };
    const known = content[type]?.schema.type;
    // Two formats of one media type (W3C: an object; ClaimReview: an array of items).
    content[type] = { schema: known && known !== schema.type ? { type: [known, schema.type] } : schema };
  }
  return content;
}

export const CORE_ENDPOINTS: Endpoint[] = [
  {
    method: 'get',
    path: '/workspaces',
    tag: 'Workspaces',
    summary: 'The workspaces you belong to, with your role and permissions in each',
    ok: { status: 200, description: 'Your workspaces', schema: workspaceList },
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/documents',
    tag: 'Documents',
    summary: 'List the documents of a workspace',
    query: documentListQuerySchema,
    ok: { status: 200, description: 'The documents', schema: documentList },
  },
  {
    method: 'post',
    path: '/workspaces/{workspaceId}/documents',
    tag: 'Documents',
    summary:
      'Import a document: text, Markdown or HTML as JSON, or a file (.txt, .md, .html, .docx, .pdf) as multipart/form-data; converted and sanitized as in the app',
    body: documentCreateSchema,
    upload: documentUploadForm,
    write: true,
    ok: { status: 201, description: 'Imported; Location names it', schema: documentRep },
  },
  {
    method: 'get',
    path: '/documents/{documentId}',
    tag: 'Documents',
    summary: 'A document: metadata, current revision and its canonical text',
    ok: { status: 200, description: 'The document', schema: documentRep },
  },
  {
    method: 'post',
    path: '/documents/{documentId}/revisions',
    tag: 'Documents',
    summary: 'Add a revision (a new version of the text); every passage is re-anchored',
    body: revisionCreateSchema,
    write: true,
    ok: {
      status: 201,
      description: 'Added (200 with created=false when the text is unchanged)',
      schema: revisionResultRep,
    },
    extra: {
      200: { description: 'The text is unchanged: nothing was added', schema: revisionResultRep },
      ...conflict,
    },
  },
  {
    method: 'get',
    path: '/documents/{documentId}/claims',
    tag: 'Claims',
    summary: 'The live claims with a passage in the document, in reading order',
    ok: { status: 200, description: 'The claims', schema: claimSummaryList },
  },
  {
    method: 'post',
    path: '/documents/{documentId}/claims',
    tag: 'Claims',
    summary: 'Make a claim on a passage of the current revision (W3C selectors)',
    body: claimCreateSchema,
    write: true,
    ok: { status: 201, description: 'Made; Location names it', schema: claimRep, etag: true },
    extra: conflict,
  },
  {
    method: 'get',
    path: '/claims/{claimId}',
    tag: 'Claims',
    summary: 'A claim in full, with its ETag',
    ok: { status: 200, description: 'The claim', schema: claimRep, etag: true },
  },
  {
    method: 'patch',
    path: '/claims/{claimId}',
    tag: 'Claims',
    summary: 'Edit a claim (fields left out are kept; quantity/topic null removes them)',
    body: claimBodySchema,
    write: true,
    ifMatch: true,
    ok: { status: 200, description: 'Saved', schema: claimRep, etag: true },
  },
  {
    method: 'delete',
    path: '/claims/{claimId}',
    tag: 'Claims',
    summary: 'Move a claim to the trash',
    write: true,
    ok: { status: 204, description: 'In the trash' },
  },
  {
    method: 'get',
    path: '/claims/{claimId}/evidence',
    tag: 'Evidence',
    summary: "A claim's evidence",
    ok: { status: 200, description: 'The evidence', schema: evidenceList },
  },
  {
    method: 'post',
    path: '/claims/{claimId}/evidence',
    tag: 'Evidence',
    summary: 'Link the claim to a source (of the registry, or created on the spot)',
    body: evidenceCreateSchema,
    write: true,
    ok: { status: 201, description: 'Linked', schema: evidenceRep, etag: true },
  },
  {
    method: 'get',
    path: '/evidence/{evidenceId}',
    tag: 'Evidence',
    summary: 'One piece of evidence, with its ETag',
    ok: { status: 200, description: 'The evidence', schema: evidenceRep, etag: true },
  },
  {
    method: 'patch',
    path: '/evidence/{evidenceId}',
    tag: 'Evidence',
    summary: 'Edit evidence (fields left out are kept)',
    body: evidencePatchSchema,
    write: true,
    ifMatch: true,
    ok: { status: 200, description: 'Saved', schema: evidenceRep, etag: true },
  },
  {
    method: 'delete',
    path: '/evidence/{evidenceId}',
    tag: 'Evidence',
    summary: 'Move evidence to the trash',
    write: true,
    ok: { status: 204, description: 'In the trash' },
  },
  {
    method: 'get',
    path: '/claims/{claimId}/assessments',
    tag: 'Assessments',
    summary: 'The assessments of a claim you may see (blind assessments respected)',
    ok: { status: 200, description: 'The assessments', schema: assessmentsRep },
  },
  {
    method: 'put',
    path: '/claims/{claimId}/assessment',
    tag: 'Assessments',
    summary: 'Record or revise your own assessment',
    description:
      'Optional conditions: If-Match with the ETag of your assessment (412 when it changed since), or If-None-Match: * to record a first one only. Without either, the last write wins. There is no DELETE: the data layer has no way to remove an assessment.',
    headers: [
      { name: 'If-Match', description: 'The ETag of your assessment' },
      { name: 'If-None-Match', description: '`*`: record a first assessment only', schema: { const: '*' } },
    ],
    body: assessmentInputSchema,
    write: true,
    ok: { status: 200, description: 'Revised', schema: assessmentRep, etag: true },
    extra: {
      201: { description: 'Recorded for the first time', schema: assessmentRep, etag: true },
      412: 'PreconditionFailed',
    },
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/search',
    tag: 'Search',
    summary: 'Search the workspace',
    description:
      'Full-text search over passages of the documents (current revisions), document titles, authors and outlets, claims (statement, topic, tags, quotes), sources, evidence (quote, note) and discussion. Case and accents are ignored; all words must occur; `"a phrase"` in order; `-word` excludes; `word*` and the last word match as prefixes. Trashed items are never found; assessments are not searchable.',
    query: searchParamsSchema,
    ok: { status: 200, description: 'The results, grouped by kind', schema: searchResultsRep },
    extra: { 422: 'Invalid' },
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/sources',
    tag: 'Sources',
    summary: "The workspace's source registry",
    query: sourceListQuery,
    ok: { status: 200, description: 'The sources', schema: sourceList },
    extra: { 422: 'Invalid' },
  },
  {
    method: 'post',
    path: '/workspaces/{workspaceId}/sources',
    tag: 'Sources',
    summary: 'Add a source to the registry',
    body: sourceCreateSchema,
    write: true,
    ok: { status: 201, description: 'Added', schema: sourceRep, etag: true },
  },
  {
    method: 'get',
    path: '/sources/{sourceId}',
    tag: 'Sources',
    summary: 'A source with its rating history, and its ETag',
    ok: { status: 200, description: 'The source', schema: sourceRep, etag: true },
  },
  {
    method: 'patch',
    path: '/sources/{sourceId}',
    tag: 'Sources',
    summary: 'Edit a source; a new reliability needs a reason',
    body: sourcePatchSchema,
    write: true,
    ifMatch: true,
    ok: { status: 200, description: 'Saved', schema: sourceRep, etag: true },
  },
  {
    method: 'delete',
    path: '/sources/{sourceId}',
    tag: 'Sources',
    summary: 'Move a source to the trash',
    write: true,
    ok: { status: 204, description: 'In the trash' },
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/export',
    tag: 'Exports',
    summary: 'Export the evidence table or a report',
    description:
      'Streams the export as a file (Content-Disposition: attachment). Formats: CSV (one row per claim and evidence link), XLSX (claims, evidence, sources, rating history, assessments, ACH), JSON (everything), W3C Web Annotations (JSON-LD), schema.org ClaimReview (JSON-LD), a Markdown brief and the brief as HTML. Assessments follow blind visibility.',
    query: exportQuery,
    ok: {
      status: 200,
      description: 'The file',
      content: exportContent(),
    },
    extra: { 422: 'Invalid' },
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Meta',
    summary: 'This description (no token needed)',
    security: [],
    ok: {
      status: 200,
      description: 'OpenAPI 3.1',
      content: { 'application/json': { schema: { type: 'object' } } },
    },
  },
];
