import { describe, expect, it } from 'vitest';
import { collapseUnchanged, wordDiff } from './word-diff';

describe('wordDiff', () => {
  it.each([
    {
      name: 'a corrected typo',
      a: 'Most counts put the nubmer at 206.',
      b: 'Most counts put the number at 206.',
      changes: [
        ['removed', 'nubmer'],
        ['added', 'number'],
      ],
      added: 1,
      removed: 1,
    },
    {
      name: 'an inserted sentence',
      a: 'Talks lasted weeks.\n\nPétronin was freed.',
      b: 'Talks lasted weeks.\n\nKeïta had left office.\n\nPétronin was freed.',
      changes: [['added', 'Keïta had left office.\n\n']],
      added: 4,
      removed: 0,
    },
    { name: 'identical texts', a: 'Same.', b: 'Same.', changes: [], added: 0, removed: 0 },
  ])('$name', ({ a, b, changes, added, removed }) => {
    const diff = wordDiff(a, b);
    expect(diff.parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text])).toEqual(changes);
    expect([diff.added, diff.removed]).toEqual([added, removed]);
    expect(
      diff.parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(a);
    expect(
      diff.parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(b);
  });
});

describe('collapseUnchanged', () => {
  it('keeps context around a change and folds the rest', () => {
    const long = 'word '.repeat(300);
    const parts = collapseUnchanged(wordDiff(`${long}old ${long}`, `${long}new ${long}`).parts, 50);
    expect(parts.map((p) => p.kind)).toEqual(['gap', 'same', 'removed', 'added', 'same', 'gap']);
    expect(parts[0]!.text).toMatch(/unchanged characters/);
  });

  it('leaves short texts alone', () => {
    const parts = wordDiff('a b c', 'a x c').parts;
    expect(collapseUnchanged(parts)).toEqual(parts);
  });
});

describe('wordDiff on very different texts', () => {
  it('gives up quickly and reports a replacement instead of blocking', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `alpha${i}`).join(' ');
    const b = Array.from({ length: 20_000 }, (_, i) => `beta${i}`).join(' ');
    const started = Date.now();
    const diff = wordDiff(a, b, { maxEditLength: 500, timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(diff.replaced).toBe(true);
    expect([diff.added, diff.removed]).toEqual([20_000, 20_000]);
  });
});
