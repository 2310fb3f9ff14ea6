/**
 * The REST API (v1) glue: `v1Route` authenticates a request by its personal access token
 * (`Authorization: Bearer wrn_…`, never by a cookie, so no CSRF check applies), runs the handler,
 * and answers a thrown value through the one error path (app/_server/errors.ts), as every route
 * of the app does: `{ error: { code, message, field? }, current? }` with the status of the code's
 * kind (ERROR_STATUS in lib/errors.ts), data-layer field names renamed to the API's (FIELD_NAMES),
 * and `current` sent with a 412 only. The codes of the API:
 *
 *   400 bad_request:json           the body is not JSON
 *   401 unauthenticated:token      no token, or an unknown, revoked or expired one (WWW-Authenticate)
 *   403 forbidden:…                the role does not allow it
 *   404 not_found:…                no such object — or one of a workspace the user is not in
 *   409 conflict:…                 e.g. a revision based on a revision that is no longer current
 *   412 precondition_failed:…      If-Match names an older version (the current one is sent along)
 *   413 too_large:request          a body over the limit
 *   415 unsupported_type:request   a body that is not application/json
 *   422 invalid:…                  a field is wrong (`field` names it)
 *   428 precondition_required:…    an edit without If-Match
 *   500 internal:server            anything unexpected: logged, answered with a generic message
 */
import type { z } from 'zod';
import { resolveApiToken } from '@/db/queries/api-tokens';
import { getWorkspace } from '@/db/queries/workspaces';
import type { Actor } from '@/db/queries/access';
import { parseIfMatch, type EtagKind, type IfMatch } from '@/lib/api/etag';
import { clientIp } from '@/lib/client-ip';
import { AppError, isAppError } from '@/lib/errors';
import type { Action } from '@/lib/permissions';
import { readBody } from './api';
import { errorResponse, type ErrorResponseOptions } from './errors';
import { appStore } from './store';

export const JSON_BODY_LIMIT = 1024 * 1024;
const REALM = 'Bearer realm="warrant"';

/** Data-layer field names that the API calls otherwise. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  passage: 'target',
  topicId: 'topic',
  file: 'content',
};

/** How the REST API answers errors: its field names, and `current` with a 412 only. */
export const V1_ERRORS: ErrorResponseOptions = {
  fieldNames: FIELD_NAMES,
  currentWith: ['precondition_failed'],
  where: 'the REST API',
};

const baseHeaders = { 'Cache-Control': 'no-store' };

export function jsonResponse(
  data: unknown,
  { status = 200, etag, location }: { status?: number; etag?: string; location?: string } = {},
): Response {
  const headers: Record<string, string> = { ...baseHeaders };
  if (etag) headers.ETag = etag;
  if (location) headers.Location = location;
  return Response.json(data, { status, headers });
}

export const noContent = () => new Response(null, { status: 204, headers: baseHeaders });

/** The actor of a request, from its bearer token; 401 otherwise. */
export async function authenticate(request: Request): Promise<Actor> {
  const header = request.headers.get('authorization');
  if (!header) {
    throw new AppError(
      'unauthenticated',
      'token',
      'Send a personal access token: Authorization: Bearer <token>.',
      {
        headers: { 'WWW-Authenticate': REALM },
      },
    );
  }
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  const actor = match ? await resolveApiToken(appStore(), match[1]!) : null;
  if (!actor) {
    throw new AppError('unauthenticated', 'token', 'The token is unknown, revoked or expired.', {
      headers: {
        'WWW-Authenticate': `${REALM}, error="invalid_token", error_description="The token is unknown, revoked or expired."`,
      },
    });
  }
  return { ...actor, ip: clientIp(request.headers, process.env.TRUST_PROXY === 'true') };
}

type Handler<P> = (ctx: { request: Request; actor: Actor; params: P }) => Promise<unknown>;

/**
 * A token-authenticated endpoint. The handler returns data (sent as JSON with `status`) or a
 * ready Response (for ETag, Location, 201 or 204).
 */
export function v1Route<P>(fn: Handler<P>, { status = 200 }: { status?: number } = {}) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await authenticate(request);
      const result = await fn({ request, actor, params: await context.params });
      return result instanceof Response ? result : jsonResponse(result, { status });
    } catch (error) {
      return errorResponse(error, V1_ERRORS);
    }
  };
}

/** Turns a zod error into a 422 naming the first field at fault. */
export function invalidBody(error: z.ZodError, rename: Record<string, string> = {}): AppError {
  const issue = error.issues[0];
  let field = issue?.path.join('.') || undefined;
  let message = issue?.message ?? 'Invalid input.';
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    field = [...issue.path, key].join('.');
    message = `Unknown field “${key}”.`;
  }
  if (field && rename[field]) field = rename[field];
  return new AppError('invalid', 'input', message, { field });
}

export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  rename?: Record<string, string>,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidBody(parsed.error, rename);
  return parsed.data;
}

/** Reads a JSON body: 415 when it is not JSON, 413 over `limit`, 400 when malformed, 422 when invalid. */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { limit = JSON_BODY_LIMIT, rename }: { limit?: number; rename?: Record<string, string> } = {},
): Promise<z.output<S>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new AppError('unsupported_type', 'request', 'Send the body as application/json.');
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(request, limit);
  } catch (error) {
    if (isAppError(error) && error.kind === 'too_large') {
      throw new AppError(
        'too_large',
        'request',
        `The body is larger than ${Math.round(limit / 1024 / 1024)} MB.`,
      );
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError('bad_request', 'json', 'The request body is not valid JSON.');
  }
  return validate(schema, json, rename);
}

/** The If-Match of an edit: 428 without one. Checked before anything is read or written. */
export function requireIfMatch(request: Request, kind: EtagKind, id: string): IfMatch {
  const ifMatch = parseIfMatch(request.headers.get('if-match'), kind, id);
  if (ifMatch.kind === 'missing') throw preconditionRequired(kind);
  return ifMatch;
}

/** Whether If-Match names this version (`*` names any). */
export const matchesVersion = (ifMatch: IfMatch, version: number) =>
  ifMatch.kind === 'any' || (ifMatch.kind === 'version' && ifMatch.version === version);

export function preconditionRequired(kind: EtagKind) {
  return new AppError(
    'precondition_required',
    kind,
    `Send If-Match with the ETag of the ${kind} (from its GET) so that a newer version is not overwritten.`,
  );
}

/** 412, with the current representation (null when there is none) and its ETag. */
export function preconditionFailed(kind: EtagKind, current: unknown, currentEtag?: string) {
  return new AppError(
    'precondition_failed',
    kind,
    `The ${kind} changed since the version named in If-Match. Its current version is attached; nothing was saved.`,
    { current, headers: currentEtag ? { ETag: currentEtag } : {} },
  );
}

/** Whether a data-layer error is the version conflict of an edit. */
export const isVersionConflict = (error: unknown, object: string) =>
  isAppError(error) && error.kind === 'conflict' && error.object === object;

/**
 * Refuses a write early — before a large body is read and converted — when the actor's role in
 * the workspace does not allow it. The data layer checks again inside the write.
 */
export async function refuseEarlyUnless(actor: Actor, workspaceId: string, action: Action): Promise<void> {
  const workspace = await getWorkspace(appStore(), { actor, workspaceId });
  if (!workspace.can.includes(action)) {
    throw new AppError('forbidden', 'workspace', `Your role (${workspace.role}) does not allow this.`);
  }
}

/** A versioned object as the API shows it: the object, its JSON body and its ETag. */
export interface Versioned<T> {
  object: T & { version: number };
  body: unknown;
  etag: string;
}

/**
 * The conditional edit every PATCH shares (RFC 9110): If-Match is required (428 without); a tag of
 * another version is 412 with the current representation; the edit is applied against the version
 * read, so a write that lands meanwhile makes the data layer refuse it — also answered 412 with
 * the newer object; the answer is the edited object with its new ETag.
 */
export async function conditionalEdit<T, P, C extends { version: number } = T & { version: number }>(
  request: Request,
  kind: EtagKind,
  id: string,
  {
    readPatch,
    load,
    current,
    apply,
  }: {
    readPatch: () => Promise<P>;
    load: () => Promise<Versioned<T>>;
    /**
     * What `apply` needs of the object, with its version (checked against If-Match), when that is
     * cheaper to read than the representation `load` answers; `load`'s object by default.
     */
    current?: () => Promise<C>;
    apply: (before: C, patch: P) => Promise<unknown>;
  },
): Promise<Response> {
  const ifMatch = requireIfMatch(request, kind, id);
  const patch = await readPatch();
  const refuse = async () => {
    const now = await load();
    return preconditionFailed(kind, now.body, now.etag);
  };
  const before = current ? await current() : ((await load()).object as unknown as C);
  if (!matchesVersion(ifMatch, before.version)) throw await refuse();
  try {
    await apply(before, patch);
  } catch (error) {
    if (!isVersionConflict(error, kind)) throw error;
    throw await refuse();
  }
  const after = await load();
  return jsonResponse(after.body, { etag: after.etag });
}
