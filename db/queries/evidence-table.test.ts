/**
 * The evidence table's page chosen in SQL (issue 15) against the old in-memory sort as the oracle:
 * every claim read in export order, its rows made, then `sortRows` (lib/export/table-view.ts, the
 * comparator the page used before). On a few dozen claims with ties, blanks, several evidence
 * links, passages orphaned or on a document in the trash, contested reasons and blind
 * assessments; text in plain words, where the SQL order and the old collator agree (see the
 * header of ./evidence-table.ts for where they differ). Runs on SQLite, and on PostgreSQL with
 * WARRANT_TEST_DATABASE_URL.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimFieldsSchema, evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';
import { evidenceRows } from '@/lib/export/rows';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import { COLUMN_KEYS, displayRow, sortRows, type ColumnKey, type DisplayRow } from '@/lib/export/table-view';
import { CONFIDENCES, LIKELIHOOD_KEYS, STANCES, type Likelihood } from '@/lib/scales';
import { anchors, assessments, claims } from '../schema';
import { makeTeam, type Team } from '../team-testing';
import type { Actor } from './access';
import { keepAllAssessmentKeys } from './assessment-key';
import { saveMyAssessment } from './assessments';
import { createClaim } from './claims';
import { addEvidence } from './evidence';
import { decodeCursor, encodeCursor, getEvidenceTable, type TableCursor } from './evidence-table';
import { openExport } from './export';
import { setBlindAssessments } from './review';
import { createSource } from './sources';
import { trashDocument } from './documents';
import { keepPassageKeys } from './passage-keys';

const WORDS = ['alpha', 'Bravo', 'charlie', 'delta', 'Echo', 'foxtrot', 'golf', 'hotel'];
const TEXT = `Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa. ${WORDS.join(' ')} quebec romeo sierra tango.`;

let team: Team;
let ana: Actor;
let ben: Actor;
let cleo: Actor;
let viewer: Actor;
const ids: string[] = [];

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  team = await makeTeam();
  ana = await team.member('editor', 'Ana Costa');
  ben = await team.member('editor', 'ben Diallo');
  cleo = await team.member('editor', 'Cleo Sy');
  viewer = await team.member('viewer', 'Vera Ndiaye');
  const rand = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const first = await team.document('Field notes', TEXT);
  const second = await team.document('archive copy', TEXT);
  const gone = await team.document('Binned memo', TEXT);
  const sourceIds: string[] = [];
  for (const [name, reliability] of [
    ['Radio Kayes', 'B'],
    ['gazette', 'C'],
    ['Wire desk', 'B'],
    ['Agency', 'A'],
  ] as const)
    sourceIds.push(
      (
        await createSource(team.store, {
          actor: team.owner,
          workspaceId: team.workspaceId,
          fields: sourceFieldsSchema.parse({ name, kind: 'outlet', reliability }),
        })
      ).sourceId,
    );
  const topicIds: (string | null)[] = [null];
  for (let i = 0; i < 36; i++) {
    const doc = pick([first, second, gone]);
    const word = pick(WORDS);
    const start = doc.text.indexOf(word, i % 2 ? 0 : 20);
    const statement = `${pick(WORDS)} ${pick(WORDS)}${i % 5 === 0 ? '' : ` ${pick(WORDS)}`}`;
    const topic = pick([null, 'Who paid', 'how many', 'When']);
    const { claimId } = await createClaim(team.store, {
      actor: pick([ana, ben, cleo]),
      passage: { documentId: doc.id, revisionId: doc.revisionId, start, end: start + word.length },
      fields: claimFieldsSchema.parse({
        statement,
        typeId: team.typeId,
        kind: 'reported',
        tags: Array.from({ length: Math.floor(rand() * 3) }, () => pick(['ransom', 'Bamako', 'figures'])),
        ...(topic ? { topicQuestion: topic } : {}),
        ...(topic && rand() < 0.6 ? { amount: String(Math.floor(rand() * 4) * 10), unit: 'people' } : {}),
      }),
    });
    ids.push(claimId);
    void topicIds;
    for (let k = Math.floor(rand() * 4); k > 0; k--)
      await addEvidence(team.store, {
        actor: ana,
        claimId,
        source: { id: pick(sourceIds) },
        fields: evidenceFieldsSchema.parse({
          stance: pick(STANCES),
          credibility: String(1 + Math.floor(rand() * 3)),
          quote: 'q',
        }),
      });
    for (const analyst of [ana, ben, cleo])
      if (rand() < 0.4)
        await saveMyAssessment(team.store, {
          actor: analyst,
          claimId,
          fields: {
            likelihood: pick(LIKELIHOOD_KEYS) as Likelihood,
            confidence: pick(CONFIDENCES),
            rationale: 'Weighed it.',
          },
          expectedVersion: null,
        });
  }
  // Orphaned passages, a document in the trash, contested reasons, reviewers.
  const db = team.store.db;
  await db
    .update(anchors)
    .set({ status: 'orphaned', start: null, end: null })
    .where(inArray(anchors.claimId, ids.slice(0, 6)));
  await db
    .update(anchors)
    .set({ status: 'fuzzy', score: 0.875 })
    .where(inArray(anchors.claimId, ids.slice(6, 9)));
  // (written around the data layer: their kept passage values are computed again)
  await team.store.transaction((tx) => keepPassageKeys(tx, ids.slice(0, 9)));
  await trashDocument(team.store, { actor: team.owner, documentId: gone.id });
  await db
    .update(claims)
    .set({
      contested: [
        { kind: 'mixed_evidence', key: 'mixed_evidence', detail: 'Sources disagree.' },
        { kind: 'disputed', key: 'disputed:x', detail: 'A member disputes it.' },
      ],
    })
    .where(inArray(claims.id, ids.slice(3, 8)));
  await db
    .update(claims)
    .set({ contested: [{ kind: 'analysts_disagree', key: 'analysts_disagree', detail: 'Apart.' }] })
    .where(inArray(claims.id, ids.slice(10, 13)));
  await db
    .update(claims)
    .set({ reviewerId: ben.userId })
    .where(
      inArray(
        claims.id,
        ids.slice(0, 30).filter((_, i) => i % 3 === 0),
      ),
    );
  await db
    .update(claims)
    .set({ status: 'accepted' })
    .where(inArray(claims.id, ids.slice(20, 25)));
}, 120_000);

/** The old path: every claim in scope in export order, its rows, sorted in memory. */
async function oracle(
  actor: Actor,
  filters: EvidenceTableFilters,
  sort?: ColumnKey,
  dir: 'asc' | 'desc' = 'asc',
) {
  const rows: DisplayRow[] = [];
  await openExport(
    team.store,
    { actor, workspaceId: team.workspaceId, baseUrl: '', filters },
    async (data) => {
      for await (const claim of data.claims())
        for (const row of evidenceRows(claim)) rows.push(displayRow(row));
    },
  );
  return sortRows(rows, sort, dir);
}

/** Every page of the table, following the cursors. */
async function allPages(
  actor: Actor,
  options: {
    filters?: EvidenceTableFilters;
    sort?: ColumnKey;
    dir?: 'asc' | 'desc';
    group?: 'topic' | 'type' | 'source' | 'document';
    segmentedFrom?: number;
  },
  limit: number,
) {
  const pages: DisplayRow[][] = [];
  let cursor: TableCursor | undefined;
  let totalRows = 0;
  for (let i = 0; i < 100; i++) {
    const page = await getEvidenceTable(team.store, {
      actor,
      workspaceId: team.workspaceId,
      filters: options.filters ?? {},
      sort: options.sort,
      dir: options.dir,
      group: options.group,
      cursor,
      limit,
      segmentedFrom: options.segmentedFrom,
    });
    totalRows = page.totalRows;
    pages.push(page.rows);
    if (!page.next) break;
    // Through the URL, as the page carries it.
    cursor = decodeCursor(encodeCursor(page.next));
  }
  return { pages, rows: pages.flat(), totalRows };
}

describe('the evidence table page in SQL', () => {
  it.each(COLUMN_KEYS.flatMap((key) => [[key, 'asc'] as const, [key, 'desc'] as const]))(
    'sorted by %s %s: the first page is the old sort’s, the pages follow it without gaps or repeats',
    async (sort, dir) => {
      const expected = await oracle(team.owner, {}, sort, dir);
      expect(expected.length).toBeGreaterThan(36);
      const first = await getEvidenceTable(team.store, {
        actor: team.owner,
        workspaceId: team.workspaceId,
        filters: {},
        sort,
        dir,
        limit: 10,
      });
      expect(first.rows).toEqual(expected.slice(0, 10));
      expect(first.totalRows).toBe(expected.length);
      const { rows, pages } = await allPages(team.owner, { sort, dir }, 7);
      expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
      expect(rows).toEqual(expected);
    },
  );

  it('unsorted, pages follow export order', async () => {
    const expected = await oracle(team.owner, {});
    const { rows, totalRows } = await allPages(team.owner, {}, 5);
    expect(rows).toEqual(expected);
    expect(totalRows).toBe(expected.length);
  });

  it.each([
    ['stance', { stance: 'supports' }, 'source'],
    ['a tag', { tag: 'ransom' }, 'statement'],
    ['a topic', {}, 'passage'],
    ['contested', { contested: 'yes' }, 'assessments'],
    ['text', { q: 'golf' }, 'credibility'],
  ] as [string, EvidenceTableFilters, ColumnKey][])(
    'filters (%s) and sort combine',
    async (_name, given, sort) => {
      const expected = await oracle(team.owner, given, sort, 'desc');
      expect(expected.length).toBeGreaterThan(0);
      const { rows, totalRows } = await allPages(team.owner, { filters: given, sort, dir: 'desc' }, 4);
      expect(rows).toEqual(expected);
      expect(totalRows).toBe(expected.length);
    },
  );

  it.each(['topic', 'type', 'source', 'document'] as const)(
    'grouped by %s: every row once, groups together',
    async (group) => {
      const expected = await oracle(team.owner, {}, 'statement');
      const { rows } = await allPages(team.owner, { group, sort: 'statement' }, 6);
      expect(rows).toHaveLength(expected.length);
      expect([...rows].sort(byJson)).toEqual([...expected].sort(byJson));
      const labels = rows.map((r) => r.group[group]);
      // Each group's rows come together, in the column's order.
      expect(new Set(labels).size).toBe(labels.filter((l, i) => i === 0 || l !== labels[i - 1]).length);
      for (const label of new Set(labels))
        expect(rows.filter((r) => r.group[group] === label)).toEqual(
          expected.filter((r) => r.group[group] === label),
        );
    },
  );

  describe('read in segments (as from 20,000 claims in scope)', () => {
    const segmentedFrom = 0;
    it.each(
      (['source', 'reliability', 'credibility', 'stance'] as const).flatMap((key) => [
        [key, 'asc'] as const,
        [key, 'desc'] as const,
      ]),
    )('sorted by %s %s: the pages are the old sort’s, without gaps or repeats', async (sort, dir) => {
      const expected = await oracle(team.owner, {}, sort, dir);
      // Some claims have no evidence: their blank rows are a segment of their own.
      expect(expected.some((r) => r.cells.source === '')).toBe(true);
      const { rows, pages, totalRows } = await allPages(team.owner, { sort, dir, segmentedFrom }, 7);
      expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
      expect(rows).toEqual(expected);
      expect(totalRows).toBe(expected.length);
    });

    it.each([
      ['stance', { stance: 'supports' }, 'source'],
      ['text', { q: 'golf' }, 'credibility'],
      ['a source', { reliability: 'B' }, 'stance'],
      ['stance', { stance: 'contradicts' }, 'stance'],
    ] as [string, EvidenceTableFilters, ColumnKey][])(
      'filters (%s) and sort combine',
      async (_name, given, sort) => {
        const expected = await oracle(team.owner, given, sort, 'desc');
        expect(expected.length).toBeGreaterThan(0);
        const { rows } = await allPages(team.owner, { filters: given, sort, dir: 'desc', segmentedFrom }, 4);
        expect(rows).toEqual(expected);
      },
    );

    it.each([undefined, 'statement', 'stance', 'passage'] as const)(
      'grouped by source, sorted by %s: the same rows as read whole, in the same order',
      async (sort) => {
        const whole = await allPages(team.owner, { group: 'source', sort }, 6);
        const segmented = await allPages(team.owner, { group: 'source', sort, segmentedFrom }, 6);
        expect(segmented.rows).toEqual(whole.rows);
        // "No evidence" is a group among the sources, at its place by name.
        expect(segmented.rows.some((r) => r.group.source === 'No evidence')).toBe(true);
      },
    );
  });

  it('a cursor for another order, or not a cursor, starts at the first row', async () => {
    const first = await getEvidenceTable(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
      filters: {},
      sort: 'statement',
      limit: 5,
    });
    const other = await getEvidenceTable(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
      filters: {},
      sort: 'passage',
      limit: 5,
      cursor: first.next!,
    });
    const fresh = await getEvidenceTable(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
      filters: {},
      sort: 'passage',
      limit: 5,
    });
    expect(other.rows).toEqual(fresh.rows);
    for (const bad of [
      '',
      'nope',
      encodeCursor({ v: [], s: 0 }).slice(3),
      Buffer.from('{"v":[{}],"s":1}').toString('base64url'),
    ])
      expect(decodeCursor(bad)).toBeUndefined();
  });

  it('blind assessments: the order by assessments says nothing of the assessments hidden from a member', async () => {
    await setBlindAssessments(team.store, { actor: team.owner, workspaceId: team.workspaceId, blind: true });
    try {
      // Cleo sees the others' assessments only of the claims she assessed herself.
      const order = async () => (await allPages(cleo, { sort: 'assessments' }, 9)).rows.map((r) => r.claimId);
      const before = await order();
      expect(before).toEqual((await oracle(cleo, {}, 'assessments')).map((r) => r.claimId));
      // Change every assessment hidden from her: nothing moves.
      const mine = (
        await team.store.db
          .select({ id: assessments.claimId })
          .from(assessments)
          .where(eq(assessments.userId, cleo.userId))
      ).map((r) => r.id);
      expect(mine.length).toBeGreaterThan(0);
      const hidden = ids.filter((id) => !mine.includes(id));
      await team.store.db
        .update(assessments)
        .set({
          likelihood: sql`case when ${assessments.likelihood} = 'likely' then 'almost_no_chance' else 'likely' end`,
        })
        .where(inArray(assessments.claimId, hidden));
      // Written around the data layer: the claims' kept places are computed again.
      await team.store.transaction((tx) => keepAllAssessmentKeys(tx));
      expect(await order()).toEqual(before);
      // A viewer (who may not assess) sees them all: the same order as the oracle's.
      expect((await allPages(viewer, { sort: 'assessments', dir: 'desc' }, 9)).rows).toEqual(
        await oracle(viewer, {}, 'assessments', 'desc'),
      );
    } finally {
      await setBlindAssessments(team.store, {
        actor: team.owner,
        workspaceId: team.workspaceId,
        blind: false,
      });
    }
  });
});

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
