import { randomUUID } from 'node:crypto';
import { recountAllEvidenceLinks } from './evidence-links';
import { recountAllTagsKeys } from './claims';
import { keepAllAssessmentKeys } from './assessment-key';
import { keepAllPassageKeys } from './passage-keys';
import { beforeEach, describe, expect, it } from 'vitest';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import type { ExportClaim, ExportSourceData } from '@/lib/export/model';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import { sortRows } from '@/lib/export/table-view';
import type { SqliteStore } from '../engines/sqlite';
import { freshSqliteStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { listClaimTypes } from './claim-types';
import { importDocument, trashDocument } from './documents';
import { CLAIMS_PER_SOURCE, getEvidenceTable } from './evidence-table';
import { claimScope, claimsInExportOrder, openExport } from './export';
import { setBlindAssessments } from './review';

/*
 * Many more claims than one batch of the reader, written with direct SQL (as the benchmark does),
 * checked claim by claim against plain queries: order, each claim's own rows, times, filters and
 * blind assessments.
 */
const CLAIMS = 450;
const TEXT =
  'In October 2020 the authorities in Bamako released a large group of detainees, 206 by most counts.';
const TAGS = ['ransom', 'Bamako, Mali', 'Éclat', 'prisoners', 'zeta', 'Alpha'];

let store: SqliteStore;
let owner: Actor;
let editor: Actor;
let third: Actor;
let ws: string;
let sources: string[];
let trashedDocument: string;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function document(title: string) {
  const converted = await convertToDocument('text', TEXT);
  const doc = await importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title }),
    format: 'text',
    converted,
  });
  return { id: doc.id, revisionId: doc.currentRevisionId! };
}

beforeEach(async () => {
  store = await freshSqliteStore();
  owner = await makeUser(store, { name: 'Awa' });
  editor = await makeUser(store, { name: 'Bakary' });
  third = await makeUser(store, { name: 'Chen' });
  ws = await makeWorkspace(store, owner);
  const sqlite = store.connection;
  for (const user of [editor, third])
    sqlite
      .prepare("insert into memberships (workspace_id, user_id, role) values (?, ?, 'editor')")
      .run(ws, user.userId);
  const analysts = [owner.userId, editor.userId, third.userId];
  const types = (await listClaimTypes(store, { actor: owner, workspaceId: ws })).map((t) => t.id);
  const kept = await document('Brief');
  const trashed = await document('Dispatch');
  trashedDocument = trashed.id;

  const rand = mulberry32(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  sources = ['A', 'B', 'C'].map((name, i) => {
    const id = randomUUID();
    sqlite
      .prepare(
        'insert into sources (id, workspace_id, name, kind, reliability, deleted_at) values (?, ?, ?, ?, ?, ?)',
      )
      .run(id, ws, `Source ${name}`, 'outlet', 'B', i === 2 ? 1 : null);
    return id;
  });
  const topics = ['How many?', 'Who paid?', 'Any ransom?'].map((question) => {
    const id = randomUUID();
    sqlite.prepare('insert into topics (id, workspace_id, question) values (?, ?, ?)').run(id, ws, question);
    return id;
  });
  const insert = {
    claim: sqlite.prepare(
      `insert into claims (id, workspace_id, type_id, statement, kind, topic_id, quantity_min, quantity_max,
         quantity_unit, status, contested, created_by, created_at, updated_at, deleted_at)
       values (?, ?, ?, ?, 'reported', ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
    ),
    tag: sqlite.prepare('insert into claim_tags (claim_id, tag) values (?, ?)'),
    anchor: sqlite.prepare(
      `insert into anchors (id, claim_id, document_id, revision_id, exact, prefix, suffix, start, "end",
         created_at, updated_at) values (?, ?, ?, ?, 'Bamako', '', '', 10, 16, ?, ?)`,
    ),
    evidence: sqlite.prepare(
      `insert into evidence (id, claim_id, source_id, stance, credibility, quote, created_at, updated_at,
         deleted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    assessment: sqlite.prepare(
      `insert into assessments (id, claim_id, user_id, likelihood, confidence, rationale, created_at, updated_at)
         values (?, ?, ?, 'likely', 'high', 'Two officials.', ?, ?)`,
    ),
    decision: sqlite.prepare(
      'insert into decisions (id, claim_id, outcome, rationale, decided_by, created_at) values (?, ?, ?, ?, ?, ?)',
    ),
  };
  // Times around the epoch and with short milliseconds, to check how they are written.
  const base = Date.UTC(1969, 11, 31, 23, 59, 0, 7);
  sqlite.transaction(() => {
    for (let n = 0; n < CLAIMS; n++) {
      const id = randomUUID();
      const at = base + n * 997;
      const quantity = rand() < 0.3;
      insert.claim.run(
        id,
        ws,
        pick(types),
        `Claim ${n}, “${pick(TAGS)}”`,
        rand() < 0.4 ? pick(topics) : null,
        quantity ? -1.5 : null,
        quantity ? 0.1 + 0.2 : null,
        quantity ? 'people' : null,
        rand() < 0.1 ? '[{"kind":"mixed_evidence","key":"mixed_evidence","detail":"x"}]' : '[]',
        pick(analysts),
        at,
        at + 1,
        n % 50 === 0 ? at : null,
      );
      for (const tag of new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(TAGS))))
        insert.tag.run(id, tag);
      for (let k = Math.floor(rand() * 3); k > 0; k--) {
        const doc = rand() < 0.2 ? trashed : kept;
        insert.anchor.run(randomUUID(), id, doc.id, doc.revisionId, at + k * 3, at + k * 3);
      }
      for (let k = Math.floor(rand() * 3); k > 0; k--)
        insert.evidence.run(
          randomUUID(),
          id,
          pick(sources),
          pick(['supports', 'contradicts'] as const),
          1 + Math.floor(rand() * 6),
          rand() < 0.5 ? null : `Quote ${n}\nline two`,
          at + 100 - k,
          at + 100 - k,
          rand() < 0.1 ? at : null,
        );
      for (const user of analysts)
        if (rand() < 0.4) insert.assessment.run(randomUUID(), id, user, at + 5, at + 5);
      for (let k = Math.floor(rand() * 3); k > 0; k--)
        insert.decision.run(
          randomUUID(),
          id,
          pick(['accepted', 'rejected'] as const),
          `Because ${k}`,
          owner.userId,
          at + 50 * k,
        );
    }
  })();
  // The rows went around the data layer: the claims' live evidence links, kept tags and passages
  // are set again.
  await store.transaction(async (tx) => {
    await recountAllEvidenceLinks(tx);
    await recountAllTagsKeys(tx);
    await keepAllPassageKeys(tx);
    await keepAllAssessmentKeys(tx);
  });
  await trashDocument(store, { actor: owner, documentId: trashedDocument });
});

async function all(data: ExportSourceData): Promise<ExportClaim[]> {
  const out: ExportClaim[] = [];
  for await (const claim of data.claims()) out.push(claim);
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('openExport', () => {
  it('gives as many passage and tag columns as the claim with the most has; passages on a document in the trash do not count', async () => {
    const sqlite = store.connection;
    const open = () =>
      openExport(store, { actor: owner, workspaceId: ws, baseUrl: 'http://x' }, async (data) => ({
        layout: data.layout,
        claims: await all(data),
      }));
    // One claim gets three more passages, on the document in the trash (written around the data
    // layer, as the set-up's rows: the kept counts are computed again).
    const [claimId] = sqlite
      .prepare('select id from claims where workspace_id = ? and deleted_at is null limit 1')
      .pluck()
      .all(ws) as string[];
    const revisionId = sqlite
      .prepare('select current_revision_id from documents where id = ?')
      .pluck()
      .get(trashedDocument) as string;
    for (let k = 0; k < 3; k++)
      sqlite
        .prepare(
          `insert into anchors (id, claim_id, document_id, revision_id, exact, prefix, suffix, start, "end",
             created_at, updated_at) values (?, ?, ?, ?, 'Gao', '', '', 20, 23, 5, 5)`,
        )
        .run(randomUUID(), claimId, trashedDocument, revisionId);
    await store.transaction((tx) => keepAllPassageKeys(tx));
    const { layout, claims } = await open();
    const most = (counts: number[]) => Math.max(0, ...counts);
    expect(layout.maxPassages).toBe(most(claims.map((c) => c.anchors.length)));
    expect(layout.maxPassages).toBeLessThan(
      most(
        sqlite
          .prepare(
            'select count(*) from anchors where claim_id in (select id from claims where workspace_id = ?) group by claim_id',
          )
          .pluck()
          .all(ws) as number[],
      ),
    );
    expect(layout.maxTags).toBe(most(claims.map((c) => c.tags.length)));
    expect(layout.maxTags).toBeGreaterThan(0);
  });

  it('reads every claim once, in export order, each with its own rows', async () => {
    const claims = await openExport(store, { actor: owner, workspaceId: ws, baseUrl: 'http://x' }, all);
    const sqlite = store.connection;
    const order = sqlite
      .prepare(
        `select c.id from claims c left join topics t on t.id = c.topic_id where c.workspace_id = ? and c.deleted_at is null
         order by t.question is null, t.question, c.created_at, c.id`,
      )
      .pluck()
      .all(ws);
    expect(claims.map((c) => c.id)).toEqual(order);
    expect(claims.length).toBe(CLAIMS - CLAIMS / 50);
    // The same order topic by topic (the by-source view's), however many topics a statement reads.
    for (const perBatch of [1, 2, 20]) {
      const walked: string[] = [];
      await store.snapshot(async (db, rows) => {
        for await (const batch of claimsInExportOrder(
          db,
          rows,
          ws,
          claimScope(db, ws, {}, { userId: owner.userId, seesAll: true }),
          perBatch,
        ))
          walked.push(...batch);
      });
      expect(walked, `${perBatch} topics a statement`).toEqual(order);
    }

    const rows = <T>(sql: string, ...params: string[]) =>
      sqlite
        .prepare(sql)
        .raw()
        .all(...params) as T[];
    for (const claim of claims) {
      const [c] = rows<[number, number, string, string | null, number | null]>(
        'select created_at, updated_at, statement, quantity_unit, quantity_max from claims where id = ?',
        claim.id,
      );
      expect(claim.createdAt).toBe(iso(c![0]));
      expect(claim.updatedAt).toBe(iso(c![1]));
      expect(claim.statement).toBe(c![2]);
      expect(claim.quantity).toEqual(c![3] ? { min: -1.5, max: 0.1 + 0.2, unit: 'people' } : null);
      expect(claim.tags).toEqual(
        rows<[string]>('select tag from claim_tags where claim_id = ? order by tag', claim.id).map(
          (r) => r[0],
        ),
      );
      expect(claim.anchors.map((a) => [a.id, a.createdAt, a.documentTitle])).toEqual(
        rows<[string, number]>(
          'select id, created_at from anchors where claim_id = ? and document_id <> ? order by created_at',
          claim.id,
          trashedDocument,
        ).map(([id, at]) => [id, iso(at), 'Brief']),
      );
      expect(claim.evidence.map((e) => [e.id, e.sourceName, e.quote, e.createdAt])).toEqual(
        sqlite
          .prepare(
            `select e.id, s.name, e.quote, e.created_at from evidence e join sources s on s.id = e.source_id
             where e.claim_id = ? and e.deleted_at is null and s.deleted_at is null order by e.created_at`,
          )
          .raw()
          .all(claim.id)
          .map((r) => {
            const [id, name, quote, at] = r as [string, string, string | null, number];
            return [id, name, quote, iso(at)];
          }),
      );
      expect(claim.assessments.map((a) => a.id).sort()).toEqual(
        rows<[string]>('select id from assessments where claim_id = ?', claim.id)
          .map((r) => r[0])
          .sort(),
      );
      const latest = rows<[string, number]>(
        'select rationale, created_at from decisions where claim_id = ? order by created_at desc limit 1',
        claim.id,
      )[0];
      expect(claim.decision && [claim.decision.rationale, claim.decision.decidedAt]).toEqual(
        latest ? [latest[0], iso(latest[1])] : null,
      );
    }
    // The times cross the epoch (and midnight): written as toISOString writes them, on either side.
    expect(claims.some((c) => c.createdAt.startsWith('1969-12-31T23:59:'))).toBe(true);
    expect(claims.some((c) => c.createdAt.startsWith('1970-01-01T00:0'))).toBe(true);
    expect(claims.some((c) => c.contested.includes('mixed evidence'))).toBe(true);
  });

  it('keeps only the evidence that matches the source and stance filters, and the claims that have some', async () => {
    const filters = { source: sources[1]!, stance: 'contradicts' as const };
    const claims = await openExport(
      store,
      { actor: owner, workspaceId: ws, baseUrl: 'http://x', filters },
      all,
    );
    const expected = store.connection
      .prepare(
        `select count(distinct e.claim_id) from evidence e join claims c on c.id = e.claim_id
         where e.source_id = ? and e.stance = ? and e.deleted_at is null and c.deleted_at is null`,
      )
      .pluck()
      .get(filters.source, filters.stance);
    expect(claims.length).toBe(expected);
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) {
      expect(claim.evidence.length).toBeGreaterThan(0);
      for (const e of claim.evidence)
        expect([e.sourceId, e.stance]).toEqual([filters.source, filters.stance]);
    }
  });

  it('under blind assessments, gives a member the others’ assessments only of claims they assessed', async () => {
    await setBlindAssessments(store, { actor: owner, workspaceId: ws, blind: true });
    const claims = await openExport(store, { actor: editor, workspaceId: ws, baseUrl: 'http://x' }, all);
    let hidden = 0;
    let shown = 0;
    for (const claim of claims) {
      const all = store.connection
        .prepare('select user_id from assessments where claim_id = ?')
        .pluck()
        .all(claim.id) as string[];
      const names = claim.assessments.map((a) => a.analyst).sort();
      if (all.includes(editor.userId)) {
        expect(names).toHaveLength(all.length);
        if (all.length > 1) shown++;
      } else {
        expect(names).toEqual([]);
        if (all.length > 0) hidden++;
      }
    }
    expect(hidden).toBeGreaterThan(0);
    expect(shown).toBeGreaterThan(0);
  });

  it('shows the evidence table’s first rows of ALL rows in the chosen order, not the first rows sorted', async () => {
    const all = await getEvidenceTable(store, {
      actor: owner,
      workspaceId: ws,
      filters: {},
      baseUrl: '',
      limit: 100_000,
    });
    expect(all.rows).toHaveLength(all.totalRows);
    expect(all.totalRows).toBeGreaterThan(CLAIMS);
    // (Statements here hold numbers, "Claim 99" and "Claim 100", and tags accents, "Éclat": the old
    // sort compared numbers by value and ignored accents, SQL orders text by code point, ASCII case
    // folded; evidence-table.test.ts compares every column on text where the two agree.)
    for (const [sort, dir] of [
      ['type', 'desc'],
      ['quantity', 'asc'],
      ['source', 'asc'],
    ] as const) {
      const page = await getEvidenceTable(store, {
        actor: owner,
        workspaceId: ws,
        filters: {},
        baseUrl: '',
        sort,
        dir,
        limit: 40,
      });
      expect(page.totalRows).toBe(all.totalRows);
      expect(page.rows).toEqual(sortRows(all.rows, sort, dir).slice(0, 40));
    }
    // Unsorted, the first rows in export order.
    const first = await getEvidenceTable(store, {
      actor: owner,
      workspaceId: ws,
      filters: {},
      baseUrl: '',
      limit: 40,
    });
    expect(first.rows).toEqual(all.rows.slice(0, 40));
  });

  it('filters on likelihood and confidence among the assessments the member may see (blind: no leak)', async () => {
    const sqlite = store.connection;
    sqlite.prepare("update assessments set likelihood = 'very_likely' where user_id = ?").run(owner.userId);
    sqlite
      .prepare("update assessments set likelihood = 'unlikely', confidence = 'low' where user_id = ?")
      .run(third.userId);
    const ids = async (filters: EvidenceTableFilters) =>
      (await openExport(store, { actor: editor, workspaceId: ws, baseUrl: '', filters }, all))
        .map((c) => c.id)
        .sort();
    const expected = (where: string) =>
      (
        sqlite
          .prepare(
            `select distinct s.claim_id from assessments s join claims c on c.id = s.claim_id
             where c.deleted_at is null and ${where} order by s.claim_id`,
          )
          .pluck()
          .all(editor.userId) as string[]
      ).sort();
    const editorAssessed = `exists (select 1 from assessments m where m.claim_id = s.claim_id and m.user_id = ?)`;

    // Not blind: every assessment counts.
    const third_ = expected(`s.likelihood = 'unlikely' and ? is not null`);
    expect(third_.length).toBeGreaterThan(10);
    expect(await ids({ likelihood: 'unlikely' })).toEqual(third_);
    expect(await ids({ likelihood: 'unlikely', confidence: 'low' })).toEqual(third_);
    expect(await ids({ likelihood: 'unlikely', confidence: 'high' })).toEqual([]);

    // Blind: another analyst's rating finds a claim only if the editor assessed it too.
    await setBlindAssessments(store, { actor: owner, workspaceId: ws, blind: true });
    const visible = expected(`s.likelihood = 'unlikely' and ${editorAssessed}`);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(third_.length);
    expect(await ids({ likelihood: 'unlikely' })).toEqual(visible);
    expect(await ids({ confidence: 'low' })).toEqual(visible);
    // Their own ratings always count.
    expect(await ids({ likelihood: 'likely' })).toEqual(
      expected(`s.likelihood = 'likely' and s.user_id = ?`),
    );
    // The owner's "very likely" on claims the editor has not assessed stays hidden.
    expect(await ids({ likelihood: 'very_likely' })).toEqual(
      expected(`s.likelihood = 'very_likely' and ${editorAssessed}`),
    );
  });

  it.each([
    ['no filter', {}],
    ['contradicting evidence', { stance: 'contradicts' }],
    ['one source', { source: 'SOURCE0' }],
    ['a tag', { tag: 'ransom' }],
  ] as [string, EvidenceTableFilters][])(
    'counts rows and builds the source view over every claim in scope (%s)',
    async (_name, given) => {
      const filters = given.source ? { ...given, source: sources[0]! } : given;
      const claims = await openExport(store, { actor: owner, workspaceId: ws, baseUrl: '', filters }, all);
      const rows = claims.reduce((n, c) => n + Math.max(1, c.evidence.length), 0);
      const expected = new Map<string, { claimId: string; stance: string; rating: string }[]>();
      for (const c of claims)
        for (const e of c.evidence) {
          const list = expected.get(e.sourceId) ?? [];
          list.push({ claimId: c.id, stance: e.stance, rating: `${e.reliability}${e.credibility}` });
          expected.set(e.sourceId, list);
        }
      const table = await getEvidenceTable(store, {
        actor: owner,
        workspaceId: ws,
        filters,
        baseUrl: '',
        view: 'sources',
      });
      expect(table.totalClaims).toBe(claims.length);
      const shown = table.sources.filter((s) => s.linkCount > 0);
      expect(shown.length).toBeGreaterThan(0);
      for (const source of shown) {
        const list = expected.get(source.id)!;
        expect(source.linkCount).toBe(list.length);
        expect(source.claims.map(({ claimId, stance, rating }) => ({ claimId, stance, rating }))).toEqual(
          list.slice(0, CLAIMS_PER_SOURCE),
        );
      }
      // The evidence view, unsorted, reads only its first rows but still counts them all.
      const page = await getEvidenceTable(store, {
        actor: owner,
        workspaceId: ws,
        filters,
        baseUrl: '',
        limit: 25,
      });
      expect(page.rows).toHaveLength(Math.min(25, rows));
      expect(page.totalRows).toBe(rows);
    },
  );
});
