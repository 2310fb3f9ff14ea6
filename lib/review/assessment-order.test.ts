import { describe, expect, it } from 'vitest';
import type { Confidence, Likelihood } from '../scales';
import { assessmentOrderKey, assessmentRank } from './assessment-order';

const a = (likelihood: Likelihood, confidence: Confidence) => ({ likelihood, confidence });

describe('assessmentRank', () => {
  it.each([
    ['almost_no_chance', 'low', 0],
    ['almost_no_chance', 'high', 2],
    ['very_unlikely', 'low', 10],
    ['roughly_even_chance', 'moderate', 31],
    ['likely', 'high', 42],
    ['almost_certain', 'high', 62],
  ] as const)('%s · %s is %i', (likelihood, confidence, rank) => {
    expect(assessmentRank(likelihood, confidence)).toBe(rank);
  });

  it('orders by likelihood first, then confidence', () => {
    expect(assessmentRank('unlikely', 'high')).toBeLessThan(assessmentRank('roughly_even_chance', 'low'));
    expect(assessmentRank('likely', 'low')).toBeLessThan(assessmentRank('likely', 'moderate'));
  });
});

describe('assessmentOrderKey', () => {
  it.each([
    ['no assessment', [], null],
    ['one', [a('likely', 'high')], 42],
    // The ransom claim: the desk officer is sure, three analysts doubt it.
    [
      'three doubters and one believer: the doubters’ middle',
      [a('likely', 'high'), a('unlikely', 'moderate'), a('unlikely', 'moderate'), a('unlikely', 'low')],
      21,
    ],
    ['two: the lower of the two', [a('almost_certain', 'high'), a('very_unlikely', 'low')], 10],
    [
      'three: the middle one, whatever the order given',
      [a('almost_certain', 'low'), a('almost_no_chance', 'high'), a('roughly_even_chance', 'moderate')],
      31,
    ],
    [
      'same likelihood: confidence decides',
      [a('likely', 'high'), a('likely', 'low'), a('likely', 'moderate')],
      41,
    ],
  ] as const)('%s', (_, assessments, key) => {
    expect(assessmentOrderKey(assessments)).toBe(key);
  });
});
