/**
 * The OpenAPI 3.1 description of the REST API (v1), served at /api/v1/openapi.json. Generated:
 * every endpoint is an `Endpoint` of lib/api/contract, every body a zod schema registered there
 * (the same schemas the handlers validate with and the presenters are typed by), turned into
 * JSON Schema by zod. A test walks app/api/v1 and checks that every route file and method is
 * described; the API tests validate every answer against this document.
 */
import { z } from 'zod';
import { ALL_ENDPOINTS } from './contract';
import { type Answer, type Endpoint, requestSchemas, responseSchemas } from './contract/registry';
import { MAX_TOKEN_DAYS } from './token-input';

type Json = Record<string, unknown>;

const SCHEMAS = '#/components/schemas/';
const uri = (id: string) => `${SCHEMAS}${id}`;

/** The standard answers, referred to by name from every endpoint. */
const errorResponse = (description: string, headers?: Json) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: uri('Error') } } },
});

const RESPONSES: Record<string, Json> = {
  BadRequest: errorResponse('The body is not valid JSON (`bad_request:json`).'),
  Unauthorized: errorResponse('No token, or an unknown, revoked or expired one (`unauthenticated:token`).', {
    'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer realm="warrant"' },
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

const withoutMeta = ({ $schema: _s, $id: _i, ...rest }: Json) => rest;

/** A registered schema's reference; a schema that is not registered is a mistake in the contract. */
function refTo(schema: z.ZodType, registry: typeof requestSchemas): Json {
  const meta = registry.get(schema);
  if (!meta)
    throw new Error('The API contract uses a schema that is not registered (requestBody/responseBody).');
  return { $ref: uri(meta.id) };
}

/** clientId → "client", workspaceId → "workspace", claimTypeId → "claim type". */
const pathParamNoun = (name: string) =>
  name
    .replace(/Id$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();

/** A query object's fields as OpenAPI parameters, each described by its own zod schema. */
function queryParameters(query: z.ZodObject): Json[] {
  return Object.entries(query.shape).map(([name, field]) => {
    const schema = field as z.ZodType;
    const { description, ...json } = withoutMeta(
      z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json,
    );
    return {
      name,
      in: 'query',
      required: !schema.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: json,
    };
  });
}

function answer(a: Answer): Json {
  return {
    description: a.description,
    ...(a.etag ? { headers: { ETag: { $ref: '#/components/headers/ETag' } } } : {}),
    ...(a.content
      ? { content: a.content }
      : a.schema
        ? { content: { 'application/json': { schema: refTo(a.schema, responseSchemas) } } }
        : {}),
  };
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

function operation(e: Endpoint): Json {
  const pathParams = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    $ref: `#/components/parameters/${m[1]}`,
  }));
  const params = [
    ...pathParams,
    ...(e.ifMatch ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
    ...(e.headers ?? []).map((h) => ({
      name: h.name,
      in: 'header',
      required: h.required ?? false,
      description: h.description,
      schema: h.schema ?? { type: 'string' },
    })),
    ...(e.query ? queryParameters(e.query) : []),
  ];
  const r = (name: string) => ({ $ref: `#/components/responses/${name}` });
  const out: Record<string, Json> = {
    [e.ok.status]: answer(e.ok),
    ...(e.security?.length === 0 ? {} : { 401: r('Unauthorized') }),
  };
  if (e.write) out[403] = r('Forbidden');
  if (pathParams.length) out[404] = r('NotFound');
  if (e.body)
    Object.assign(out, {
      400: r('BadRequest'),
      413: r('TooLarge'),
      415: r('UnsupportedType'),
      422: r('Invalid'),
    });
  if (e.ifMatch) Object.assign(out, { 412: r('PreconditionFailed'), 428: r('PreconditionRequired') });
  for (const [status, a] of Object.entries(e.extra ?? {}))
    out[status] = typeof a === 'string' ? r(a) : answer(a);
  out[500] = r('Internal');
  return {
    operationId: operationId(e.method, e.path),
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    tags: [e.tag],
    ...(e.security ? { security: e.security } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(e.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: refTo(e.body, requestSchemas) },
              ...(e.upload ? { 'multipart/form-data': { schema: refTo(e.upload, requestSchemas) } } : {}),
            },
          },
        }
      : {}),
    responses: out,
  };
}

/** Every registered body as a component: requests as their input, responses as their output. */
function componentSchemas(): Record<string, Json> {
  const generate = (registry: typeof requestSchemas, io: 'input' | 'output') =>
    (z.toJSONSchema(registry, { io, uri, unrepresentable: 'any' }) as { schemas: Record<string, Json> })
      .schemas;
  const requests = generate(requestSchemas, 'input');
  const responses = generate(responseSchemas, 'output');
  const twice = Object.keys(requests).filter((name) => name in responses);
  if (twice.length) throw new Error(`A schema name is both a request and a response: ${twice.join(', ')}`);
  return Object.fromEntries(
    Object.entries({ ...requests, ...responses })
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, schema]) => [name, withoutMeta(schema)]),
  );
}

function pathParameters(endpoints: Endpoint[]): Record<string, Json> {
  const names = [...new Set(endpoints.flatMap((e) => [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))];
  return Object.fromEntries(
    names.sort().map((name) => [
      name,
      {
        name,
        in: 'path',
        required: true,
        description: `The ${pathParamNoun(name)}'s id`,
        schema: { type: 'string' },
      },
    ]),
  );
}

let cached: Json | undefined;

export function openApiDocument(): Json {
  if (cached) return cached;
  const paths: Record<string, Record<string, Json>> = {};
  for (const e of ALL_ENDPOINTS) {
    const ops = (paths[e.path] ??= {});
    if (ops[e.method]) throw new Error(`Described twice: ${e.method} ${e.path}`);
    ops[e.method] = operation(e);
  }
  const tags = [...new Set(ALL_ENDPOINTS.map((e) => e.tag))];
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Warrant REST API',
      version: '1.1.0',
      description: [
        'Claims, sources, evidence, assessments, review and discussion of the workspaces you belong to, with the permissions of your role.',
        `Authenticate with a personal access token (made on your account page or with the admin CLI; valid for up to ${MAX_TOKEN_DAYS} days or without expiry): \`Authorization: Bearer wrn_…\`.`,
        'Editable objects carry an ETag; send it back in If-Match to edit (428 without, 412 when stale).',
        'Errors are `{ "error": { "code", "message", "field"? } }`. Dates are ISO 8601.',
        'This document is generated from the schemas the server validates with.',
      ].join('\n\n'),
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    tags: tags.map((name) => ({ name })),
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
          schema: { type: 'string' },
        },
      },
      parameters: {
        ...pathParameters(ALL_ENDPOINTS),
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: true,
          description:
            'The ETag from the GET (e.g. `"claim-…-v3"`), or `*`. Without it: 428; a stale one: 412 with the current version.',
          schema: { type: 'string' },
        },
      },
      responses: RESPONSES,
      schemas: componentSchemas(),
    },
  };
  return cached;
}
