/**
 * next-auth's origin (redirect targets, the cookies' Secure flag and names) comes from the
 * request as Warrant decides it, never from X-Forwarded-* headers a client sends, unless a
 * reverse proxy is trusted (TRUST_PROXY=true).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'warrant-origin-'));
let route: typeof import('./route');

beforeAll(async () => {
  process.env.DATABASE_PATH = path.join(dir, 'warrant.db');
  process.env.NEXTAUTH_SECRET = 'a test secret that is long enough for next-auth';
  delete process.env.NEXTAUTH_URL;
  delete process.env.AUTH_TRUST_HOST;
  route = await import('./route');
});
afterEach(() => {
  delete process.env.TRUST_PROXY;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORGED = {
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '443',
  forwarded: 'for=203.0.113.9;host=evil.example;proto=https',
};

function call(method: 'GET' | 'POST', action: string, headers: Record<string, string>, body?: string) {
  const req = new NextRequest(`http://127.0.0.1:3211/api/auth/${action}`, { method, headers, body });
  const context = { params: Promise.resolve({ nextauth: action.split('?')[0]!.split('/') }) };
  return method === 'GET' ? route.GET(req, context) : route.POST(req, context);
}

/** next-auth's sign-in redirect names the origin it decided as the callback URL. */
const decidedOrigin = (res: Response) =>
  new URL(res.headers.get('location')!, 'http://relative.invalid').searchParams.get('callbackUrl');
const cookieNames = (res: Response) => res.headers.getSetCookie().map((c) => c.split('=')[0]);

describe('without a trusted proxy', () => {
  it('redirects to the Host the request was sent to, whatever X-Forwarded-Host says', async () => {
    const res = await call('GET', 'signin', { host: '127.0.0.1:3211', ...FORGED });
    expect(res.status).toBe(302);
    expect(decidedOrigin(res)).toBe('http://127.0.0.1:3211');
    expect(res.headers.getSetCookie().join('\n')).not.toContain('evil.example');
  });

  it('keeps cookies without Secure and without the __Host-/__Secure- names', async () => {
    const res = await call('GET', 'csrf', { host: '127.0.0.1:3211', ...FORGED });
    expect(res.status).toBe(200);
    expect(cookieNames(res)).toContain('next-auth.csrf-token');
    for (const cookie of res.headers.getSetCookie()) expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('answers each request with its own origin when requests overlap', async () => {
    const hosts = ['127.0.0.1:3211', 'localhost:3212', 'warrant.test:3213', '[::1]:3214'];
    const answers = await Promise.all(hosts.map((host) => call('GET', 'signin', { host, ...FORGED })));
    expect(answers.map(decidedOrigin)).toEqual(hosts.map((host) => `http://${host}`));
    expect(process.env.NEXTAUTH_URL).toBeUndefined();
  });

  it('refuses a request whose Host header is not a host', async () => {
    const res = await call('GET', 'csrf', { host: 'evil.example/x' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request:host' } });
  });

  it('keeps a sign-in redirect on this site', async () => {
    const csrf = await call('GET', 'csrf', { host: '127.0.0.1:3211' });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await call(
      'POST',
      'signout',
      { host: '127.0.0.1:3211', cookie, 'content-type': 'application/x-www-form-urlencoded', ...FORGED },
      new URLSearchParams({
        csrfToken,
        callbackUrl: 'http://127.0.0.1:3211/.//evil.example/x',
        json: 'true',
      }).toString(),
    );
    const { url } = (await res.json()) as { url: string };
    expect(url).toBe('http://127.0.0.1:3211/');
  });
});

describe('behind a trusted proxy (TRUST_PROXY=true)', () => {
  it('follows the proxy for the origin and marks cookies Secure', async () => {
    process.env.TRUST_PROXY = 'true';
    const signin = await call('GET', 'signin', {
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'warrant.example.org',
      'x-forwarded-proto': 'https',
    });
    expect(decidedOrigin(signin)).toBe('https://warrant.example.org');
    const csrf = await call('GET', 'csrf', {
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'warrant.example.org',
      'x-forwarded-proto': 'https',
    });
    expect(cookieNames(csrf)).toContain('__Host-next-auth.csrf-token');
    for (const cookie of csrf.headers.getSetCookie()) expect(cookie).toMatch(/;\s*Secure/i);
  });
});
