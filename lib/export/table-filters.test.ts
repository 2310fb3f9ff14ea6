import { describe, expect, it } from 'vitest';
import {
  FILTER_KEYS,
  FILTER_PLACEMENT,
  filtersFromParams,
  filtersToQuery,
  moreFilters,
  rejectedFilter,
} from './table-filters';

describe('evidence table filters', () => {
  it.each([
    ['', {}],
    ['q=ransom&stance=contradicts', { q: 'ransom', stance: 'contradicts' }],
    ['stance=agrees&status=maybe', {}],
    ['type=t1&type=t2', { type: 't1' }],
    [
      'contested=yes&document=d1&tag=%C2%AB%20Bamako%20%C2%BB',
      { contested: 'yes', document: 'd1', tag: '« Bamako »' },
    ],
    ['q=%20%20&source=', {}],
  ])('%s → %j', (query, expected) => {
    expect(filtersFromParams(new URLSearchParams(query))).toEqual(expected);
  });

  it('round-trips through a query string', () => {
    const filters = { q: '2.5 million', topic: 'x', contested: 'no' as const };
    expect(filtersFromParams(new URLSearchParams(filtersToQuery(filters)))).toEqual(filters);
  });

  it('reads Next.js search params (arrays and undefined)', () => {
    expect(filtersFromParams({ q: ['first', 'second'], type: undefined })).toEqual({ q: 'first' });
  });

  it.each([
    ['likelihood=likely&confidence=low', null],
    ['likelihood=likley', { key: 'likelihood', value: 'likley' }],
    ['stance=supports&credibility=9', { key: 'credibility', value: '9' }],
    ['contested=maybe', { key: 'contested', value: 'maybe' }],
    ['q=%20&type=', null],
    ['format=csv&bom=1', null],
  ])('names the filter it cannot use: %s', (query, expected) => {
    expect(rejectedFilter(new URLSearchParams(query))).toEqual(expected);
  });

  it('shows text, topic, type, status and document first; the rest behind "More filters"', () => {
    expect(FILTER_KEYS.filter((k) => FILTER_PLACEMENT[k] === 'common')).toEqual([
      'q',
      'type',
      'topic',
      'status',
      'document',
    ]);
  });

  it.each([
    ['', { active: 0, open: false }],
    ['q=ransom&topic=t1&type=t2&status=accepted&document=d1', { active: 0, open: false }],
    ['stance=contradicts', { active: 1, open: true }],
    ['type=t1&stance=contradicts&likelihood=likely&reviewer=none', { active: 3, open: true }],
    ['contested=no', { active: 1, open: true }],
    // A value the page drops is not an active filter, so it does not open the disclosure.
    ['stance=agrees&credibility=9', { active: 0, open: false }],
    [
      'source=s&tag=x&stance=mentions&reliability=B&credibility=2&likelihood=likely&confidence=high&anchor=fuzzy&author=u&reviewer=v&contested=yes',
      { active: 11, open: true },
    ],
  ])('more filters for %s → %j', (query, expected) => {
    expect(moreFilters(filtersFromParams(new URLSearchParams(query)))).toEqual(expected);
  });
});
