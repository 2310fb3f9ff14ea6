import { describe, expect, it } from 'vitest';
import { etag, parseIfMatch } from './etag';

describe('ETags and If-Match', () => {
  it('writes a strong tag naming the object and its version', () => {
    expect(etag('claim', 'c1', 3)).toBe('"claim-c1-v3"');
  });

  it.each([
    [null, { kind: 'missing' }],
    ['', { kind: 'missing' }],
    ['*', { kind: 'any' }],
    ['"claim-c1-v3"', { kind: 'version', version: 3 }],
    ['W/"claim-c1-v3"', { kind: 'version', version: 3 }],
    ['"other", "claim-c1-v12"', { kind: 'version', version: 12 }],
    ['"claim-c2-v3"', { kind: 'version', version: null }],
    ['"source-c1-v3"', { kind: 'version', version: null }],
    ['"claim-c1-v0"', { kind: 'version', version: null }],
    ['"claim-c1-vx"', { kind: 'version', version: null }],
    ['claim-c1-v3', { kind: 'version', version: null }],
  ])('If-Match %j', (header, expected) => {
    expect(parseIfMatch(header, 'claim', 'c1')).toEqual(expected);
  });
});
