import { describe, expect, it } from 'vitest';
import { randomSource } from './random';

describe('randomSource', () => {
  it.each([1, 42, 2 ** 31 - 1])('gives the same moments again for seed %i, all in [0, 1)', (seed) => {
    const a = randomSource(seed);
    const b = randomSource(seed);
    const first = Array.from({ length: 200 }, () => a());
    expect(Array.from({ length: 200 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(first).size).toBe(200);
  });

  it('gives other moments for another seed', () => {
    expect(randomSource(1)()).not.toBe(randomSource(2)());
  });
});
