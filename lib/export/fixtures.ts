/**
 * Fixtures for the export tests and benchmarks: a small hand-written workspace (a Sahel
 * hostage-exchange briefing with the awkward cases every serializer must survive), and a
 * deterministic generator of N synthetic claims that are produced one at a time, so a benchmark
 * can stream 100,000 claims without holding them.
 */
import type {
  ExportAnchor,
  ExportClaim,
  ExportContext,
  ExportDocument,
  ExportEvidence,
  ExportSource,
  ExportSourceData,
} from './model';
import { CLAIM_KIND_KEYS, CONFIDENCES, CREDIBILITY_CODES, STANCES } from '../scales';
import { documentUrl } from './model';
import { scanLayout, type RowLayout } from './rows';

export const FIXTURE_CONTEXT: ExportContext = {
  workspace: { id: 'ws-sahel', name: 'Sahel desk' },
  baseUrl: 'http://localhost:3000',
  exportedAt: '2026-03-10T08:00:00.000Z',
  exportedBy: 'Ana Duarte',
  scope: {},
};

const doc = (d: Omit<ExportDocument, 'url'>): ExportDocument => ({
  ...d,
  url: documentUrl(FIXTURE_CONTEXT, d.id),
});

export const FIXTURE_DOCUMENTS: ExportDocument[] = [
  doc({
    id: 'doc-brief',
    title: 'Briefing: the October exchange',
    sourceUrl: 'https://example.org/sahel/october-exchange',
    author: 'M. Traoré',
    publishedOn: '2020-10-14',
    revisionId: 'rev-brief-2',
    revisionNumber: 2,
  }),
  doc({
    id: 'doc-dispatch',
    title: 'Dispatch, Bamako — « libération » day',
    sourceUrl: null,
    author: null,
    publishedOn: null,
    revisionId: 'rev-dispatch-1',
    revisionNumber: 1,
  }),
];

export const FIXTURE_SOURCES: ExportSource[] = [
  {
    id: 'src-rfi',
    name: 'RFI',
    kind: 'outlet',
    url: 'https://www.rfi.fr',
    description: 'Radio France Internationale',
    reliability: 'B',
    ratings: [
      {
        reliability: 'C',
        previous: null,
        reason: 'First rating',
        changedBy: 'Ana Duarte',
        changedAt: '2026-03-01T09:00:00.000Z',
      },
      {
        reliability: 'B',
        previous: 'C',
        reason: 'Track record on the Sahel, checked against three events',
        changedBy: 'Ben Okafor',
        changedAt: '2026-03-04T16:30:00.000Z',
      },
    ],
    createdAt: '2026-03-01T09:00:00.000Z',
  },
  {
    id: 'src-lepoint',
    name: 'Le Point',
    kind: 'outlet',
    url: 'https://www.lepoint.fr',
    description: null,
    reliability: 'C',
    ratings: [],
    createdAt: '2026-03-01T09:05:00.000Z',
  },
  {
    id: 'src-official',
    name: 'Official, "speaking anonymously", Bamako',
    kind: 'official',
    url: null,
    description: '=cmd|" /C calc"!A0',
    reliability: 'F',
    ratings: [],
    createdAt: '2026-03-02T10:00:00.000Z',
  },
];

const at = (day: number, hour: number) =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function anchor(
  claimId: string,
  n: number,
  documentId: string,
  a: Pick<ExportAnchor, 'exact' | 'prefix' | 'suffix' | 'start' | 'end' | 'status' | 'score'>,
): ExportAnchor {
  const d = FIXTURE_DOCUMENTS.find((x) => x.id === documentId)!;
  return {
    id: `${claimId}-a${n}`,
    documentId,
    documentTitle: d.title,
    revisionId: d.revisionId,
    ...a,
    createdBy: 'Ana Duarte',
    createdAt: at(3, 9 + n),
    updatedAt: at(5, 9 + n),
  };
}

function evidence(
  id: string,
  sourceId: string,
  e: Pick<ExportEvidence, 'stance' | 'credibility' | 'quote' | 'locator' | 'note'>,
): ExportEvidence {
  const s = FIXTURE_SOURCES.find((x) => x.id === sourceId)!;
  return {
    id,
    sourceId,
    sourceName: s.name,
    sourceKind: s.kind,
    sourceUrl: s.url,
    reliability: s.reliability,
    accessedOn: '2026-03-03',
    createdBy: 'Ana Duarte',
    createdAt: at(3, 12),
    updatedAt: at(3, 12),
    ...e,
  };
}

/** The fixture's claims, in export order (by topic, claims without a topic last, then creation). */
export const FIXTURE_CLAIMS: ExportClaim[] = [
  {
    id: 'c-prisoners',
    statement: 'Mali released 206 prisoners in the exchange',
    type: 'Prisoner release',
    topic: 'How many prisoners were released?',
    tags: ['prisoners', 'Bamako, Mali'],
    kind: 'reported',
    quantity: { min: 206, max: 206, unit: 'persons' },
    status: 'accepted',
    alternativeOf: null,
    contested: [],
    author: 'Ana Duarte',
    reviewer: 'Chloé Martin',
    decision: {
      status: 'accepted',
      rationale: 'Two independent outlets give 206; the government list matches.',
      decidedBy: 'Chloé Martin',
      decidedAt: at(8, 14),
      preferredClaimId: null,
      likelihood: 'very_likely',
      confidence: 'high',
    },
    createdAt: at(3, 9),
    updatedAt: at(8, 14),
    anchors: [
      anchor('c-prisoners', 1, 'doc-brief', {
        exact: '206',
        prefix: 'the authorities released ',
        suffix: ' prisoners, by most counts',
        start: 1204,
        end: 1207,
        status: 'exact',
        score: 1,
      }),
      anchor('c-prisoners', 2, 'doc-dispatch', {
        exact: 'some 200 detainees',
        prefix: 'buses carrying ',
        suffix: ' left the capital',
        start: 88,
        end: 106,
        status: 'fuzzy',
        score: 0.93,
      }),
    ],
    evidence: [
      evidence('e-prisoners-rfi', 'src-rfi', {
        stance: 'supports',
        credibility: 2,
        quote: 'Plus de 200 prisonniers, 206 selon une source sécuritaire',
        locator: 'para. 3',
        note: null,
      }),
      evidence('e-prisoners-lepoint', 'src-lepoint', {
        stance: 'qualifies',
        credibility: 3,
        quote: 'about 180, "not all of them jihadists"',
        locator: null,
        note: 'Counts only those flown to the north,\nnot the ones released in Bamako.',
      }),
    ],
    assessments: [
      {
        id: 'as-1',
        analyst: 'Ana Duarte',
        likelihood: 'very_likely',
        confidence: 'moderate',
        rationale: 'Consistent counts across outlets.',
        createdAt: at(4, 10),
        updatedAt: at(4, 10),
      },
      {
        id: 'as-2',
        analyst: 'Ben Okafor',
        likelihood: 'likely',
        confidence: 'high',
        rationale: 'The list was published; some names repeat.',
        createdAt: at(4, 11),
        updatedAt: at(4, 11),
      },
    ],
  },
  {
    id: 'c-ransom-low',
    statement: 'A ransom of €2.5 million was paid',
    type: 'Ransom',
    topic: 'How much ransom was paid?',
    tags: ['ransom', 'the "official" figure'],
    kind: 'reported',
    quantity: { min: 2_500_000, max: 2_500_000, unit: 'EUR' },
    status: 'disputed',
    alternativeOf: null,
    contested: ['competing values', 'mixed evidence'],
    author: 'Ben Okafor',
    reviewer: 'Chloé Martin',
    decision: {
      status: 'disputed',
      rationale: 'Neither figure is sourced beyond one outlet; keep both open.',
      decidedBy: 'Chloé Martin',
      decidedAt: at(9, 10),
      preferredClaimId: null,
      likelihood: null,
      confidence: null,
    },
    createdAt: at(3, 10),
    updatedAt: at(9, 10),
    anchors: [
      anchor('c-ransom-low', 1, 'doc-brief', {
        exact: '2.5 million euros',
        prefix: 'a ransom of ',
        suffix: '? 10 million euros?',
        start: 2310,
        end: 2327,
        status: 'exact',
        score: 1,
      }),
    ],
    evidence: [
      evidence('e-ransom-low-rfi', 'src-rfi', {
        stance: 'supports',
        credibility: 3,
        quote: 'deux millions et demi d’euros',
        locator: 'https://www.rfi.fr/example, 04:12',
        note: null,
      }),
      evidence('e-ransom-low-official', 'src-official', {
        stance: 'contradicts',
        credibility: 4,
        quote: 'No ransom, "none at all", was paid.\r\nWe paid nothing.',
        locator: null,
        note: 'Said twice, on the record; 🕊️ emoji in the transcript',
      }),
    ],
    assessments: [
      {
        id: 'as-3',
        analyst: 'Ana Duarte',
        likelihood: 'roughly_even_chance',
        confidence: 'low',
        rationale: 'One outlet, one anonymous denial.',
        createdAt: at(4, 12),
        updatedAt: at(6, 12),
      },
    ],
  },
  {
    id: 'c-ransom-high',
    statement: 'A ransom of €10 million was paid',
    type: 'Ransom',
    topic: 'How much ransom was paid?',
    tags: ['ransom'],
    kind: 'reported',
    quantity: { min: 10_000_000, max: 10_000_000, unit: 'EUR' },
    status: 'in_review',
    alternativeOf: 'c-ransom-low',
    contested: ['competing values'],
    author: 'Ben Okafor',
    reviewer: null,
    decision: null,
    createdAt: at(3, 11),
    updatedAt: at(7, 11),
    anchors: [
      anchor('c-ransom-high', 1, 'doc-dispatch', {
        exact: 'dix millions',
        prefix: 'on parle de ',
        suffix: ' d’euros',
        start: null,
        end: null,
        status: 'orphaned',
        score: 0,
      }),
    ],
    evidence: [
      evidence('e-ransom-high-lepoint', 'src-lepoint', {
        stance: 'supports',
        credibility: 4,
        quote: 'Bamako — « libération » 🎉, « dix millions d’euros »',
        locator: 'p. 2',
        note: null,
      }),
    ],
    assessments: [
      {
        id: 'as-4',
        analyst: 'Ben Okafor',
        likelihood: 'unlikely',
        confidence: 'low',
        rationale: 'A single magazine report.',
        createdAt: at(5, 9),
        updatedAt: at(5, 9),
      },
    ],
  },
  {
    id: 'c-algeria',
    statement: 'The negotiator is an agent of Algeria',
    type: 'Foreign-state link',
    topic: null,
    tags: ['Algeria', 'negotiation'],
    kind: 'judgment',
    quantity: null,
    status: 'rejected',
    alternativeOf: null,
    contested: [],
    author: 'Ana Duarte',
    reviewer: 'Chloé Martin',
    decision: {
      status: 'rejected',
      rationale: 'Reported by one outlet, never corroborated; the source retracted.',
      decidedBy: 'Chloé Martin',
      decidedAt: at(9, 15),
      preferredClaimId: null,
      likelihood: 'unlikely',
      confidence: 'moderate',
    },
    createdAt: at(3, 12),
    updatedAt: at(9, 15),
    anchors: [
      anchor('c-algeria', 1, 'doc-brief', {
        exact: 'close to Algiers',
        prefix: 'a negotiator said to be ',
        suffix: ', according to one outlet',
        start: 3400,
        end: 3416,
        status: 'exact',
        score: 1,
      }),
    ],
    evidence: [
      evidence('e-algeria-official', 'src-official', {
        stance: 'mentions',
        credibility: 5,
        quote: null,
        locator: 'interview notes, 3 March',
        note: null,
      }),
    ],
    assessments: [
      {
        id: 'as-5',
        analyst: 'Ben Okafor',
        likelihood: 'very_unlikely',
        confidence: 'moderate',
        rationale: 'No second source.',
        createdAt: at(5, 10),
        updatedAt: at(5, 10),
      },
    ],
  },
  {
    id: 'c-talks',
    statement: 'Talks began in the summer, before the coup',
    type: 'Negotiation',
    topic: null,
    tags: [],
    kind: 'assumption',
    quantity: null,
    status: 'draft',
    alternativeOf: null,
    contested: [],
    author: null,
    reviewer: null,
    decision: null,
    createdAt: at(3, 13),
    updatedAt: at(3, 13),
    anchors: [
      anchor('c-talks', 1, 'doc-brief', {
        exact: 'since the summer',
        prefix: 'talks had been under way ',
        suffix: '.',
        start: 512,
        end: 528,
        status: 'exact',
        score: 1,
      }),
    ],
    evidence: [],
    assessments: [],
  },
  {
    id: 'c-formula',
    statement: '=HYPERLINK("http://evil","x")',
    type: 'Statement',
    topic: null,
    tags: ['@risk', '-1+1', '+1'],
    kind: 'reported',
    quantity: { min: -1, max: 2, unit: '' },
    status: 'draft',
    alternativeOf: null,
    contested: [],
    author: '@SUM(1)',
    reviewer: null,
    decision: null,
    createdAt: at(3, 14),
    updatedAt: at(3, 14),
    anchors: [],
    evidence: [
      evidence('e-formula', 'src-official', {
        stance: 'mentions',
        credibility: 6,
        quote: '\t=1',
        locator: '=1+1',
        note: '\r=1',
      }),
    ],
    assessments: [],
  },
];

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

export const FIXTURE_LAYOUT: RowLayout = {
  maxTags: 3,
  maxPassages: 2,
  analysts: ['Ana Duarte', 'Ben Okafor'],
};

/** The fixture workspace, every claim in scope. */
export function fixtureExport(overrides: Partial<ExportSourceData> = {}): ExportSourceData {
  return {
    context: FIXTURE_CONTEXT,
    documents: FIXTURE_DOCUMENTS,
    sources: FIXTURE_SOURCES,
    layout: FIXTURE_LAYOUT,
    claims: () => fromArray(FIXTURE_CLAIMS),
    ...overrides,
  };
}

/** The fixture with other claims (layout recomputed to fit them). */
export async function fixtureWithClaims(claims: ExportClaim[]): Promise<ExportSourceData> {
  return fixtureExport({ claims: () => fromArray(claims), layout: await scanLayout(claims) });
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYN_TYPES = ['Prisoner release', 'Ransom', 'Foreign-state link', 'Negotiation'];
const SYN_TOPICS = ['How many prisoners were released?', 'How much ransom was paid?', 'Who negotiated?'];
const SYN_WORDS = ['Bamako', 'ransom', 'convoy', 'negotiator', 'Kidal', 'release', 'hostage', 'Gao', 'list'];
const SYN_ANALYSTS = ['Ana Duarte', 'Ben Okafor', 'Chloé Martin'];
const SYN_LIKELIHOODS = ['unlikely', 'roughly_even_chance', 'likely', 'very_likely'] as const;
const SYN_CONFIDENCES = CONFIDENCES;
const SYN_STANCES = STANCES;

/** The layout that fits every synthetic claim. */
export const SYNTHETIC_LAYOUT: RowLayout = { maxTags: 3, maxPassages: 2, analysts: SYN_ANALYSTS };

/**
 * Synthetic claim number i of n (deterministic). Claims come in export order: the first 80% under
 * three topics in turn, the rest without a topic.
 */
export function syntheticClaim(i: number, n: number): ExportClaim {
  const r = prng(i + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(SYN_WORDS)).join(' ');
  const id = `syn-${i}`;
  const time = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const withTopic = Math.ceil(n * 0.8);
  const topic = i < withTopic ? SYN_TOPICS[Math.floor((i * SYN_TOPICS.length) / withTopic)]! : null;
  const nAnchors = Math.floor(r() * 3);
  const nEvidence = Math.floor(r() * 4);
  const analysts = SYN_ANALYSTS.filter(() => r() < 0.4);
  const docId = i % 2 === 0 ? 'doc-brief' : 'doc-dispatch';
  const doc = FIXTURE_DOCUMENTS.find((d) => d.id === docId)!;
  return {
    id,
    statement: `Claim ${i}: ${words(8)}, "${words(2)}"`,
    type: pick(SYN_TYPES),
    topic,
    tags: Array.from({ length: Math.floor(r() * 4) }, (_, k) => `${pick(SYN_WORDS)}-${k}`),
    kind: pick(CLAIM_KIND_KEYS),
    quantity: r() < 0.3 ? { min: i, max: i + Math.floor(r() * 100), unit: 'persons' } : null,
    status: pick(['draft', 'in_review', 'accepted', 'disputed'] as const),
    alternativeOf: null,
    contested: r() < 0.1 ? ['analysts disagree'] : [],
    author: pick(SYN_ANALYSTS),
    reviewer: null,
    decision: null,
    createdAt: time,
    updatedAt: time,
    anchors: Array.from({ length: nAnchors }, (_, k) => {
      const start = Math.floor(r() * 100_000);
      const orphan = r() < 0.05;
      return {
        id: `${id}-a${k}`,
        documentId: docId,
        documentTitle: doc.title,
        revisionId: doc.revisionId,
        exact: words(3),
        prefix: words(4),
        suffix: words(4),
        start: orphan ? null : start,
        end: orphan ? null : start + 20,
        status: orphan ? ('orphaned' as const) : r() < 0.2 ? ('fuzzy' as const) : ('exact' as const),
        score: orphan ? 0 : 0.9,
        createdBy: 'Ana Duarte',
        createdAt: time,
        updatedAt: time,
      };
    }),
    evidence: Array.from({ length: nEvidence }, (_, k) => {
      const s = pick(FIXTURE_SOURCES);
      return {
        id: `${id}-e${k}`,
        sourceId: s.id,
        sourceName: s.name,
        sourceKind: s.kind,
        sourceUrl: s.url,
        reliability: s.reliability,
        stance: pick(SYN_STANCES),
        credibility: pick(CREDIBILITY_CODES),
        quote: words(10),
        locator: `p. ${1 + Math.floor(r() * 40)}`,
        note: r() < 0.3 ? words(12) : null,
        accessedOn: '2026-01-02',
        createdBy: 'Ben Okafor',
        createdAt: time,
        updatedAt: time,
      };
    }),
    assessments: analysts.map((analyst, k) => ({
      id: `${id}-as${k}`,
      analyst,
      likelihood: pick(SYN_LIKELIHOODS),
      confidence: pick(SYN_CONFIDENCES),
      rationale: words(10),
      createdAt: time,
      updatedAt: time,
    })),
  };
}

/**
 * An export of n synthetic claims, generated one at a time on each claims() call (nothing is
 * held), yielding to the event loop every `batch` claims as a database read would.
 */
export function syntheticExport(n: number, batch = 500): ExportSourceData {
  return fixtureExport({
    layout: SYNTHETIC_LAYOUT,
    claims: async function* () {
      for (let i = 0; i < n; i++) {
        if (i > 0 && i % batch === 0) await new Promise((resolve) => setImmediate(resolve));
        yield syntheticClaim(i, n);
      }
    },
  });
}

/** All the chunks of a serializer as one string (tests). */
export async function collectText(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let out = '';
  for await (const chunk of chunks)
    out += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return out + decoder.decode();
}

/** All the chunks of a serializer as one buffer (tests). */
export async function collectBytes(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}
