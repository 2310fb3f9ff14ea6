import { describe, expect, it } from 'vitest';
import { ByteLru } from './byte-lru';

describe('ByteLru', () => {
  it.each([
    {
      name: 'keeps what fits',
      steps: [
        ['set', 'brief', 40],
        ['set', 'memo', 50],
      ] as const,
      kept: ['brief', 'memo'],
      bytes: 90,
    },
    {
      name: 'drops the least recently stored first',
      steps: [
        ['set', 'brief', 40],
        ['set', 'memo', 50],
        ['set', 'cable', 30],
      ] as const,
      kept: ['memo', 'cable'],
      bytes: 80,
    },
    {
      name: 'a read makes an entry the most recently used',
      steps: [
        ['set', 'brief', 40],
        ['set', 'memo', 50],
        ['get', 'brief', 0],
        ['set', 'cable', 30],
      ] as const,
      kept: ['brief', 'cable'],
      bytes: 70,
    },
    {
      name: 'an entry over the bound alone stays, and only it',
      steps: [
        ['set', 'brief', 40],
        ['set', 'archive', 101],
      ] as const,
      kept: ['archive'],
      bytes: 101,
    },
    {
      name: 'storing a key again replaces its size',
      steps: [
        ['set', 'brief', 40],
        ['set', 'brief', 70],
      ] as const,
      kept: ['brief'],
      bytes: 70,
    },
    {
      name: 'a deleted entry frees its bytes',
      steps: [
        ['set', 'brief', 40],
        ['set', 'memo', 50],
        ['delete', 'brief', 0],
      ] as const,
      kept: ['memo'],
      bytes: 50,
    },
  ])('$name', ({ steps, kept, bytes }) => {
    const cache = new ByteLru<string>(100);
    run(cache, steps, kept, bytes);
  });

  it('is bounded by count too, when given one', () => {
    const cache = new ByteLru<string>(100, 2);
    run(
      cache,
      [
        ['set', 'brief', 10],
        ['set', 'memo', 10],
        ['set', 'cable', 10],
      ],
      ['memo', 'cable'],
      20,
    );
  });
});

function run(
  cache: ByteLru<string>,
  steps: readonly (readonly ['set' | 'get' | 'delete', string, number])[],
  kept: string[],
  bytes: number,
) {
  for (const [op, key, size] of steps) {
    if (op === 'set') cache.set(key, `text of ${key}`, size);
    else if (op === 'get') expect(cache.get(key)).toBe(`text of ${key}`);
    else cache.delete(key);
  }
  for (const key of ['brief', 'memo', 'cable', 'archive']) {
    expect(cache.get(key) !== undefined, key).toBe(kept.includes(key));
  }
  expect(cache.bytes).toBe(bytes);
  expect(cache.size).toBe(kept.length);
}
