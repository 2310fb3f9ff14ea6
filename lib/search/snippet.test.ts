import { describe, expect, it } from 'vitest';
import { hitHref, snippetParts, snippetText, SNIPPET_END as E, SNIPPET_START as S } from './snippet';

describe('snippetParts', () => {
  it.each([
    [
      `the ${S}ransom${E} was paid`,
      [
        { text: 'the ', match: false },
        { text: 'ransom', match: true },
        { text: ' was paid', match: false },
      ],
    ],
    [
      `${S}ag${E} ${S}Ghali${E}`,
      [
        { text: 'ag', match: true },
        { text: ' ', match: false },
        { text: 'Ghali', match: true },
      ],
    ],
    [
      `${S}Keïta${E}${S}'s${E} men`,
      [
        { text: "Keïta's", match: true },
        { text: ' men', match: false },
      ],
    ],
    [`<b>not markup</b>`, [{ text: '<b>not markup</b>', match: false }]],
    [`stray ${E}end`, [{ text: 'stray end', match: false }]],
    ['', []],
  ])('%j', (marked, parts) => expect(snippetParts(marked)).toEqual(parts));

  it('writes the words found in guillemets as text', () => {
    expect(snippetText(`paid ${S}€10${E} million`)).toBe('paid «€10» million');
  });
});

describe('hitHref', () => {
  const none = {
    documentId: null,
    claimId: null,
    sourceId: null,
    evidenceId: null,
    commentId: null,
    start: null,
    end: null,
  };
  it.each([
    [
      { ...none, kind: 'passage' as const, documentId: 'd1', start: 120, end: 480 },
      '/w/w1/documents/d1?at=120-480',
    ],
    [{ ...none, kind: 'document' as const, documentId: 'd1' }, '/w/w1/documents/d1'],
    [{ ...none, kind: 'claim' as const, claimId: 'c1' }, '/w/w1/claims/c1'],
    [{ ...none, kind: 'evidence' as const, claimId: 'c1', evidenceId: 'e1' }, '/w/w1/claims/c1#evidence-e1'],
    [{ ...none, kind: 'comment' as const, claimId: 'c1', commentId: 'm1' }, '/w/w1/claims/c1#comment-m1'],
    [{ ...none, kind: 'source' as const, sourceId: 's/1' }, '/w/w1/sources/s%2F1'],
  ])('%j', (hit, href) => expect(hitHref('w1', hit)).toBe(href));
});
