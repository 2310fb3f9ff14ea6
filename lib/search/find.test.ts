import { describe, expect, it } from 'vitest';
import { findInText, foldText } from './find';

const DISPATCH =
  'Colonel Keïta met the envoy at the façade of the old customs house.\n\nThe envoy said:  "No ransom."\nKEITA denied it.';

const found = (text: string, query: string, max?: number) =>
  findInText(foldText(text), query, max).map((s) => text.slice(s.start, s.end));

describe('findInText', () => {
  it.each([
    ['keita', ['Keïta', 'KEITA']],
    ['Keïta met', ['Keïta met']],
    ['facade', ['façade']],
    ['envoy', ['envoy', 'envoy']],
    ['house. the', ['house.\n\nThe']],
    ['said: "no', ['said:  "No']],
    ['ransom."\nkeita', ['ransom."\nKEITA']],
    ['  ', []],
    ['', []],
    ['zebra', []],
  ])('%j', (query, matches) => expect(found(DISPATCH, query)).toEqual(matches));

  it('keeps a decomposed accent with its letter, and characters outside the basic plane whole', () => {
    const text = 'Kei\u0308ta 🙂 smiled';
    expect(found(text, 'keita')).toEqual(['Kei\u0308ta']);
    expect(found(text, '🙂 s')).toEqual(['🙂 s']);
  });

  it('finds at most the limit, without overlaps', () => {
    expect(found('aaaaaa', 'aa')).toEqual(['aa', 'aa', 'aa']);
    expect(found('ab '.repeat(50), 'ab', 10)).toHaveLength(10);
  });
});
