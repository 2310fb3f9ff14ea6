import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './safe-redirect';

const origin = 'https://warrant.example.org';

describe('safeCallbackUrl', () => {
  it.each([
    ['/w/abc/documents?q=ransom#top', '/w/abc/documents?q=ransom#top'],
    ['/invite/token123', '/invite/token123'],
    ['https://warrant.example.org/workspaces', '/workspaces'],
    [null, '/'],
    ['', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/%09/evil.example', '/%09/evil.example'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['http://warrant.example.org/downgrade', '/'],
  ])('%j → %j', (raw, expected) => expect(safeCallbackUrl(raw, origin)).toBe(expected));
});
