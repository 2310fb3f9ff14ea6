import { describe, expect, it } from 'vitest';
import {
  clipSentence,
  decodeReaderClaims,
  encodeReaderClaims,
  markLetter,
  READER_MARK_HUES,
  READER_REASON_CHARS,
  READER_REASONS_MAX,
  ReaderClaimsFormatError,
  topicMarks,
  type ReaderClaim,
  type TopicMark,
} from './reader-claims';

const TYPE_RELEASE = 'b2d1c8e4-0000-4000-8000-000000000001';
const TYPE_RANSOM = 'b2d1c8e4-0000-4000-8000-000000000002';

const released: ReaderClaim = {
  id: '6f1c2d3e-1111-4111-8111-000000000001',
  statement: 'The authorities in Bamako released about 206 detainees in October 2020.',
  typeId: TYPE_RELEASE,
  kind: 'reported',
  tags: ['exchange', 'october'],
  status: 'in_review',
  topic: 'How many prisoners were released?',
  quantity: '206 persons',
  authorName: 'Ana Costa',
  evidenceCount: 2,
  anchors: [
    { start: 18, end: 96, status: 'exact', score: 1 },
    { start: 410, end: 455, status: 'fuzzy', score: 0.87 },
  ],
  reasons: [
    {
      label: 'competing values',
      detail: 'Another claim of the topic gives a different figure: “A ministry figure …” (fewer than 206).',
    },
    { label: 'disputed by a member', detail: 'Rita disputes it: the count includes fighters.' },
  ],
  reasonCount: 2,
  topicRank: 0,
};

const ransom: ReaderClaim = {
  id: '6f1c2d3e-1111-4111-8111-000000000002',
  statement: 'A ransom of “10 million euros” changed hands — one outlet’s figure.',
  typeId: TYPE_RANSOM,
  kind: 'judgment',
  tags: ['exchange'],
  status: 'draft',
  topic: null,
  quantity: '2,500,000–10,000,000 EUR',
  authorName: null,
  evidenceCount: 0,
  anchors: [
    { start: 120, end: 170, status: 'exact', score: 1 },
    {
      start: null,
      end: null,
      status: 'orphaned',
      score: 0,
      id: 'a0000000-2222-4222-8222-000000000009',
      exact: 'the sums quoted ranged from 2.5 to 10 million euros',
    },
  ],
  reasons: [],
  reasonCount: 0,
  topicRank: null,
};

const sameTopic: ReaderClaim = {
  ...released,
  id: '6f1c2d3e-1111-4111-8111-000000000003',
  statement: 'A ministry figure put the number of released detainees lower than 206.',
  quantity: null,
  tags: [],
  anchors: [{ start: 60, end: 90, status: 'exact', score: 1 }],
  reasons: [
    {
      label: 'competing values',
      detail: 'Another claim of the topic gives a different figure: “The authorities …” (206 persons).',
    },
  ],
  reasonCount: 1,
  topicRank: 1,
};

describe('encodeReaderClaims / decodeReaderClaims', () => {
  it.each<[string, ReaderClaim[]]>([
    ['no claims', []],
    ['one claim with an exact and a fuzzy passage', [released]],
    ['an orphaned passage keeps its id and quote; no topic, no author', [ransom]],
    ['claims sharing a type, topic, author and tags', [released, ransom, sameTopic]],
    ['a claim with no passage here', [{ ...released, anchors: [] }]],
    [
      'overlapping passages of two claims',
      [released, { ...sameTopic, anchors: [{ start: 40, end: 100, status: 'exact', score: 1 }] }],
    ],
  ])('round trip: %s', (_name, claims) => {
    const payload = encodeReaderClaims(claims);
    const back = decodeReaderClaims(JSON.parse(JSON.stringify(payload)));
    expect(back).toEqual(claims);
  });

  it('sends each repeated string once', () => {
    const payload = encodeReaderClaims([released, ransom, sameTopic]);
    for (const s of [
      TYPE_RELEASE,
      'exchange',
      'in_review',
      'How many prisoners were released?',
      'Ana Costa',
      'competing values',
    ]) {
      expect(payload.strings.filter((x) => x === s)).toHaveLength(1);
    }
    // Anchor ids of placed passages stay on the server; the orphan's travels.
    const json = JSON.stringify(payload);
    expect(json).toContain('a0000000-2222-4222-8222-000000000009');
  });

  it('is much smaller than the claims as objects', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      ...released,
      id: `6f1c2d3e-1111-4111-8111-${String(i).padStart(12, '0')}`,
      statement: `Generated claim ${i}`,
      anchors: [{ start: i * 100, end: i * 100 + 40, status: 'exact' as const, score: 1 }],
    }));
    const compact = JSON.stringify(encodeReaderClaims(many)).length;
    expect(compact).toBeLessThan(JSON.stringify({ claims: many }).length / 2.5);
  });

  it('refuses to encode a passage status it does not know', () => {
    const odd = { ...sameTopic, anchors: [{ start: 1, end: 5, status: 'moved' as 'exact', score: 1 }] };
    expect(() => encodeReaderClaims([odd])).toThrow(ReaderClaimsFormatError);
  });

  it('treats a passage without offsets as orphaned (it cannot be painted)', () => {
    const odd: ReaderClaim = {
      ...sameTopic,
      anchors: [{ start: null, end: null, status: 'fuzzy', score: 0.5, id: 'x1', exact: 'lower than 206' }],
    };
    expect(decodeReaderClaims(encodeReaderClaims([odd]))[0]!.anchors).toEqual([
      { start: null, end: null, status: 'orphaned', score: 0.5, id: 'x1', exact: 'lower than 206' },
    ]);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['the claims as objects (an older build)', { claims: [released] }],
    ['another format version', { format: 1, strings: [], rows: [] }],
    [
      'the previous format (no reasons, no rank in the topic)',
      { format: 2, strings: ['t'], rows: [['id', 's', 0, 0, 0, -1, -1, null, 0, [], [], []]] },
    ],
    [
      'a row without its reasons (a build in between)',
      { format: 3, strings: ['t'], rows: [['id', 's', 0, 0, 0, -1, -1, null, 0, [], [], []]] },
    ],
    [
      'a missing string',
      { format: 3, strings: [], rows: [['id', 's', 0, 0, 0, -1, -1, null, 0, [], [], [], [], 0, -1]] },
    ],
    [
      'a reason naming a missing string',
      { format: 3, strings: ['t'], rows: [['id', 's', 0, 0, 0, -1, -1, null, 0, [], [], [], [0, 4], 1, -1]] },
    ],
    [
      'an unknown passage status',
      {
        format: 3,
        strings: ['t'],
        rows: [['id', 's', 0, 0, 0, -1, -1, null, 0, [], [1, 5, 7, 1], [], [], 0, -1]],
      },
    ],
  ])('refuses %s with a message to reload', (_name, payload) => {
    expect(() => decodeReaderClaims(payload)).toThrow(ReaderClaimsFormatError);
    expect(() => decodeReaderClaims(payload)).toThrow(/cannot read|missing|unknown/);
  });
});

describe('contested reasons travel bounded', () => {
  const many: ReaderClaim = {
    ...sameTopic,
    reasons: Array.from({ length: 12 }, (_, i) => ({
      label: 'disputed by a member',
      detail: `Member ${i} disputes it: ${'the figure counts fighters and civilians alike, '.repeat(8)}`,
    })),
    reasonCount: 12,
  };

  it(`sends at most ${READER_REASONS_MAX} reasons, each cut at ${READER_REASON_CHARS} characters, and how many there are`, () => {
    const [back] = decodeReaderClaims(JSON.parse(JSON.stringify(encodeReaderClaims([many]))));
    expect(back!.reasonCount).toBe(12);
    expect(back!.reasons).toHaveLength(READER_REASONS_MAX);
    for (const r of back!.reasons) {
      expect(r.detail.length).toBeLessThanOrEqual(READER_REASON_CHARS);
      expect(r.detail.endsWith('…')).toBe(true);
    }
    expect(back!.reasons.map((r) => r.detail.slice(0, 18))).toEqual([
      'Member 0 disputes ',
      'Member 1 disputes ',
      'Member 2 disputes ',
    ]);
  });

  it('keeps the payload of a heavily disputed claim small', () => {
    const one = JSON.stringify(encodeReaderClaims([{ ...many, reasons: [] }])).length;
    const disputed = JSON.stringify(encodeReaderClaims([many])).length;
    expect(disputed - one).toBeLessThan(READER_REASONS_MAX * (READER_REASON_CHARS + 40) + 60);
  });

  it('counts the reasons itself when the server leaves the count out', () => {
    const { reasonCount: _, ...source } = released;
    expect(decodeReaderClaims(encodeReaderClaims([source]))[0]!.reasonCount).toBe(2);
  });

  it('sends no rank for a claim without a topic', () => {
    expect(decodeReaderClaims(encodeReaderClaims([{ ...ransom, topicRank: 3 }]))[0]!.topicRank).toBeNull();
  });

  it.each<[string, string, string]>([
    ['a short sentence', 'Rita disputes it.', 'Rita disputes it.'],
    ['exactly the limit', 'x'.repeat(READER_REASON_CHARS), 'x'.repeat(READER_REASON_CHARS)],
    [
      'one word too long, cut mid-word',
      'x'.repeat(READER_REASON_CHARS + 1),
      `${'x'.repeat(READER_REASON_CHARS - 1)}…`,
    ],
    ['words, cut at a space', 'word '.repeat(60), `${'word '.repeat(39).trimEnd()}…`],
  ])('clipSentence: %s', (_name, text, expected) => {
    expect(clipSentence(text)).toBe(expected);
    expect(clipSentence(text).length).toBeLessThanOrEqual(READER_REASON_CHARS);
  });
});

describe('topicMarks', () => {
  const c = (id: string, topic: string | null, topicRank: number | null) => ({ id, topic, topicRank });

  it.each<[string, ReturnType<typeof c>[], [string, TopicMark][]]>([
    ['no claims', [], []],
    ['a claim alone in its topic keeps its type colour', [c('a', 'T', 0), c('b', null, null)], []],
    [
      'two claims of one topic: A and B by rank, whatever their order in the text',
      [c('late', 'T', 1), c('early', 'T', 0)],
      [
        ['early', { letter: 'A', hue: 0, of: 2 }],
        ['late', { letter: 'B', hue: 1, of: 2 }],
      ],
    ],
    [
      'two topics are lettered each on its own',
      [c('t1', 'T', 0), c('u1', 'U', 0), c('t2', 'T', 4), c('u2', 'U', 2), c('solo', 'V', 0)],
      [
        ['t1', { letter: 'A', hue: 0, of: 2 }],
        ['t2', { letter: 'B', hue: 1, of: 2 }],
        ['u1', { letter: 'A', hue: 0, of: 2 }],
        ['u2', { letter: 'B', hue: 1, of: 2 }],
      ],
    ],
    [
      'a rank missing (a claim without one) is left out',
      [c('a', 'T', 0), c('b', 'T', null), c('d', 'T', 1)],
      [
        ['a', { letter: 'A', hue: 0, of: 2 }],
        ['d', { letter: 'B', hue: 1, of: 2 }],
      ],
    ],
    [
      'equal ranks are ordered by id (stable)',
      [c('y', 'T', 0), c('x', 'T', 0)],
      [
        ['x', { letter: 'A', hue: 0, of: 2 }],
        ['y', { letter: 'B', hue: 1, of: 2 }],
      ],
    ],
  ])('%s', (_name, claims, expected) => {
    const marks = topicMarks(claims);
    expect([...marks.entries()].sort(([a], [b]) => (a < b ? -1 : 1))).toEqual(
      expected.sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  });

  it('gives every claim of a large topic its own letter; the hues repeat after the palette', () => {
    const claims = Array.from({ length: 30 }, (_, i) => c(`c${String(i).padStart(2, '0')}`, 'T', i));
    const marks = topicMarks(claims);
    const letters = claims.map((x) => marks.get(x.id)!.letter);
    expect(new Set(letters).size).toBe(30);
    expect(letters.slice(24, 28)).toEqual(['Y', 'Z', 'A2', 'B2']);
    expect(claims.map((x) => marks.get(x.id)!.hue).slice(0, READER_MARK_HUES + 1)).toEqual([
      ...Array.from({ length: READER_MARK_HUES }, (_, i) => i),
      0,
    ]);
  });

  it.each<[number, string]>([
    [0, 'A'],
    [25, 'Z'],
    [26, 'A2'],
    [51, 'Z2'],
    [52, 'A3'],
  ])('markLetter(%i) is %s', (index, letter) => {
    expect(markLetter(index)).toBe(letter);
  });
});
