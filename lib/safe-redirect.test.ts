import { describe, expect, it } from 'vitest';
import { MAX_CALLBACK_URL_LENGTH, safeCallbackUrl } from './safe-redirect';

const origin = 'https://warrant.example.org';

describe('safeCallbackUrl keeps paths of this site', () => {
  it.each([
    ['/w/abc/documents?q=ransom#top', '/w/abc/documents?q=ransom#top'],
    ['/invite/token123', '/invite/token123'],
    ['https://warrant.example.org/workspaces', '/workspaces'],
    ['/w/abc/../def', '/w/def'],
    ['/account?tab=sessions', '/account?tab=sessions'],
    ['/w/a%2Fb', '/w/a%2Fb'],
  ])('%j → %j', (raw, expected) => expect(safeCallbackUrl(raw, origin)).toBe(expected));
});

describe('safeCallbackUrl sends everything else to /', () => {
  it.each([
    null,
    undefined,
    '',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example/x',
    '/.//evil.example/x',
    '/./\\evil.example/x',
    '/%2e//evil.example/x',
    '/%2E%2E//evil.example/x',
    '/a/..//evil.example/x',
    '/a/%2e%2e//evil.example/x',
    'https://warrant.example.org//evil.example/x',
    'https://warrant.example.org/.//evil.example/x',
    '/%2F%2Fevil.example/x',
    '/%2f/evil.example',
    '/%5Cevil.example',
    '/%5C%5Cevil.example',
    '/%09/evil.example',
    'https://evil.example/',
    'https:evil.example',
    'http://warrant.example.org/downgrade',
    'https://warrant.example.org@evil.example/',
    'https://warrant.example.org.evil.example/',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'w/relative',
    '?q=1',
    '#frag',
  ])('%j', (raw) => expect(safeCallbackUrl(raw, origin)).toBe('/'));
});

it('refuses a callback URL longer than the limit', () => {
  expect(safeCallbackUrl(`/${'a'.repeat(MAX_CALLBACK_URL_LENGTH)}`, origin)).toBe('/');
  expect(safeCallbackUrl(`/${'a'.repeat(100)}`, origin)).toBe(`/${'a'.repeat(100)}`);
});

describe('safeCallbackUrl output resolves on this origin', () => {
  it.each([
    '/w/abc',
    '/.//evil.example/x',
    '/%2e//evil.example',
    '/a/b/../..//evil.example',
    'https://warrant.example.org//evil.example',
  ])('%j', (raw) => {
    const out = safeCallbackUrl(raw, origin);
    expect(out.startsWith('/')).toBe(true);
    expect(out.startsWith('//')).toBe(false);
    expect(new URL(out, origin).origin).toBe(origin);
  });
});
