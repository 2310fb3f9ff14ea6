/**
 * The one error path of HTTP: every route handler — the session endpoints (`jsonRoute`), the REST
 * API (`v1Route`), the streams, the downloads and the sign-in guard — answers a thrown value with
 * `errorResponse`. A typed error (lib/errors.ts) gets the status of its kind from the one table
 * (ERROR_STATUS), its headers (Retry-After, WWW-Authenticate, ETag) and the one envelope:
 *
 *   { "error": { "code": "kind:object", "message": "…", "field"?: "…" }, "current"?: … }
 *
 * Anything else is logged with console.error and answered 500 `internal:server` with a generic
 * message: no stack trace, SQL or driver message leaves. Nothing else in the app builds an error
 * Response (app/_server/errors.test.ts checks the source tree).
 */
import { asAppError, type ErrorEnvelope, type ErrorKind } from '@/lib/errors';

export interface ErrorResponseOptions {
  /** Data-layer field names the client knows by another name (the REST API's), renamed in `field`. */
  fieldNames?: Readonly<Record<string, string>>;
  /**
   * The kinds whose `current` is sent (default: all). The REST API sends it with a 412 only: that
   * one is a presented representation, whereas a data-layer conflict's is a row's values.
   */
  currentWith?: readonly ErrorKind[];
  /** Where the error was caught, for the log of an unexpected one. */
  where?: string;
}

export function errorResponse(
  thrown: unknown,
  { fieldNames = {}, currentWith, where = 'a route handler' }: ErrorResponseOptions = {},
): Response {
  const error = asAppError(thrown, where);
  const field = error.field ? (fieldNames[error.field] ?? error.field) : undefined;
  const sendCurrent = error.current !== undefined && (!currentWith || currentWith.includes(error.kind));
  const body: ErrorEnvelope = {
    error: { code: error.code, message: error.message, ...(field ? { field } : {}) },
    ...(sendCurrent ? { current: error.current } : {}),
  };
  return Response.json(body, {
    status: error.status,
    headers: { 'Cache-Control': 'no-store', ...error.headers },
  });
}
