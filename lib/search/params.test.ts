import { describe, expect, it } from 'vitest';
import { searchFilters, searchHref, searchParamsInput, searchParamsSchema } from './params';

const parse = (query: string) => searchParamsSchema.safeParse(searchParamsInput(new URLSearchParams(query)));

describe('search parameters', () => {
  it.each([
    ['q=ransom', { q: 'ransom', kind: [] }],
    ['q=ransom&kind=claim,evidence', { q: 'ransom', kind: ['claim', 'evidence'] }],
    ['q=ransom&kind=claim&kind=comment&kind=claim', { q: 'ransom', kind: ['claim', 'comment'] }],
    [
      'q=x&document=d1&type=t1&source=s1&by=u1&from=2026-03-14&to=2026-03-15&limit=20',
      { document: 'd1', type: 't1', source: 's1', by: 'u1', from: '2026-03-14', to: '2026-03-15', limit: 20 },
    ],
    ['', { q: '', kind: [] }],
  ])('%s', (query, expected) => {
    const r = parse(query);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject(expected);
  });

  it.each([
    ['q=x&kind=assessment', 'Choose kinds among passage, document, claim, source, evidence, comment.'],
    ['q=x&from=14/03/2026', 'Use a date as YYYY-MM-DD.'],
    ['q=x&limit=500', 'Too big'],
    [`q=${'a'.repeat(201)}`, 'Use at most 200 characters.'],
  ])('refuses %s', (query, message) => {
    const r = parse(query);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain(message.replace('Too big', ''));
  });

  it('turns days into a range that includes the last day', () => {
    const p = parse('q=x&from=2026-03-14&to=2026-03-14').data!;
    const f = searchFilters(p);
    expect(f.from).toBe(Date.UTC(2026, 2, 14));
    expect(f.to).toBe(Date.UTC(2026, 2, 15));
  });

  it('writes a search back as a URL, leaving empty parameters out', () => {
    expect(searchHref('w1', { q: 'ag Ghali', kind: ['claim', 'comment'], document: '', by: undefined })).toBe(
      '/w/w1/search?q=ag+Ghali&kind=claim%2Ccomment',
    );
    expect(searchHref('w1', {})).toBe('/w/w1/search');
  });
});
