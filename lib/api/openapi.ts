/**
 * The OpenAPI 3.1 description of the REST API (v1), served at /api/v1/openapi.json. Pure: built
 * from the scales and the permission table, so the enums cannot drift from the app. A test walks
 * app/api/v1 and checks that every route file and method is described here.
 */
import { PASSAGE_MAX_CHARS } from '@/lib/anchoring/selectors';
import { COLUMN_KEYS, GROUPS } from '@/lib/export/table-view';
import { ACTIONS, ROLES } from '@/lib/permissions';
import {
  CLAIM_KIND_KEYS,
  CONFIDENCES,
  CREDIBILITY_CODES,
  LIKELIHOOD_KEYS,
  RELIABILITY_CODES,
  SOURCE_KINDS,
  STANCES,
} from '@/lib/scales';
import {
  ANCHOR_STATUSES,
  CLAIM_STATUSES,
  PASTE_FORMATS,
  REVISION_FORMATS,
  SEARCH_KINDS,
} from '@/lib/vocabulary';
import { MAX_TOKEN_DAYS } from './token-input';

/** The stored vocabularies (lib/vocabulary.ts), under the names the API description has used. */
export const ANCHOR_STATUS_VALUES = ANCHOR_STATUSES;
export const CLAIM_STATUS_VALUES = CLAIM_STATUSES;
export const EXPORT_FORMAT_VALUES = [
  'csv',
  'xlsx',
  'json',
  'w3c',
  'claimreview',
  'markdown',
  'html',
] as const;

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string, extra: Json = {}) => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});
const nullable = (schema: Json) => ({ oneOf: [schema, { type: 'null' }] });
const nstr = (description?: string) => ({
  type: ['string', 'null'],
  ...(description ? { description } : {}),
});
const int = (description?: string) => ({ type: 'integer', ...(description ? { description } : {}) });
const dateTime = { type: 'string', format: 'date-time' };
const obj = (properties: Json, required: string[] = [], extra: Json = {}) => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
  ...extra,
});
const list = (key: string, item: string) => obj({ [key]: { type: 'array', items: ref(item) } }, [key]);

const schemas: Record<string, Json> = {
  Error: obj(
    {
      error: obj(
        {
          code: str('`kind:object`, e.g. `not_found:claim`, `invalid:input`, `precondition_failed:claim`.', {
            examples: ['not_found:claim'],
          }),
          message: str('For people; safe to show.'),
          field: str('The field at fault (422).'),
        },
        ['code', 'message'],
      ),
      current: { description: 'With 412: the current representation of the object.' },
    },
    ['error'],
  ),
  Workspace: obj(
    {
      id: str(),
      name: str(),
      role: { enum: [...ROLES] },
      permissions: { type: 'array', items: { enum: Object.keys(ACTIONS) } },
      memberCount: int(),
      blindAssessments: { type: 'boolean' },
      createdAt: dateTime,
    },
    ['id', 'name', 'role', 'permissions'],
  ),
  DocumentSummary: obj(
    {
      id: str(),
      title: str(),
      author: nstr(),
      outlet: nstr(),
      publishedOn: nstr('YYYY-MM-DD'),
      language: nstr(),
      wordCount: int(),
      revisionCount: int(),
      claimCount: { type: ['integer', 'null'] },
      updatedAt: dateTime,
    },
    ['id', 'title'],
  ),
  Revision: obj(
    {
      id: str(),
      number: int('1 for the first import'),
      format: { enum: [...REVISION_FORMATS] },
      wordCount: int(),
      note: nstr(),
      createdAt: dateTime,
    },
    ['id', 'number'],
  ),
  Document: obj(
    {
      id: str(),
      workspaceId: str(),
      title: str(),
      author: nstr(),
      outlet: nstr(),
      sourceUrl: nstr(),
      publishedOn: nstr('YYYY-MM-DD'),
      language: nstr('e.g. en, fr, pt-BR'),
      notes: nstr(),
      wordCount: int(),
      revisionCount: int(),
      version: int(),
      createdAt: dateTime,
      updatedAt: dateTime,
      currentRevision: ref('Revision'),
      text: str(
        'GET only: the canonical text of the current revision. Selectors are UTF-16 offsets into it; blocks are separated by "\\n\\n".',
      ),
    },
    ['id', 'workspaceId', 'title', 'currentRevision'],
  ),
  DocumentMetadata: {
    type: 'object',
    properties: {
      title: str(undefined, { minLength: 1, maxLength: 300 }),
      author: str(undefined, { maxLength: 200 }),
      outlet: str(undefined, { maxLength: 200 }),
      sourceUrl: str('http:// or https:// address', { maxLength: 2048 }),
      publishedOn: str('YYYY-MM-DD', { format: 'date' }),
      language: str('a language code such as en, fr or pt-BR'),
      notes: str(undefined, { maxLength: 5000 }),
    },
  },
  DocumentCreate: {
    allOf: [
      ref('DocumentMetadata'),
      obj(
        {
          format: { enum: [...PASTE_FORMATS] },
          content: str('The text, Markdown or HTML (sanitized on import).', { maxLength: 5_000_000 }),
        },
        ['title', 'format', 'content'],
        { additionalProperties: true },
      ),
    ],
    unevaluatedProperties: false,
  },
  DocumentUpload: {
    allOf: [
      ref('DocumentMetadata'),
      obj(
        {
          file: {
            type: 'string',
            format: 'binary',
            description:
              'The file: .txt, .md, .html, .docx or .pdf (a PDF needs a text layer: a scan is refused with 422; at most 500 pages).',
          },
        },
        ['title', 'file'],
        { additionalProperties: true },
      ),
    ],
    unevaluatedProperties: false,
  },
  RevisionCreate: obj(
    {
      format: { enum: [...PASTE_FORMATS] },
      content: str(undefined, { maxLength: 5_000_000 }),
      baseRevisionId: str('The revision the change was made on; default: the current one (409 when stale).'),
      note: str(undefined, { maxLength: 500 }),
    },
    ['format', 'content'],
  ),
  RevisionResult: obj(
    {
      revision: ref('Revision'),
      created: { type: 'boolean', description: 'false when the text was the same as the base revision' },
      anchors: obj(Object.fromEntries(ANCHOR_STATUSES.map((s) => [s, int()])), [...ANCHOR_STATUSES]),
    },
    ['revision', 'created', 'anchors'],
  ),
  TextQuoteSelector: obj(
    {
      type: { const: 'TextQuoteSelector' },
      exact: str(
        'The quoted text, exactly as in the canonical text (a passage is at most 5,000 characters).',
        {
          minLength: 1,
          maxLength: PASSAGE_MAX_CHARS,
        },
      ),
      prefix: str('Text right before the quote (to tell repeated quotes apart).', { maxLength: 1000 }),
      suffix: str('Text right after the quote.', { maxLength: 1000 }),
    },
    ['exact'],
  ),
  TextPositionSelector: obj(
    {
      type: { const: 'TextPositionSelector' },
      start: int('UTF-16 offset into the canonical text'),
      end: int('exclusive'),
    },
    ['start', 'end'],
  ),
  Selector: { oneOf: [ref('TextQuoteSelector'), ref('TextPositionSelector')] },
  Target: obj(
    {
      selector: {
        oneOf: [ref('Selector'), { type: 'array', items: ref('Selector'), minItems: 1, maxItems: 2 }],
        description:
          'Resolved on the current revision: a quote must occur exactly once with its prefix/suffix (no fuzzy matching); with a position too, both must agree. Otherwise 422 with field "target". A passage is at most 5,000 characters (422 with field "passage" beyond).',
      },
    },
    ['selector'],
  ),
  Quantity: obj(
    {
      amount: {
        oneOf: [str('a number or a range: "206", "2.5m", "2,500,000–10,000,000"'), { type: 'number' }],
      },
      unit: str(undefined, { maxLength: 40 }),
    },
    ['amount'],
  ),
  Topic: {
    oneOf: [
      str('the question; an existing topic of the same question is reused'),
      obj({ id: str() }, ['id']),
      obj({ question: str() }, ['question']),
    ],
  },
  ClaimInput: obj({
    statement: str(undefined, { minLength: 3, maxLength: 2000 }),
    typeId: str('a claim type of the workspace'),
    type: str('or the claim type by name (case-insensitive); not with typeId'),
    kind: { enum: CLAIM_KIND_KEYS },
    tags: {
      oneOf: [
        { type: 'array', items: str(undefined, { maxLength: 40 }), maxItems: 20 },
        str('comma-separated'),
      ],
    },
    quantity: nullable(ref('Quantity')),
    topic: nullable(ref('Topic')),
  }),
  ClaimCreate: {
    allOf: [
      ref('ClaimInput'),
      obj({ target: ref('Target') }, ['statement', 'kind', 'target'], { additionalProperties: true }),
    ],
    description: 'typeId or type is required.',
    unevaluatedProperties: false,
  },
  Anchor: obj({
    id: str(),
    documentId: str(),
    documentTitle: str(),
    status: { enum: [...ANCHOR_STATUS_VALUES] },
    score: { type: 'number', description: '1 for exact; the match score for fuzzy; 0 for orphaned' },
    selector: { type: 'array', items: ref('Selector') },
    pages: {
      type: 'array',
      items: int(),
      description: 'the pages of a PDF source the passage stands on (one claim only; empty without pages)',
    },
  }),
  ClaimSummary: obj({
    id: str(),
    statement: str(),
    typeId: str(),
    kind: { enum: CLAIM_KIND_KEYS },
    tags: { type: 'array', items: str() },
    status: { enum: [...CLAIM_STATUS_VALUES] },
    topic: nstr('the question'),
    quantity: nstr('formatted, e.g. "206 persons"'),
    authorName: nstr(),
    evidenceCount: int(),
    anchors: { type: 'array', items: ref('Anchor'), description: 'passages in this document' },
  }),
  Claim: obj(
    {
      id: str(),
      workspaceId: str(),
      statement: str(),
      typeId: str(),
      type: obj({ id: str(), name: str(), color: str() }),
      kind: { enum: CLAIM_KIND_KEYS },
      kindLabel: str(),
      tags: { type: 'array', items: str() },
      status: { enum: [...CLAIM_STATUS_VALUES] },
      topic: nullable(obj({ id: str(), question: str() })),
      quantity: nullable(obj({ amount: str(), unit: nstr(), text: str() })),
      contested: { type: 'array', items: obj({ kind: str(), label: str(), detail: str() }) },
      authorName: nstr(),
      createdAt: dateTime,
      version: int('also in the ETag'),
      anchors: { type: 'array', items: ref('Anchor') },
      evidenceCount: int(),
      assessmentCount: int(),
    },
    ['id', 'statement', 'version'],
  ),
  SourceInput: obj(
    {
      name: str(undefined, { minLength: 1, maxLength: 200 }),
      kind: { enum: [...SOURCE_KINDS] },
      url: str('http:// or https:// address'),
      description: str(undefined, { maxLength: 2000 }),
      reliability: {
        enum: RELIABILITY_CODES,
        description: 'Admiralty A (completely reliable) … F (cannot be judged)',
      },
    },
    ['name', 'kind', 'reliability'],
  ),
  SourcePatch: obj({
    name: str(),
    kind: { enum: [...SOURCE_KINDS] },
    url: nstr(),
    description: nstr(),
    reliability: { enum: RELIABILITY_CODES },
    reason: str('required when the reliability changes; kept in the rating history', { maxLength: 500 }),
  }),
  Source: obj(
    {
      id: str(),
      name: str(),
      kind: { enum: [...SOURCE_KINDS] },
      url: nstr(),
      description: nstr(),
      reliability: { enum: RELIABILITY_CODES },
      reliabilityLabel: str(),
      evidenceCount: int(),
      version: int(),
      ratingHistory: {
        type: 'array',
        description: 'GET /sources/{sourceId} only, newest first',
        items: obj({
          reliability: str(),
          previous: nstr(),
          reason: str(),
          changedAt: dateTime,
          changedBy: nstr(),
        }),
      },
    },
    ['id', 'name', 'reliability', 'version'],
  ),
  EvidenceFields: obj({
    stance: { enum: [...STANCES] },
    credibility: { enum: CREDIBILITY_CODES, description: 'Admiralty 1 (confirmed) … 6 (cannot be judged)' },
    quote: nstr(),
    locator: nstr('page, paragraph, timestamp …'),
    note: nstr(),
    accessedOn: nstr('YYYY-MM-DD'),
  }),
  EvidenceCreate: {
    allOf: [
      ref('EvidenceFields'),
      obj(
        { source: { oneOf: [obj({ id: str() }, ['id']), obj({ create: ref('SourceInput') }, ['create'])] } },
        ['source', 'stance', 'credibility'],
        { additionalProperties: true },
      ),
    ],
    unevaluatedProperties: false,
  },
  Evidence: obj(
    {
      id: str(),
      claimId: str(),
      source: obj({ id: str(), name: str(), reliability: { enum: RELIABILITY_CODES } }),
      stance: { enum: [...STANCES] },
      credibility: { enum: CREDIBILITY_CODES },
      rating: str('e.g. "B2": the source reliability and the credibility'),
      quote: nstr(),
      locator: nstr(),
      note: nstr(),
      accessedOn: nstr(),
      version: int(),
    },
    ['id', 'claimId', 'source', 'stance', 'credibility', 'version'],
  ),
  AssessmentInput: obj(
    {
      likelihood: { enum: LIKELIHOOD_KEYS, description: 'ICD 203, from almost_no_chance to almost_certain' },
      confidence: { enum: [...CONFIDENCES] },
      rationale: str(undefined, { minLength: 3, maxLength: 4000 }),
    },
    ['likelihood', 'confidence', 'rationale'],
  ),
  Assessment: obj({
    id: str(),
    claimId: str(),
    user: obj({ id: str(), name: str() }),
    mine: { type: 'boolean' },
    likelihood: { enum: LIKELIHOOD_KEYS },
    confidence: { enum: [...CONFIDENCES] },
    label: str('e.g. "likely (55–80%) · moderate confidence"'),
    rationale: str(),
    updatedAt: dateTime,
    version: int(),
  }),
  SearchResults: obj(
    {
      query: str('the query as understood: phrases in quotes, prefixes with *, exclusions with -'),
      groups: {
        type: 'array',
        description:
          'one group per kind that found something, in the order passage, document, claim, source, evidence, comment',
        items: obj(
          {
            kind: { enum: [...SEARCH_KINDS] },
            more: { type: 'boolean', description: 'more results of this kind than `limit`' },
            results: {
              type: 'array',
              items: obj(
                {
                  kind: { enum: [...SEARCH_KINDS] },
                  documentId: nstr('passages and documents'),
                  claimId: nstr('claims, evidence and comments'),
                  sourceId: nstr('sources and evidence'),
                  evidenceId: nstr(),
                  commentId: nstr(),
                  start: nullable(int("a passage: its start in the document's current text (UTF-16 offset)")),
                  end: nullable(int('a passage: its end')),
                  context: str(
                    "what it belongs to: the document's title, the claim's statement or the source's name",
                  ),
                  snippet: {
                    type: 'array',
                    description: 'the text around the words found, in parts; `match` marks the words found',
                    items: obj({ text: str(), match: { type: 'boolean' } }, ['text', 'match']),
                  },
                  createdAt: dateTime,
                  url: str('where it opens in the app'),
                },
                ['kind', 'context', 'snippet', 'url'],
              ),
            },
          },
          ['kind', 'more', 'results'],
        ),
      },
    },
    ['query', 'groups'],
  ),
  Assessments: obj({
    claimId: str(),
    blind: { type: 'boolean' },
    hiddenCount: int('assessments withheld until you record your own (blind assessments)'),
    assessments: { type: 'array', items: ref('Assessment') },
  }),
};

// ---- responses and parameters ----

const errorResponse = (description: string, headers?: Json) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ref('Error') } },
});

const responses: Record<string, Json> = {
  BadRequest: errorResponse('The body is not valid JSON (`bad_request:json`).'),
  Unauthorized: errorResponse('No token, or an unknown, revoked or expired one (`unauthenticated:token`).', {
    'WWW-Authenticate': { schema: str(), description: 'Bearer realm="warrant"' },
  }),
  Forbidden: errorResponse('Your role in the workspace does not allow this (`forbidden:workspace`).'),
  NotFound: errorResponse(
    'No such object — or one of a workspace you are not a member of (always 404, never 403).',
  ),
  Conflict: errorResponse('The change conflicts with the current state (e.g. a stale baseRevisionId).'),
  PreconditionFailed: errorResponse(
    'If-Match names an older version: nothing was saved; `current` holds the current representation.',
    { ETag: { $ref: '#/components/headers/ETag' } },
  ),
  TooLarge: errorResponse(
    'The body is larger than the limit (`too_large:request`): 1 MB, 10 MB for a document or a revision.',
  ),
  UnsupportedType: errorResponse('The body is not application/json.'),
  Invalid: errorResponse('A field is invalid; `error.field` names it.'),
  PreconditionRequired: errorResponse('An edit without If-Match (`precondition_required:…`).'),
  Internal: errorResponse(
    'Something unexpected went wrong (`internal:server`): logged on the server, answered with a generic message; nothing was changed.',
  ),
};

const idParam = (name: string, what: string) => ({
  name,
  in: 'path',
  required: true,
  description: `The ${what}'s id`,
  schema: str(),
});
const parameters: Record<string, Json> = {
  workspaceId: idParam('workspaceId', 'workspace'),
  documentId: idParam('documentId', 'document'),
  claimId: idParam('claimId', 'claim'),
  sourceId: idParam('sourceId', 'source'),
  evidenceId: idParam('evidenceId', 'evidence'),
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: true,
    description:
      'The ETag from the GET (e.g. `"claim-…-v3"`), or `*`. Without it: 428; a stale one: 412 with the current version.',
    schema: str(),
  },
};

const query = (name: string, description: string, schema: Json = str()) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

/** The evidence table's filters (lib/export/table-filters.ts), which an export also takes. */
const TABLE_FILTER_PARAMS = [
  query('q', 'words of the statement or of a quoted passage'),
  query('type', 'a claim type id'),
  query('topic', 'a topic id'),
  query('tag', 'a tag (any case)'),
  query('status', 'the claim status', { enum: [...CLAIM_STATUS_VALUES] }),
  query('source', 'a source id: the claims with evidence from it, and only that evidence'),
  query('stance', 'the evidence stance', { enum: [...STANCES] }),
  query('contested', 'contested claims or the others', { enum: ['yes', 'no'] }),
  query('reliability', 'the source reliability of the evidence', { enum: RELIABILITY_CODES }),
  query('credibility', 'the information credibility of the evidence', {
    enum: ['1', '2', '3', '4', '5', '6'],
  }),
  query(
    'likelihood',
    'claims with an assessment of this likelihood, among the assessments the caller may see',
    {
      enum: LIKELIHOOD_KEYS,
    },
  ),
  query(
    'confidence',
    'claims with an assessment of this confidence, among the assessments the caller may see',
    {
      enum: [...CONFIDENCES],
    },
  ),
  query('anchor', 'claims with a passage in this state', { enum: [...ANCHOR_STATUS_VALUES] }),
  query('author', 'the member who made the claim (a user id)'),
  query('reviewer', 'the assigned reviewer (a user id), or none'),
];

interface Op {
  summary: string;
  description?: string;
  tag: string;
  params?: Json[];
  body?: string;
  /** A schema of the same body sent as multipart/form-data (a file upload), besides the JSON one. */
  upload?: string;
  ok: { status: number; schema?: Json; description: string; etag?: boolean; content?: Json };
  /** Writes: 403 for a role that may not. */
  write?: boolean;
  /** Edits: If-Match required (412, 428). */
  ifMatch?: boolean;
  extra?: Record<string, Json>;
  security?: Json[];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** e.g. get /claims/{claimId}/evidence → getClaimsByClaimIdEvidence */
function operationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((seg) =>
      seg.startsWith('{') ? `By${cap(seg.slice(1, -1))}` : cap(seg.replace(/[^A-Za-z0-9]/g, '')),
    );
  return method + words.join('');
}

function operation(method: string, path: string, op: Op): Json {
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    $ref: `#/components/parameters/${m[1]}`,
  }));
  const params = [
    ...pathParams,
    ...(op.ifMatch ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
    ...(op.params ?? []),
  ];
  const r = (name: string) => ({ $ref: `#/components/responses/${name}` });
  const out: Record<string, Json> = {
    [op.ok.status]: {
      description: op.ok.description,
      ...(op.ok.etag ? { headers: { ETag: { $ref: '#/components/headers/ETag' } } } : {}),
      ...(op.ok.content
        ? { content: op.ok.content }
        : op.ok.schema
          ? { content: { 'application/json': { schema: op.ok.schema } } }
          : {}),
    },
    ...(op.security?.length === 0 ? {} : { 401: r('Unauthorized') }),
  };
  if (op.write) out[403] = r('Forbidden');
  if (pathParams.length) out[404] = r('NotFound');
  if (op.body)
    Object.assign(out, {
      400: r('BadRequest'),
      413: r('TooLarge'),
      415: r('UnsupportedType'),
      422: r('Invalid'),
    });
  if (op.ifMatch) Object.assign(out, { 412: r('PreconditionFailed'), 428: r('PreconditionRequired') });
  Object.assign(out, op.extra ?? {}, { 500: r('Internal') });
  return {
    operationId: operationId(method, path),
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.security ? { security: op.security } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref(op.body) },
              ...(op.upload ? { 'multipart/form-data': { schema: ref(op.upload) } } : {}),
            },
          },
        }
      : {}),
    responses: out,
  };
}

const conflict = { 409: { $ref: '#/components/responses/Conflict' } };

const PATHS: Record<string, Record<string, Op>> = {
  '/workspaces': {
    get: {
      tag: 'Workspaces',
      summary: 'The workspaces you belong to, with your role and permissions in each',
      ok: { status: 200, description: 'Your workspaces', schema: list('workspaces', 'Workspace') },
    },
  },
  '/workspaces/{workspaceId}/documents': {
    get: {
      tag: 'Documents',
      summary: 'List the documents of a workspace',
      params: [
        query('q', 'words of the title'),
        query('outlet', 'exact outlet'),
        query('author', 'exact author'),
        query('from', 'published on or after (YYYY-MM-DD)'),
        query('to', 'published on or before (YYYY-MM-DD)'),
        query('sort', 'sort column', { enum: ['updated', 'title', 'published', 'outlet', 'author'] }),
        query('dir', 'sort direction', { enum: ['asc', 'desc'] }),
      ],
      ok: { status: 200, description: 'The documents', schema: list('documents', 'DocumentSummary') },
    },
    post: {
      tag: 'Documents',
      summary:
        'Import a document: text, Markdown or HTML as JSON, or a file (.txt, .md, .html, .docx, .pdf) as multipart/form-data; converted and sanitized as in the app',
      body: 'DocumentCreate',
      upload: 'DocumentUpload',
      write: true,
      ok: { status: 201, description: 'Imported; Location names it', schema: ref('Document') },
    },
  },
  '/documents/{documentId}': {
    get: {
      tag: 'Documents',
      summary: 'A document: metadata, current revision and its canonical text',
      ok: { status: 200, description: 'The document', schema: ref('Document') },
    },
  },
  '/documents/{documentId}/revisions': {
    post: {
      tag: 'Documents',
      summary: 'Add a revision (a new version of the text); every passage is re-anchored',
      body: 'RevisionCreate',
      write: true,
      ok: {
        status: 201,
        description: 'Added (200 with created=false when the text is unchanged)',
        schema: ref('RevisionResult'),
      },
      extra: conflict,
    },
  },
  '/documents/{documentId}/claims': {
    get: {
      tag: 'Claims',
      summary: 'The live claims with a passage in the document, in reading order',
      ok: { status: 200, description: 'The claims', schema: list('claims', 'ClaimSummary') },
    },
    post: {
      tag: 'Claims',
      summary: 'Make a claim on a passage of the current revision (W3C selectors)',
      body: 'ClaimCreate',
      write: true,
      ok: { status: 201, description: 'Made; Location names it', schema: ref('Claim'), etag: true },
      extra: conflict,
    },
  },
  '/claims/{claimId}': {
    get: {
      tag: 'Claims',
      summary: 'A claim in full, with its ETag',
      ok: { status: 200, description: 'The claim', schema: ref('Claim'), etag: true },
    },
    patch: {
      tag: 'Claims',
      summary: 'Edit a claim (fields left out are kept; quantity/topic null removes them)',
      body: 'ClaimInput',
      write: true,
      ifMatch: true,
      ok: { status: 200, description: 'Saved', schema: ref('Claim'), etag: true },
    },
    delete: {
      tag: 'Claims',
      summary: 'Move a claim to the trash',
      write: true,
      ok: { status: 204, description: 'In the trash' },
    },
  },
  '/claims/{claimId}/evidence': {
    get: {
      tag: 'Evidence',
      summary: "A claim's evidence",
      ok: { status: 200, description: 'The evidence', schema: list('evidence', 'Evidence') },
    },
    post: {
      tag: 'Evidence',
      summary: 'Link the claim to a source (of the registry, or created on the spot)',
      body: 'EvidenceCreate',
      write: true,
      ok: { status: 201, description: 'Linked', schema: ref('Evidence'), etag: true },
    },
  },
  '/evidence/{evidenceId}': {
    get: {
      tag: 'Evidence',
      summary: 'One piece of evidence, with its ETag',
      ok: { status: 200, description: 'The evidence', schema: ref('Evidence'), etag: true },
    },
    patch: {
      tag: 'Evidence',
      summary: 'Edit evidence (fields left out are kept)',
      body: 'EvidenceFields',
      write: true,
      ifMatch: true,
      ok: { status: 200, description: 'Saved', schema: ref('Evidence'), etag: true },
    },
    delete: {
      tag: 'Evidence',
      summary: 'Move evidence to the trash',
      write: true,
      ok: { status: 204, description: 'In the trash' },
    },
  },
  '/claims/{claimId}/assessments': {
    get: {
      tag: 'Assessments',
      summary: 'The assessments of a claim you may see (blind assessments respected)',
      ok: { status: 200, description: 'The assessments', schema: ref('Assessments') },
    },
  },
  '/claims/{claimId}/assessment': {
    put: {
      tag: 'Assessments',
      summary: 'Record or revise your own assessment',
      description:
        'Optional conditions: If-Match with the ETag of your assessment (412 when it changed since), or If-None-Match: * to record a first one only. Without either, the last write wins. There is no DELETE: the data layer has no way to remove an assessment.',
      params: [
        { name: 'If-Match', in: 'header', required: false, schema: str() },
        { name: 'If-None-Match', in: 'header', required: false, schema: { const: '*' } },
      ],
      body: 'AssessmentInput',
      write: true,
      ok: {
        status: 200,
        description: 'Revised (201 when recorded for the first time)',
        schema: ref('Assessment'),
        etag: true,
      },
      extra: {
        201: { description: 'Recorded', content: { 'application/json': { schema: ref('Assessment') } } },
        412: { $ref: '#/components/responses/PreconditionFailed' },
      },
    },
  },
  '/workspaces/{workspaceId}/search': {
    get: {
      tag: 'Search',
      summary: 'Search the workspace',
      description:
        'Full-text search over passages of the documents (current revisions), document titles, authors and outlets, claims (statement, topic, tags, quotes), sources, evidence (quote, note) and discussion. Case and accents are ignored; all words must occur; `"a phrase"` in order; `-word` excludes; `word*` and the last word match as prefixes. Trashed items are never found; assessments are not searchable.',
      params: [
        query('q', 'the search, at most 200 characters', str(undefined, { maxLength: 200 })),
        query('kind', 'only these kinds, comma-separated', str(SEARCH_KINDS.join(', '))),
        query(
          'document',
          'a document id: its passages, and claims with a passage in it (and their evidence and discussion)',
        ),
        query('type', 'a claim type id (claims, evidence, discussion)'),
        query('source', 'a source id (the source, its evidence, claims citing it)'),
        query('by', "a member's user id: what they wrote"),
        query('from', 'written on or after this day', str('YYYY-MM-DD', { format: 'date' })),
        query('to', 'written on or before this day', str('YYYY-MM-DD', { format: 'date' })),
        query('limit', 'at most this many results per kind (≤ 50, default 10)', {
          type: 'integer',
          minimum: 1,
          maximum: 50,
        }),
      ],
      ok: { status: 200, description: 'The results, grouped by kind', schema: ref('SearchResults') },
    },
  },
  '/workspaces/{workspaceId}/sources': {
    get: {
      tag: 'Sources',
      summary: "The workspace's source registry",
      params: [
        query('q', 'words of the name'),
        query('limit', 'at most this many (≤ 500)', { type: 'integer', minimum: 1, maximum: 500 }),
      ],
      ok: { status: 200, description: 'The sources', schema: list('sources', 'Source') },
    },
    post: {
      tag: 'Sources',
      summary: 'Add a source to the registry',
      body: 'SourceInput',
      write: true,
      ok: { status: 201, description: 'Added', schema: ref('Source'), etag: true },
    },
  },
  '/sources/{sourceId}': {
    get: {
      tag: 'Sources',
      summary: 'A source with its rating history, and its ETag',
      ok: { status: 200, description: 'The source', schema: ref('Source'), etag: true },
    },
    patch: {
      tag: 'Sources',
      summary: 'Edit a source; a new reliability needs a reason',
      body: 'SourcePatch',
      write: true,
      ifMatch: true,
      ok: { status: 200, description: 'Saved', schema: ref('Source'), etag: true },
    },
    delete: {
      tag: 'Sources',
      summary: 'Move a source to the trash',
      write: true,
      ok: { status: 204, description: 'In the trash' },
    },
  },
  '/workspaces/{workspaceId}/export': {
    get: {
      tag: 'Exports',
      summary: 'Export the evidence table or a report',
      description:
        'Streams the export as a file (Content-Disposition: attachment). Formats: CSV (one row per claim and evidence link), XLSX (claims, evidence, sources, rating history, assessments), JSON (everything), W3C Web Annotations (JSON-LD), schema.org ClaimReview (JSON-LD) and a Markdown brief. Assessments follow blind visibility.',
      params: [
        { ...query('format', 'the file format', { enum: [...EXPORT_FORMAT_VALUES] }), required: true },
        query('document', 'only the claims with a passage in this document'),
        ...TABLE_FILTER_PARAMS,
        query('bom', 'CSV only: 1 starts the file with a byte-order mark (for Excel)', { enum: ['1'] }),
        query(
          'columns',
          'CSV and XLSX: "view" exports the evidence table as shown (the columns in cols, the order of sort and dir, the grouping as a first column); "all" (the default) every column',
          { type: 'string', enum: ['view', 'all'] },
        ),
        query(
          'cols',
          `with columns=view: the table columns, comma-separated, in order (of ${COLUMN_KEYS.join(', ')})`,
        ),
        query('sort', 'with columns=view: the column the rows are ordered by', {
          type: 'string',
          enum: [...COLUMN_KEYS],
        }),
        query('dir', 'with columns=view: the order of sort', { type: 'string', enum: ['asc', 'desc'] }),
        query('group', 'with columns=view: group the rows by', { type: 'string', enum: Object.keys(GROUPS) }),
      ],
      ok: {
        status: 200,
        description: 'The file',
        content: {
          'text/csv': { schema: str() },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
            schema: { type: 'string', contentEncoding: 'binary' },
          },
          'application/json': { schema: { type: 'object' } },
          'application/ld+json': { schema: { type: 'object' } },
          'text/markdown': { schema: str() },
        },
      },
      extra: { 422: { $ref: '#/components/responses/Invalid' } },
    },
  },
  '/openapi.json': {
    get: {
      tag: 'Meta',
      summary: 'This description (no token needed)',
      security: [],
      ok: { status: 200, description: 'OpenAPI 3.1', schema: { type: 'object' } },
    },
  },
};

export function openApiDocument(): Json {
  const paths = Object.fromEntries(
    Object.entries(PATHS).map(([path, ops]) => [
      path,
      Object.fromEntries(Object.entries(ops).map(([method, op]) => [method, operation(method, path, op)])),
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Warrant REST API',
      version: '1.0.0',
      description: [
        'Claims, sources, evidence and assessments of the workspaces you belong to, with the permissions of your role.',
        `Authenticate with a personal access token (made on your account page or with the admin CLI; valid for up to ${MAX_TOKEN_DAYS} days or without expiry): \`Authorization: Bearer wrn_…\`.`,
        'Editable objects carry an ETag; send it back in If-Match to edit (428 without, 412 when stale).',
        'Errors are `{ "error": { "code", "message", "field"? } }`. Dates are ISO 8601.',
      ].join('\n\n'),
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    tags: [
      'Workspaces',
      'Documents',
      'Claims',
      'Evidence',
      'Assessments',
      'Sources',
      'Search',
      'Exports',
      'Meta',
    ].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'wrn_ followed by 43 characters (personal access token)',
        },
      },
      headers: {
        ETag: {
          description: 'The version of the object, e.g. `"claim-<id>-v3"`: send it in If-Match to edit.',
          schema: str(),
        },
      },
      parameters,
      responses,
      schemas,
    },
  };
}
