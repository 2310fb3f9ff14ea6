/**
 * Typed application errors. The code reads `kind:object` (e.g. `not_found:workspace`); the HTTP
 * status follows from the kind. A row of another workspace is always `not_found`, never
 * `forbidden`, so that nothing tells an outsider it exists.
 */

export const ERROR_STATUS = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
} as const;
export type ErrorKind = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly object: string;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  /** For a conflict: the newer values the stale edit would have overwritten. */
  readonly current?: Record<string, unknown>;

  constructor(
    kind: ErrorKind,
    object: string,
    message: string,
    extra: { field?: string; retryAfterSeconds?: number; current?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.object = object;
    this.field = extra.field;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.current = extra.current;
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
