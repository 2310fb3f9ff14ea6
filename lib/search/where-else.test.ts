import { describe, expect, it } from 'vitest';
import { bestOccurrence, candidateQuery } from './where-else';

const QUOTE = 'the ransom was paid in two instalments through intermediaries';

describe('bestOccurrence', () => {
  it.each([
    // [passage, found text or null]
    [`Officials said the ransom was paid in two instalments through intermediaries in Gao.`, QUOTE],
    [
      `Officials said The Ransom was paid in two instalments through intermediaries.`,
      'The Ransom was paid in two instalments through intermediaries',
    ],
    // A word changed, as a copying outlet does: still the same quote.
    [
      `A source said the ransom was paid in three instalments through intermediaries.`,
      'the ransom was paid in three instalments through intermediaries',
    ],
    // Another sentence on the same topic is not.
    [`Nobody said how the ransom was carried or who counted the money.`, null],
    [``, null],
  ])('%s', (passage, expected) => {
    const found = bestOccurrence(passage, QUOTE);
    expect(found ? passage.slice(found.start, found.end) : null).toBe(expected);
    if (found) expect(found.similarity).toBeGreaterThanOrEqual(0.85);
  });

  it('leaves out quotes too short to mean anything and too long for a passage', () => {
    expect(bestOccurrence('the ransom was paid', 'the ransom')).toBeNull();
    expect(bestOccurrence('x'.repeat(2000), 'x'.repeat(1001))).toBeNull();
  });
});

describe('candidateQuery', () => {
  it('asks for the longest distinct words', () => {
    expect(candidateQuery(QUOTE).include.map((c) => c.tokens[0])).toEqual([
      'intermediaries',
      'instalments',
      'through',
      'ransom',
    ]);
    expect(candidateQuery('a b c').include).toEqual([]);
  });
});
