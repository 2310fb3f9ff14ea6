/**
 * The one typed error of the app, and its one table of HTTP statuses. The code reads
 * `kind:object` (e.g. `not_found:workspace`); the status follows from the kind alone. A row of
 * another workspace is always `not_found`, never `forbidden`, so that nothing tells an outsider it
 * exists.
 *
 * Every refusal — of the data layer, of a route handler, of the REST API (v1), of the sign-in
 * guard — is an `AppError`; app/_server/errors.ts turns any thrown value into the one JSON
 * envelope (`ErrorEnvelope`), and app/_server/action.ts into a form's state, both through
 * `asAppError` here, which answers anything unexpected as `internal:server` (logged, never shown).
 */

export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  unsupported_type: 415,
  invalid: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorKind = keyof typeof ERROR_STATUS;

/** What an unexpected error is answered with: nothing of it (stack, SQL) reaches a client. */
export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side. Nothing was changed; please try again.';

export interface AppErrorExtra {
  /** The input field at fault (a form field, or the REST API's after its renaming). */
  field?: string;
  /** Sent as the Retry-After header (rate_limited, unavailable). */
  retryAfterSeconds?: number;
  /**
   * The current state of the object the request was based on an older version of: the newer
   * values of a conflict (the app's forms), the current representation of a 412 (the REST API;
   * null when there is none).
   */
  current?: unknown;
  /** Other response headers of the answer (WWW-Authenticate of a 401, ETag of a 412). */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly object: string;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  readonly current?: unknown;
  /** The response headers of this answer, Retry-After included. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(kind: ErrorKind, object: string, message: string, extra: AppErrorExtra = {}) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.object = object;
    this.field = extra.field;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.current = extra.current;
    this.headers = {
      ...extra.headers,
      ...(extra.retryAfterSeconds ? { 'Retry-After': String(extra.retryAfterSeconds) } : {}),
    };
  }

  get code(): string {
    return `${this.kind}:${this.object}`;
  }

  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

export const notFound = (object: string) =>
  new AppError('not_found', object, `This ${object} does not exist.`);

export const forbidden = (object: string, message: string) => new AppError('forbidden', object, message);

export const invalid = (object: string, message: string, field?: string) =>
  new AppError('invalid', object, message, { field });

export const conflict = (object: string, message: string) => new AppError('conflict', object, message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * Any thrown value as the error the app answers: a typed error as it is; anything else is logged
 * (`where` says who caught it) and becomes `internal:server` with the generic message.
 */
export function asAppError(error: unknown, where: string): AppError {
  if (isAppError(error)) return error;
  console.error(`Unexpected error in ${where}`, error);
  return new AppError('internal', 'server', INTERNAL_ERROR_MESSAGE);
}

/** The body of every JSON error the app sends (the session endpoints and the REST API alike). */
export interface ErrorEnvelope {
  error: { code: string; message: string; field?: string };
  current?: unknown;
}

/** The error of a response body, when it is the envelope (for the app's own fetch calls). */
export function envelopeError(body: unknown): (ErrorEnvelope['error'] & { current?: unknown }) | null {
  if (!body || typeof body !== 'object') return null;
  const { error, current } = body as Partial<ErrorEnvelope>;
  if (!error || typeof error !== 'object' || typeof error.message !== 'string') return null;
  return {
    code: typeof error.code === 'string' ? error.code : '',
    message: error.message,
    ...(typeof error.field === 'string' ? { field: error.field } : {}),
    ...(current !== undefined ? { current } : {}),
  };
}
