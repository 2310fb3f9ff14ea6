import { describe, expect, it } from 'vitest';
import { readerPreload } from './reader-preload';

describe('readerPreload', () => {
  it.each([
    [
      '/w/ws-1/documents/3f2b9c1e-0d4a-4c7e-9a51-2b8f6e1d7c40',
      '</api/documents/3f2b9c1e-0d4a-4c7e-9a51-2b8f6e1d7c40/claims>; rel=preload; as=fetch; crossorigin=anonymous',
    ],
    ['/w/ws-1/documents/new', null],
    ['/w/ws-1/documents', null],
    ['/w/ws-1/documents/abc/revisions', null],
    ['/w/ws-1/documents/a%3E%3Bx', null],
    ['/w/ws-1/documents/abc>;rel=x', null],
    ['/w/ws-1/evidence', null],
  ])('%s → %s', (path, expected) => {
    expect(readerPreload(path)).toBe(expected);
  });
});
