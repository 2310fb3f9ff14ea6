import { describe, expect, it } from 'vitest';
import { overlapSpans, spansAt } from './overlaps';

describe('overlapSpans', () => {
  it.each([
    { name: 'no spans', spans: [], out: [] },
    {
      name: 'disjoint',
      spans: [
        { start: 0, end: 5 },
        { start: 10, end: 15 },
      ],
      out: [],
    },
    {
      name: 'touching is not overlapping',
      spans: [
        { start: 0, end: 5 },
        { start: 5, end: 9 },
      ],
      out: [],
    },
    {
      name: 'two overlapping',
      spans: [
        { start: 0, end: 10 },
        { start: 6, end: 20 },
      ],
      out: [{ start: 6, end: 10 }],
    },
    {
      name: 'one inside another',
      spans: [
        { start: 0, end: 30 },
        { start: 10, end: 12 },
      ],
      out: [{ start: 10, end: 12 }],
    },
    {
      name: 'three deep, merged',
      spans: [
        { start: 0, end: 10 },
        { start: 5, end: 15 },
        { start: 8, end: 20 },
      ],
      out: [{ start: 5, end: 15 }],
    },
    {
      name: 'identical spans',
      spans: [
        { start: 3, end: 7 },
        { start: 3, end: 7 },
      ],
      out: [{ start: 3, end: 7 }],
    },
    {
      name: 'empty spans ignored',
      spans: [
        { start: 3, end: 3 },
        { start: 0, end: 9 },
      ],
      out: [],
    },
  ])('$name', ({ spans, out }) => expect(overlapSpans(spans)).toEqual(out));
});

describe('spansAt', () => {
  it('finds every span holding the offset, end excluded', () => {
    const spans = [
      { start: 0, end: 10, id: 'a' },
      { start: 5, end: 8, id: 'b' },
    ];
    expect(spansAt(spans, 6).map((s) => s.id)).toEqual(['a', 'b']);
    expect(spansAt(spans, 8).map((s) => s.id)).toEqual(['a']);
    expect(spansAt(spans, 10)).toEqual([]);
  });
});
