import { describe, expect, it } from 'vitest';
import {
  foldForSearch,
  formatSearchQuery,
  isSearchable,
  parseSearchQuery,
  toFts5,
  toTsquery,
  tokensOf,
} from './query';

const c = (tokens: string[], prefix = false) => ({ tokens, prefix });

describe('parseSearchQuery', () => {
  it.each([
    // [input, include, exclude]
    ['ransom', [c(['ransom'], true)], []],
    ['ransom ', [c(['ransom'])], []],
    ['ransom paid', [c(['ransom']), c(['paid'], true)], []],
    ['"ag Ghali" Kidal', [c(['ag', 'Ghali']), c(['Kidal'], true)], []],
    ['"ag Gha', [c(['ag', 'Gha'], true)], []],
    ['hostage* release ', [c(['hostage'], true), c(['release'])], []],
    ['ransom -Qatar', [c(['ransom'])], [c(['Qatar'])]],
    ['prisoners -"Sahel Wire"', [c(['prisoners'])], [c(['Sahel', 'Wire'])]],
    ["l'Algérie ", [c(['l', 'Algérie'])], []],
    ['10,000 fighters ', [c(['10', '000']), c(['fighters'])], []],
    ['€10M ', [c(['10M'])], []],
    ['Keïta', [c(['Keïta'], true)], []],
    ['a', [c(['a'])], []],
    ['ransom ransom ', [c(['ransom'])], []],
    ['OR AND NOT NEAR ', [c(['OR']), c(['AND']), c(['NOT']), c(['NEAR'])], []],
    ['*) ^col: "', [c(['col'])], []],
  ])('%j', (input, include, exclude) => {
    expect(parseSearchQuery(input)).toEqual({ include, exclude });
  });

  it('finds nothing to search in exclusions alone or in punctuation', () => {
    expect(isSearchable(parseSearchQuery('-ransom'))).toBe(false);
    expect(isSearchable(parseSearchQuery('!!! ... "" -'))).toBe(false);
    expect(isSearchable(parseSearchQuery(''))).toBe(false);
    expect(isSearchable(parseSearchQuery('ransom -paid'))).toBe(true);
  });

  it('bounds the number of clauses and the length of words', () => {
    const many = parseSearchQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    expect(many.include).toHaveLength(12);
    expect(tokensOf('x'.repeat(500))[0]).toHaveLength(64);
  });
});

describe('rendering for the engines', () => {
  it.each([
    ['ransom', '("ransom"*)', "'ransom':*"],
    ['"ag Ghali" paid ', '("ag Ghali" AND "paid")', "('ag' <-> 'Ghali') & 'paid'"],
    [
      'ransom -Qatar -"Sahel Wire"',
      '("ransom") NOT "Qatar" NOT "Sahel Wire"',
      "'ransom' & !'Qatar' & !('Sahel' <-> 'Wire')",
    ],
    ['"ag Gha', '("ag Gha"*)', "('ag' <-> 'Gha':*)"],
    ['NEAR OR ', '("NEAR" AND "OR")', "'NEAR' & 'OR'"],
  ])('%j', (input, fts5, tsquery) => {
    const q = parseSearchQuery(input);
    expect(toFts5(q)).toBe(fts5);
    expect(toTsquery(q)).toBe(tsquery);
  });

  it('never lets a quote or an operator of the input through: words only, each quoted', () => {
    const q = parseSearchQuery(`a" OR x:* & ! ' ; --`);
    expect(toFts5(q)).toBe('("a" AND "OR x")');
    expect(toTsquery(q)).toBe("'a' & ('OR' <-> 'x')");
  });

  it('writes the query back in a normal form', () => {
    expect(formatSearchQuery(parseSearchQuery('  "ag  Ghali"   -Qatar  paid*  '))).toBe(
      '"ag Ghali" paid* -Qatar',
    );
  });
});

describe('foldForSearch', () => {
  it.each([
    ['Keïta', 'keita'],
    ['façade', 'facade'],
    ['ÉTAT', 'etat'],
    ['Tombouctou', 'tombouctou'],
  ])('%s → %s', (input, folded) => expect(foldForSearch(input)).toBe(folded));
});
