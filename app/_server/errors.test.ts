/**
 * The one error path (issue 12): the one table of lib/errors.ts, the one envelope of
 * app/_server/errors.ts, both route wrappers (`jsonRoute`, `v1Route`) and the server actions'
 * form state going through it, and — read on the source tree — nothing else building an error
 * Response by hand.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sourceTree } from '@/lib/source-tree.testing';
import {
  AppError,
  asAppError,
  envelopeError,
  ERROR_STATUS,
  INTERNAL_ERROR_MESSAGE,
  type ErrorKind,
} from '@/lib/errors';

// The route wrappers' callers, without a session cookie or a token database.
vi.mock('@/app/_server/auth', () => ({
  getCurrentUser: async () => ({ userId: 'u1', isAdmin: false, email: 'a@example.org', name: 'A' }),
  requireUser: async () => ({ userId: 'u1', isAdmin: false, email: 'a@example.org', name: 'A' }),
}));
vi.mock('@/db/queries/api-tokens', () => ({
  resolveApiToken: async (_store: unknown, token: string) => (token === 'wrn_good' ? { userId: 'u1' } : null),
}));
vi.mock('@/app/_server/store', () => ({ appStore: () => ({}) }));

const { errorResponse } = await import('./errors');
const { authenticate, preconditionFailed, preconditionRequired, V1_ERRORS, v1Route } =
  await import('./api-v1');
const { jsonRoute } = await import('./api');
const { errorState } = await import('./action');

/** The public statuses: changing one changes the REST API (docs/api.md). */
const TABLE: Record<ErrorKind, number> = {
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
};

const read = async (res: Response) => ({
  status: res.status,
  headers: Object.fromEntries(res.headers),
  body: (await res.json()) as unknown,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the one table', () => {
  it('maps each kind to its status, and no other kind exists', () => {
    expect(ERROR_STATUS).toEqual(TABLE);
  });

  it.each(Object.entries(TABLE) as [ErrorKind, number][])(
    '%s → %i, code kind:object, the envelope, no-store',
    async (kind, status) => {
      const error = new AppError(kind, 'thing', 'A message for people.');
      expect(error.code).toBe(`${kind}:thing`);
      expect(error.status).toBe(status);
      const res = await read(errorResponse(error));
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({ error: { code: `${kind}:thing`, message: 'A message for people.' } });
    },
  );
});

describe('headers', () => {
  it('sends WWW-Authenticate with the REST API’s 401 (no token, a bad token)', async () => {
    const none = await authenticate(new Request('http://localhost/api/v1/workspaces')).catch(
      (e: unknown) => e,
    );
    const res = await read(errorResponse(none, V1_ERRORS));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="warrant"');
    expect(res.body).toMatchObject({ error: { code: 'unauthenticated:token' } });

    const bad = await authenticate(
      new Request('http://localhost/api/v1/workspaces', { headers: { authorization: 'Bearer wrn_bad' } }),
    ).catch((e: unknown) => e);
    const refused = await read(errorResponse(bad, V1_ERRORS));
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it.each([
    ['rate_limited', 429, 90],
    ['unavailable', 503, 5],
  ] as const)('derives Retry-After from retryAfterSeconds (%s → %i)', async (kind, status, seconds) => {
    const res = await read(errorResponse(new AppError(kind, 'x', 'Later.', { retryAfterSeconds: seconds })));
    expect(res.status).toBe(status);
    expect(res.headers['retry-after']).toBe(String(seconds));
  });

  it('sends no Retry-After or WWW-Authenticate unless the error has them', async () => {
    const res = await read(errorResponse(new AppError('unauthenticated', 'session', 'Sign in to continue.')));
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('sends a 412 with the current representation (even null) and its ETag', async () => {
    const res = await read(
      errorResponse(preconditionFailed('claim', { id: 'c1' }, '"claim-c1-v3"'), V1_ERRORS),
    );
    expect(res.status).toBe(412);
    expect(res.headers.etag).toBe('"claim-c1-v3"');
    expect(res.body).toMatchObject({ error: { code: 'precondition_failed:claim' }, current: { id: 'c1' } });
    const none = await read(errorResponse(preconditionFailed('assessment', null), V1_ERRORS));
    expect(none.body).toMatchObject({ current: null });
    expect(none.headers.etag).toBeUndefined();
    expect((await read(errorResponse(preconditionRequired('claim'), V1_ERRORS))).status).toBe(428);
  });
});

describe('field and current, per client', () => {
  it.each([
    ['passage', 'target'],
    ['topicId', 'topic'],
    ['file', 'content'],
    ['statement', 'statement'],
  ])('renames the data layer’s field %s to the REST API’s %s, and only there', async (field, v1) => {
    const error = new AppError('invalid', 'input', 'Wrong.', { field });
    expect((await read(errorResponse(error, V1_ERRORS))).body).toEqual({
      error: { code: 'invalid:input', message: 'Wrong.', field: v1 },
    });
    expect((await read(errorResponse(error))).body).toEqual({
      error: { code: 'invalid:input', message: 'Wrong.', field },
    });
  });

  it('sends a conflict’s current to the app’s forms, not through the REST API (its 412 has it)', async () => {
    const error = new AppError('conflict', 'claim', 'Someone else saved a newer version.', {
      current: { version: 3 },
    });
    expect((await read(errorResponse(error))).body).toEqual({
      error: { code: 'conflict:claim', message: 'Someone else saved a newer version.' },
      current: { version: 3 },
    });
    const v1 = await read(errorResponse(error, V1_ERRORS));
    expect(v1.status).toBe(409);
    expect(v1.body).toEqual({
      error: { code: 'conflict:claim', message: 'Someone else saved a newer version.' },
    });
  });

  it('reads the envelope back on the client side', async () => {
    const error = new AppError('conflict', 'claim', 'Stale.', {
      field: 'statement',
      current: { version: 2 },
    });
    const body = (await read(errorResponse(error))).body;
    expect(envelopeError(body)).toEqual({
      code: 'conflict:claim',
      message: 'Stale.',
      field: 'statement',
      current: { version: 2 },
    });
    for (const other of [null, {}, { error: 'invalid:input', message: 'old shape' }, 'text', { url: '/x' }])
      expect(envelopeError(other)).toBeNull();
  });
});

describe('an unexpected error', () => {
  const thrown: [string, unknown][] = [
    ['an Error with a stack and SQL', new Error('SQLITE_CONSTRAINT: UNIQUE failed: users.email')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['a plain object', { code: 'ECONNRESET' }],
  ];

  it.each(thrown)(
    'is answered 500 internal:server, logged, without a trace of it (%s)',
    async (_name, value) => {
      const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      for (const options of [{}, V1_ERRORS]) {
        log.mockClear();
        const res = errorResponse(value, options);
        const text = await res.clone().text();
        expect(res.status).toBe(500);
        expect(JSON.parse(text)).toEqual({
          error: { code: 'internal:server', message: INTERNAL_ERROR_MESSAGE },
        });
        expect(text).not.toMatch(/SQLITE|TypeError|boom|ECONNRESET|\bat\s|\.ts:\d/);
        expect(log).toHaveBeenCalledTimes(1);
        expect(log).toHaveBeenCalledWith(expect.stringContaining('Unexpected error in'), value);
      }
    },
  );

  it('leaves a typed error as it is, without logging it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = new AppError('not_found', 'claim', 'This claim does not exist.');
    expect(asAppError(error, 'a test')).toBe(error);
    expect(log).not.toHaveBeenCalled();
  });
});

describe('both route wrappers answer through the one function', () => {
  const params = { params: Promise.resolve({}) };
  const typed = new AppError('invalid', 'input', 'Wrong.', { field: 'passage' });

  it('jsonRoute (session endpoints)', async () => {
    const route = jsonRoute(async () => {
      throw typed;
    });
    const res = await read(await route(new Request('http://localhost/api/x'), params));
    expect(res).toMatchObject({ status: 422, body: await read(errorResponse(typed)).then((r) => r.body) });
    expect(res.body).toEqual({ error: { code: 'invalid:input', message: 'Wrong.', field: 'passage' } });
  });

  it('v1Route (REST API), with its field names', async () => {
    const route = v1Route(async () => {
      throw typed;
    });
    const request = new Request('http://localhost/api/v1/x', {
      headers: { authorization: 'Bearer wrn_good' },
    });
    const res = await read(await route(request, params));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: { code: 'invalid:input', message: 'Wrong.', field: 'target' } });
  });

  it.each([
    ['jsonRoute', () => jsonRoute(fail), new Request('http://localhost/api/x')],
    [
      'v1Route',
      () => v1Route(fail),
      new Request('http://localhost/api/v1/x', { headers: { authorization: 'Bearer wrn_good' } }),
    ],
  ])('%s answers an unexpected error 500 internal:server', async (_name, make, request) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await read(await make()(request, params));
    expect(res).toMatchObject({
      status: 500,
      body: { error: { code: 'internal:server', message: INTERNAL_ERROR_MESSAGE } },
    });
  });

  async function fail(): Promise<never> {
    throw new Error('secret detail');
  }
});

describe('server actions use the same mapping', () => {
  it('shows a typed error’s message, on its field when it names one', () => {
    expect(
      errorState(new AppError('forbidden', 'workspace', 'Your role (viewer) does not allow this.')),
    ).toEqual({
      ok: false,
      message: 'Your role (viewer) does not allow this.',
      fieldErrors: undefined,
      values: undefined,
    });
    expect(
      errorState(new AppError('invalid', 'input', 'Too long.', { field: 'name' }), { name: 'x' }),
    ).toEqual({
      ok: false,
      message: 'Please correct the highlighted fields.',
      fieldErrors: { name: ['Too long.'] },
      values: { name: 'x' },
    });
  });

  it('answers anything else with the generic message of internal:server, and logs it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const boom = new Error('SQLITE_BUSY');
    const state = errorState(boom);
    expect(state).toMatchObject({ ok: false, message: INTERNAL_ERROR_MESSAGE });
    expect(JSON.stringify(state)).not.toContain('SQLITE');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Unexpected error in a server action'), boom);
  });
});

// ---- the source tree ----

const files = sourceTree(
  ['app', 'components', 'db', 'lib', 'scripts'],
  ['instrumentation.ts', 'proxy.ts'],
).filter(({ file }) => !/\.test\.tsx?$/.test(file) && !file.startsWith('app/_authz/'));

const ONE_MODULE = 'app/_server/errors.ts';

/** `file:line` of each match of `pattern` (which may span lines) in the files besides the one module. */
function offenders(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    if (file === ONE_MODULE) continue;
    for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g')))
      found.push(
        `${file}:${text.slice(0, match.index).split('\n').length}: ${match[0].replace(/\s+/g, ' ')}`,
      );
  }
  return found;
}

describe('one error path in the source tree', () => {
  it('finds the files it checks', () => {
    expect(files.some((f) => f.file === ONE_MODULE)).toBe(true);
    expect(files.some((f) => f.file === 'app/_server/api-v1.ts')).toBe(true);
    expect(files.length).toBeGreaterThan(200);
  });

  it('builds no error Response outside app/_server/errors.ts', () => {
    // `Response.json({ error …`, `NextResponse.json({ url, error …`, or a body named error/message.
    expect(offenders(/\b(?:Next)?Response\.json\(\s*\{[^{}]*?\b(?:error|message)\b/)).toEqual([]);
    // An explicit 4xx/5xx status on a hand-built Response.
    expect(offenders(/\bnew (?:Next)?Response\([^;]*?\bstatus:\s*[45]\d\d/)).toEqual([]);
    expect(offenders(/\b(?:Next)?Response\.json\([^;]*?\bstatus:\s*[45]\d\d/)).toEqual([]);
    // A status taken from an error by hand (`{ status: error.status }`).
    expect(
      offenders(/\b(?:new (?:Next)?Response\(|(?:Next)?Response\.json\()[^;]*?\bstatus:\s*\w+\.status\b/),
    ).toEqual([]);
  });

  it('has one error class: ApiV1Error and the second envelope are gone', () => {
    expect(offenders(/\bApiV1Error\b|\bv1ErrorResponse\b/)).toEqual([]);
    // The route layer answers with AppError only (lib/ keeps its own internal failures, which the
    // data layer or a route turns into a typed error, or which are answered as internal:server).
    expect(offenders(/\bclass \w+ extends Error\b/).filter((o) => o.startsWith('app/'))).toEqual([]);
  });
});
