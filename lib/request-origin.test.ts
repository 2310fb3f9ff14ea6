import { describe, expect, it } from 'vitest';
import { isValidHost, requestOrigin } from './request-origin';

const h = (values: Record<string, string | undefined>) => ({
  get: (name: string) => values[name.toLowerCase()] ?? null,
});
const forged = {
  host: '127.0.0.1:3211',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '443',
  forwarded: 'host=evil.example;proto=https',
};

describe('requestOrigin', () => {
  it.each([
    {
      name: 'plain request',
      headers: { host: 'localhost:3102' },
      trust: false,
      origin: 'http://localhost:3102',
    },
    {
      name: 'forged forwarding headers are ignored',
      headers: forged,
      trust: false,
      origin: 'http://127.0.0.1:3211',
    },
    {
      name: 'a trusted proxy names host and scheme',
      headers: forged,
      trust: true,
      origin: 'https://evil.example',
    },
    {
      name: 'the first value of a proxy list',
      headers: {
        host: 'app:3000',
        'x-forwarded-host': 'warrant.example.org, inner',
        'x-forwarded-proto': 'https,http',
      },
      trust: true,
      origin: 'https://warrant.example.org',
    },
    {
      name: 'a trusted proxy without forwarding headers',
      headers: { host: 'app:3000' },
      trust: true,
      origin: 'http://app:3000',
    },
    {
      name: 'an odd scheme from the proxy is not used',
      headers: { host: 'app:3000', 'x-forwarded-proto': 'javascript' },
      trust: true,
      origin: 'http://app:3000',
    },
    { name: 'IPv6 host', headers: { host: '[::1]:3102' }, trust: false, origin: 'http://[::1]:3102' },
    {
      name: 'upper case host',
      headers: { host: 'Warrant.Example.ORG' },
      trust: false,
      origin: 'http://warrant.example.org',
    },
    { name: 'no Host header', headers: {}, trust: false, origin: null },
    { name: 'a Host with a path', headers: { host: 'evil.example/x' }, trust: false, origin: null },
    { name: 'a Host with credentials', headers: { host: 'user@evil.example' }, trust: false, origin: null },
    { name: 'a Host with a bad port', headers: { host: 'localhost:99999' }, trust: false, origin: null },
    {
      name: 'a forged host from a trusted proxy with a path',
      headers: { host: 'app', 'x-forwarded-host': 'evil.example/x' },
      trust: true,
      origin: null,
    },
  ])('$name', ({ headers, trust, origin }) =>
    expect(requestOrigin(h(headers), { trustProxy: trust })).toBe(origin),
  );

  it('an origin configured by the operator wins', () => {
    expect(
      requestOrigin(h(forged), { trustProxy: true, configured: 'https://warrant.example.org/base' }),
    ).toBe('https://warrant.example.org');
  });
});

describe('isValidHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1:3102', true],
    ['[2001:db8::1]:443', true],
    ['a-b.example.org', true],
    ['-bad.example', false],
    ['evil.example\\x', false],
    ['evil.example x', false],
    ['', false],
  ])('%j → %j', (host, ok) => expect(isValidHost(host)).toBe(ok));
});
