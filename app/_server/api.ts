/**
 * Helpers for the session-authenticated JSON endpoints (app/api/ other than v1): `jsonRoute` runs
 * a handler for the signed-in user of a same-site request and answers its typed errors through
 * the one error path (app/_server/errors.ts: the status of their kind, the envelope
 * `{ error: { code, message, field? }, current? }`); request bodies are read with a hard size limit.
 */
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { AppError } from '@/lib/errors';
import { fieldErrors } from '@/lib/validation';
import { isSameOriginRequest } from '@/lib/same-origin';
import { getCurrentUser, type CurrentUser } from './auth';
import { errorResponse } from './errors';
import { readLimitedBytes } from '@/lib/limited-body';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function invalidInput(error: z.ZodError): AppError {
  const errors = fieldErrors(error);
  const [field, messages] = Object.entries(errors)[0] ?? ['_form', ['Invalid input.']];
  return new AppError('invalid', 'input', messages[0]!, { field });
}

/** Refuses cross-site requests to the session-authenticated endpoints (CSRF). */
export function assertSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request.headers)) {
    throw new AppError('forbidden', 'request', 'Cross-site requests are not accepted.');
  }
}

/** The signed-in user of a same-site request, or 401/403. */
export async function requireApiUser(request?: Request): Promise<CurrentUser> {
  if (request) assertSameOrigin(request);
  const user = await getCurrentUser();
  if (!user) throw new AppError('unauthenticated', 'session', 'Sign in to continue.');
  return user;
}

/** Reads the whole body, refusing (413) anything over `limit` bytes before or while reading. */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const body = await readLimitedBytes(request, limit);
  if (body) return body;
  throw new AppError(
    'too_large',
    'request',
    `The upload is larger than ${Math.round(limit / 1024 / 1024)} MB.`,
    {
      field: 'file',
    },
  );
}

/** Parses a JSON body (at most 1 MB) with a schema; 422 with the first field's message. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const body = await readBody(request, 1024 * 1024);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new AppError('invalid', 'input', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/**
 * A session-authenticated JSON endpoint: same-site check, signed-in user, typed errors as JSON.
 * GET requests skip the same-site check (they change nothing).
 */
export function jsonRoute<P>(
  fn: (ctx: { request: Request; user: CurrentUser; params: P }) => Promise<unknown>,
  { status = 200 }: { status?: number } = {},
) {
  return async (request: Request, context: { params: Promise<P> }) => {
    try {
      const user = await requireApiUser(request.method === 'GET' ? undefined : request);
      const result = await fn({ request, user, params: await context.params });
      return NextResponse.json(result ?? { ok: true }, { status });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
