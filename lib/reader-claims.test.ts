import { describe, expect, it } from 'vitest';
import {
  decodeReaderClaims,
  encodeReaderClaims,
  ReaderClaimsFormatError,
  type ReaderClaim,
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
};

const sameTopic: ReaderClaim = {
  ...released,
  id: '6f1c2d3e-1111-4111-8111-000000000003',
  statement: 'A ministry figure put the number of released detainees lower than 206.',
  quantity: null,
  tags: [],
  anchors: [{ start: 60, end: 90, status: 'exact', score: 1 }],
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
      'a missing string',
      { format: 2, strings: [], rows: [['id', 's', 0, 0, 0, -1, -1, null, 0, [], [], []]] },
    ],
    [
      'an unknown passage status',
      { format: 2, strings: ['t'], rows: [['id', 's', 0, 0, 0, -1, -1, null, 0, [], [1, 5, 7, 1], []]] },
    ],
  ])('refuses %s with a message to reload', (_name, payload) => {
    expect(() => decodeReaderClaims(payload)).toThrow(ReaderClaimsFormatError);
    expect(() => decodeReaderClaims(payload)).toThrow(/cannot read|missing|unknown/);
  });
});
