import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';
import {
  installForwardedHeaderGuard,
  sanitizeForwardedHeaders,
  type IncomingLike,
} from './forwarded-headers';

const FORGED = {
  host: '127.0.0.1:3211',
  'x-forwarded-for': '203.0.113.9',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '443',
  'x-real-ip': '203.0.113.10',
  forwarded: 'for=203.0.113.11;host=evil.example;proto=https',
};

function fakeRequest(
  headers: Record<string, string | undefined>,
  socket = { remoteAddress: '::ffff:10.1.2.3', localPort: 3211 },
) {
  const rawHeaders = Object.entries(headers).flatMap(([k, v]) =>
    v === undefined ? [] : [k.toUpperCase(), v],
  );
  return { headers: { ...headers }, rawHeaders, socket } as IncomingLike;
}

describe('sanitizeForwardedHeaders', () => {
  it.each([
    {
      name: 'no proxy trusted: every forged value is replaced with the true one',
      trust: false,
      sent: FORGED,
      want: {
        host: '127.0.0.1:3211',
        'x-forwarded-for': '::ffff:10.1.2.3',
        'x-forwarded-host': '127.0.0.1:3211',
        'x-forwarded-proto': 'http',
        'x-forwarded-port': '3211',
      },
    },
    {
      name: 'no proxy trusted, no Host header',
      trust: false,
      sent: { 'x-forwarded-host': 'evil.example' },
      want: { 'x-forwarded-for': '::ffff:10.1.2.3', 'x-forwarded-proto': 'http', 'x-forwarded-port': '3211' },
    },
    {
      name: 'a trusted proxy keeps its headers; the socket address is appended',
      trust: true,
      sent: FORGED,
      want: { ...FORGED, 'x-forwarded-for': '203.0.113.9, ::ffff:10.1.2.3' },
    },
    {
      name: 'a trusted proxy that sent no X-Forwarded-For',
      trust: true,
      sent: { host: 'app:3000' },
      want: { host: 'app:3000', 'x-forwarded-for': '::ffff:10.1.2.3' },
    },
  ])('$name', ({ trust, sent, want }) => {
    const req = fakeRequest(sent);
    sanitizeForwardedHeaders(req, { trustProxy: trust });
    expect(req.headers).toEqual(want);
    const raw = Object.fromEntries(
      Array.from({ length: req.rawHeaders!.length / 2 }, (_, i) => [
        req.rawHeaders![2 * i]!.toLowerCase(),
        req.rawHeaders![2 * i + 1],
      ]),
    );
    expect(raw).toEqual(want);
  });

  it('rewrites a request once, so a second pass cannot append the peer twice', () => {
    const req = fakeRequest({ host: 'app', 'x-forwarded-for': '203.0.113.9' });
    sanitizeForwardedHeaders(req, { trustProxy: true });
    sanitizeForwardedHeaders(req, { trustProxy: true });
    expect(req.headers['x-forwarded-for']).toBe('203.0.113.9, ::ffff:10.1.2.3');
  });
});

describe('installForwardedHeaderGuard', () => {
  it('rewrites requests of a server created before it was installed, before its listener runs', async () => {
    let seen: http.IncomingHttpHeaders = {};
    const server = http.createServer((req, res) => {
      seen = req.headers;
      res.end('ok');
    });
    installForwardedHeaderGuard({ trustProxy: false });
    installForwardedHeaderGuard({ trustProxy: true }); // a second install changes nothing
    const port = 3218; // this project's tests use ports 3211-3219 only
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const { host: _host, ...forged } = FORGED;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: forged });
      expect(await res.text()).toBe('ok');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen['x-forwarded-host']).toBe(`127.0.0.1:${port}`);
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-port']).toBe(String(port));
    expect(seen['x-real-ip']).toBeUndefined();
    expect(seen.forwarded).toBeUndefined();
    const h = new Headers(seen as Record<string, string>);
    expect(clientIp(h, false)).toBe('127.0.0.1');
  });
});
