/**
 * The sign-in endpoints under abuse: bodies are capped before anything reads them, only the
 * content type sign-in uses is accepted, and an anonymous flood adds a bounded number of rows.
 * next-auth itself is replaced by a stand-in that does what its credentials callback does (read
 * the form, call our `authorize`), since its real handler needs a Next.js request scope.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '@/db/store';
import { auditEvents, rateLimitHits } from '@/db/schema';
import { freshStore, makeUser } from '@/db/testing';

/** Each test's fresh store, which the route (and next-auth's callbacks) get from `appStore()`. */
const current = vi.hoisted(() => ({ store: undefined as Store | undefined }));
vi.mock('@/app/_server/store', () => ({
  appStore: () => {
    if (!current.store) throw new Error('No test store yet.');
    return current.store;
  },
}));

vi.mock('next-auth', () => ({
  // next-auth v4's (req, res, options) form, as app/_server/next-auth-handler.ts calls it.
  default: async (
    req: { body?: Record<string, string>; headers: Record<string, string> },
    res: { status(code: number): { json(data: unknown): void } },
    options: { providers: { options: { authorize: (c: unknown, r: unknown) => Promise<unknown> } }[] },
  ) => {
    try {
      const user = await options.providers[0]!.options.authorize(req.body ?? {}, { headers: req.headers });
      res.status(user ? 200 : 401).json({ url: user ? '/' : '/sign-in?error=CredentialsSignin' });
    } catch (error) {
      res.status(401).json({ url: `/sign-in?error=${(error as Error).message}` });
    }
  },
  getServerSession: async () => null,
}));

process.env.NEXTAUTH_SECRET = 'a test secret that is long enough for next-auth';
const { POST } = await import('./route');

const ATTACKER = '203.0.113.66';

function post(
  body: BodyInit | null,
  {
    type = 'application/x-www-form-urlencoded',
    ip = ATTACKER,
    length,
  }: { type?: string; ip?: string; length?: string } = {},
) {
  const headers: Record<string, string> = { host: '127.0.0.1:3101', 'x-forwarded-for': ip };
  if (type) headers['content-type'] = type;
  if (length) headers['content-length'] = length;
  const req = new Request('http://127.0.0.1:3101/api/auth/callback/credentials', {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit);
  return POST(req as never, { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) });
}

const form = (fields: Record<string, string>) =>
  new URLSearchParams({ csrfToken: 'x', json: 'true', ...fields }).toString();

/** A body streamed with no Content-Length, as large as asked, counting what was pulled. */
function endless(totalBytes: number) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(97));
    },
  });
  return { stream, sent: () => sent };
}

let store: Store;
beforeEach(async () => {
  store = await freshStore();
  current.store = store;
});

describe('bodies on /api/auth', () => {
  it('refuses a declared body over the cap with 413 and a JSON message', async () => {
    const res = await post('email=' + 'a'.repeat(20_000), {});
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'too_large:request' } });
  });

  it('cuts a chunked body without Content-Length early (413), never reading it all', async () => {
    const { stream, sent } = endless(512 * 1024 * 1024);
    const res = await post(stream);
    expect(res.status).toBe(413);
    expect(sent()).toBeLessThan(1024 * 1024);
  });

  const types = ['text/plain', 'application/json', 'multipart/form-data; boundary=x', 'application/xml', ''];
  it.each(types)('refuses the content type %j with 415', async (type) => {
    const res = await post(form({ email: 'a@example.org', password: 'x' }), { type });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_type:request' } });
  });

  it('refuses an email over 254 characters, or not an email, without counting or auditing it', async () => {
    for (const email of [`${'a'.repeat(250)}@example.org`, 'not an email', '']) {
      const res = await post(form({ email, password: 'whatever it is' }));
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: 'unauthenticated:credentials', message: 'Incorrect email or password.' },
      });
    }
    expect(await store.db.select().from(auditEvents)).toHaveLength(0);
    expect(await store.db.select().from(rateLimitHits)).toHaveLength(0);
  });

  it('answers 429 with Retry-After once the email is throttled from this address', async () => {
    const user = await makeUser(store);
    for (let i = 0; i < 10; i++) await post(form({ email: user.email, password: `wrong ${i}` }));
    const res = await post(form({ email: user.email, password: 'again' }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).error).toMatchObject({
      code: 'rate_limited:sign_in',
      message: expect.stringMatching(/^Too many failed sign-in attempts\. Try again in /),
    });
  });
});

describe('a full Argon2 queue', () => {
  it('answers a sign-in 503 "busy, try again" before any work', async () => {
    const { argon2Gate } = await import('@/lib/password');
    const spy = vi.spyOn(argon2Gate, 'saturated').mockReturnValue(true);
    try {
      const res = await post(form({ email: 'someone@example.org', password: 'whatever' }));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toMatchObject({
        error: { code: 'unavailable:server', message: 'The server is busy. Try again in a few seconds.' },
      });
      expect(await store.db.select().from(rateLimitHits)).toHaveLength(0);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('an anonymous flood', () => {
  it('adds a bounded number of audit rows and limiter rows, whatever the mix', async () => {
    const user = await makeUser(store);
    const rows = async () => ({
      audit: (await store.db.select().from(auditEvents)).length,
      hits: (await store.db.select().from(rateLimitHits)).length,
    });
    const before = await rows();
    const N = 400;
    const statuses = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      let res: Response;
      switch (i % 5) {
        case 0:
          res = await post(form({ email: user.email, password: `guess ${i}` }));
          break;
        case 1:
          res = await post(form({ email: `${randomUUID()}@example.org`, password: `guess ${i}` }));
          break;
        case 2:
          res = await post(form({ email: `${'x'.repeat(300)}@example.org`, password: 'p' }));
          break;
        case 3:
          res = await post(endless(8 * 1024 * 1024).stream);
          break;
        default:
          res = await post(form({ email: user.email, password: 'p' }), { type: 'text/plain' });
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    const after = await rows();
    // One address: at most its 30 counted failures (each audited once), plus one notice per
    // refusing key and window; limiter rows: at most 4 per counted failure plus the notices.
    expect(after.audit - before.audit).toBeLessThanOrEqual(35);
    expect(after.hits - before.hits).toBeLessThanOrEqual(4 * 30 + 5);
    expect(statuses.get(429)).toBeGreaterThan(100);
    expect(statuses.get(413)).toBe(N / 5);
    expect(statuses.get(415)).toBe(N / 5);
  });
});
