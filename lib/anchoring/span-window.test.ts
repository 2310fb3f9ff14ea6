import { describe, expect, it } from 'vitest';
import { mergeStretches, SpanIndex } from './span-window';

type S = { id: string; start: number; end: number };
const span = (id: string, start: number, end: number): S => ({ id, start, end });

// A short brief's passages: the lead sentence, a quote inside it, a long passage that runs over
// two sections, and one near the end.
const PASSAGES = [
  span('lead', 0, 120),
  span('quote', 40, 90),
  span('long', 100, 5_200),
  span('ransom', 2_000, 2_060),
  span('release', 4_100, 4_180),
  span('end', 9_000, 9_050),
  span('empty', 300, 300),
];

describe('SpanIndex.within', () => {
  const index = new SpanIndex(PASSAGES);
  it.each([
    { name: 'the top of the text', stretches: [{ start: 0, end: 95 }], ids: ['lead', 'quote'] },
    {
      name: 'a span that started above the window',
      stretches: [{ start: 3_000, end: 4_000 }],
      ids: ['long'],
    },
    {
      name: 'two stretches, a span in both is given once',
      stretches: [
        { start: 1_900, end: 2_010 },
        { start: 4_150, end: 4_160 },
      ],
      ids: ['long', 'ransom', 'release'],
    },
    {
      name: 'stretches out of order and overlapping',
      stretches: [
        { start: 8_990, end: 9_010 },
        { start: 50, end: 60 },
        { start: 55, end: 110 },
      ],
      ids: ['lead', 'quote', 'long', 'end'],
    },
    { name: 'an end is exclusive', stretches: [{ start: 120, end: 130 }], ids: ['long'] },
    { name: 'touching a span’s end only', stretches: [{ start: 5_200, end: 8_000 }], ids: [] },
    { name: 'touching a span’s start only', stretches: [{ start: 8_000, end: 9_000 }], ids: [] },
    { name: 'no stretches', stretches: [], ids: [] },
    { name: 'an empty span is never painted', stretches: [{ start: 290, end: 310 }], ids: ['long'] },
  ])('$name', ({ stretches, ids }) => {
    expect(index.within(stretches).map((s) => s.id)).toEqual(ids);
  });

  it('agrees with a scan of every span, over random windows', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const spans = Array.from({ length: 400 }, (_, i) => {
      const start = rand(50_000);
      return span(String(i), start, start + 1 + (i % 17 === 0 ? rand(8_000) : rand(200)));
    });
    const idx = new SpanIndex(spans);
    expect(idx.size).toBe(400);
    for (let round = 0; round < 200; round++) {
      const stretches = Array.from({ length: 1 + rand(3) }, () => {
        const start = rand(52_000);
        return { start, end: start + rand(3_000) };
      });
      const expected = spans
        .filter((s) => stretches.some((w) => w.end > w.start && s.start < w.end && s.end > w.start))
        .map((s) => s.id)
        .sort();
      expect(
        idx
          .within(stretches)
          .map((s) => s.id)
          .sort(),
      ).toEqual(expected);
    }
  });
});

describe('mergeStretches', () => {
  it.each([
    {
      name: 'sorted and merged',
      input: [
        [50, 60],
        [0, 10],
        [5, 20],
      ],
      out: [
        [0, 20],
        [50, 60],
      ],
    },
    {
      name: 'touching stretches join',
      input: [
        [0, 10],
        [10, 20],
      ],
      out: [[0, 20]],
    },
    {
      name: 'empty ones dropped',
      input: [
        [5, 5],
        [9, 3],
      ],
      out: [],
    },
    {
      name: 'one inside another',
      input: [
        [0, 100],
        [10, 20],
      ],
      out: [[0, 100]],
    },
  ])('$name', ({ input, out }) => {
    expect(
      mergeStretches(input.map(([start, end]) => ({ start: start!, end: end! }))).map((s) => [
        s.start,
        s.end,
      ]),
    ).toEqual(out);
  });
});
