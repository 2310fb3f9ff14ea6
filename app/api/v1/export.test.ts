import { parse } from 'csv-parse/sync';
import { checkAnswer } from './_testing/openapi-check';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveMyAssessment } from '@/db/queries/assessments';
import { listClaimTypes } from '@/db/queries/claim-types';
import { createClaim } from '@/db/queries/claims';
import { addEvidence } from '@/db/queries/evidence';
import { reattachAnchor } from '@/db/queries/claims';
import { addRevision } from '@/db/queries/revisions';
import { convertToDocument } from '@/lib/documents/convert';
import { anchors } from '@/db/schema';
import { setBlindAssessments } from '@/db/queries/review';
import {
  assessmentFieldsSchema,
  claimFieldsSchema,
  evidenceFieldsSchema,
  sourceFieldsSchema,
} from '@/lib/claims';
import type { Store } from '@/db/store';
import { freshWorkspace, member, outsider, TEXT, type Member, importBrief } from './_testing/client';
import * as exportRoute from './workspaces/[workspaceId]/export/route';

let store: Store;
let owner: Member;
let workspaceId: string;
let documentId: string;
let revisionId: string;

/** Calls the export endpoint and returns the raw answer (the body is a file, not JSON). */
async function download(token: string | null, query: string, ws = workspaceId) {
  const request = new Request(`http://localhost/api/v1/workspaces/${ws}/export?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const response = await exportRoute.GET(request, { params: Promise.resolve({ workspaceId: ws }) });
  const body = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type');
  // The answer is checked against the OpenAPI document, as every API test's is (client.ts).
  checkAnswer(
    'GET',
    `/workspaces/${ws}/export`,
    response.status,
    type,
    type?.includes('json') ? JSON.parse(body.toString()) : body,
  );
  return { status: response.status, headers: response.headers, body };
}

async function claim(actor: Member, quote: string, statement: string, amount?: string) {
  const typeId = (await listClaimTypes(store, { actor, workspaceId })).find((t) => t.name === 'Figure')!.id;
  const start = TEXT.indexOf(quote);
  const { claimId } = await createClaim(store, {
    actor,
    passage: { documentId, revisionId, start, end: start + quote.length },
    fields: claimFieldsSchema.parse({
      statement,
      typeId,
      kind: 'reported',
      tags: 'ransom, "cash", Bamako',
      amount,
      unit: amount ? 'EUR' : undefined,
      topicQuestion: amount ? 'How much ransom was paid?' : undefined,
    }),
  });
  return claimId;
}

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
  const made = await importBrief(owner, workspaceId);
  documentId = made.json.id;
  revisionId = made.json.currentRevision.id;
});

describe('GET /api/v1/workspaces/{id}/export', () => {
  it('streams the evidence table as CSV (one row per claim × evidence, claims without evidence included)', async () => {
    const tenMillion = await claim(
      owner,
      'the ransom was 10 million euros',
      '=HYPERLINK("x") ransom €10M',
      '10m',
    );
    await claim(owner, '206', 'Mali released 206 prisoners');
    for (const stance of ['supports', 'contradicts'] as const) {
      await addEvidence(store, {
        actor: owner,
        claimId: tenMillion,
        source: {
          create: sourceFieldsSchema.parse({ name: `Outlet, “${stance}”`, kind: 'outlet', reliability: 'B' }),
        },
        fields: evidenceFieldsSchema.parse({ stance, credibility: '2', quote: 'line one\nline two' }),
      });
    }
    const answer = await download(owner.token, 'format=csv&bom=1');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.headers.get('content-disposition')).toMatch(
      /attachment; filename="warrant-sahel-desk-\d{4}-\d{2}-\d{2}-excel\.csv"/,
    );
    expect([...answer.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(answer.body.subarray(3), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    const ransom = rows.filter((r) => r['claim id'] === tenMillion);
    expect(ransom.map((r) => [r.stance, r.rating, r.source])).toEqual([
      ['supports', 'B2', 'Outlet, “supports”'],
      ['contradicts', 'B2', 'Outlet, “contradicts”'],
    ]);
    expect(ransom[0]!.statement).toBe(`'=HYPERLINK("x") ransom €10M`);
    expect(ransom[0]!.quote).toBe('line one\nline two');
    expect([ransom[0]!['tag 1'], ransom[0]!['tag 2'], ransom[0]!['tag 3']].sort()).toEqual([
      '"cash"',
      'Bamako',
      'ransom',
    ]);
    expect(ransom[0]!.contested).toBe('mixed evidence');
    expect(rows.find((r) => r.statement === 'Mali released 206 prisoners')!.source).toBe('');
  });

  it('applies the table filters and the document scope', async () => {
    await claim(owner, 'the ransom was 10 million euros', 'The ransom was €10M', '10m');
    await claim(owner, '206', 'Mali released 206 prisoners');
    const filtered = parse((await download(owner.token, 'format=csv&q=ransom')).body, {
      columns: true,
    }) as Record<string, string>[];
    expect(filtered.map((r) => r.statement)).toEqual(['The ransom was €10M']);
    const none = parse((await download(owner.token, 'format=csv&document=elsewhere')).body, {
      columns: true,
    });
    expect(none).toEqual([]);
  });

  it.each([
    ['credibility=2', ['The ransom was €10M']],
    ['reliability=C', ['The ransom was €10M']],
    ['reliability=A', []],
    ['credibility=2&stance=contradicts', ['The ransom was €10M']],
    ['anchor=exact', ['The ransom was €10M', 'Mali released 206 prisoners']],
    ['anchor=orphaned', []],
    ['reviewer=none', ['The ransom was €10M', 'Mali released 206 prisoners']],
  ])('filters by any column: %s', async (query, expected) => {
    const id = await claim(owner, 'the ransom was 10 million euros', 'The ransom was €10M', '10m');
    await claim(owner, '206', 'Mali released 206 prisoners');
    for (const [stance, credibility, reliability] of [
      ['contradicts', '2', 'C'],
      ['supports', '4', 'B'],
    ] as const) {
      await addEvidence(store, {
        actor: owner,
        claimId: id,
        source: {
          create: sourceFieldsSchema.parse({ name: `Outlet ${reliability}`, kind: 'outlet', reliability }),
        },
        fields: evidenceFieldsSchema.parse({ stance, credibility }),
      });
    }
    const rows = parse((await download(owner.token, `format=csv&${query}`)).body, {
      columns: true,
    }) as Record<string, string>[];
    expect([...new Set(rows.map((r) => r.statement))].sort()).toEqual([...expected].sort());
    // Evidence-level filters keep only the matching evidence rows of a claim.
    if (query.startsWith('credibility=2')) expect(rows.map((r) => r.rating)).toEqual(['C2']);
  });

  it('filters by author', async () => {
    const editor = await member(store, owner, workspaceId, 'editor', 'Bakary');
    await claim(owner, '206', 'Mali released 206 prisoners');
    await claim(editor, 'the ransom was 10 million euros', 'The ransom was €10M', '10m');
    const rows = parse((await download(owner.token, `format=csv&author=${editor.userId}`)).body, {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => [r.statement, r.author])).toEqual([['The ransom was €10M', 'Bakary']]);
  });

  it('writes an XLSX workbook whose cells are never formulas', async () => {
    await claim(owner, 'the ransom was 10 million euros', '=1+1', '10m');
    const answer = await download(owner.token, 'format=xlsx');
    expect(answer.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(answer.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Claims', 'Evidence', 'Sources', 'Assessments']),
    );
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))),
    );
    const claims = book.getWorksheet('Claims')!;
    const header = (claims.getRow(1).values as unknown[]).indexOf('statement');
    expect(claims.getRow(2).getCell(header).value).toBe("'=1+1");
  });

  it('exports the table as shown with columns=view: its columns, order and grouping; refuses a view the format cannot follow', async () => {
    await claim(owner, 'the ransom was 10 million euros', 'The ransom was €10M', '10m');
    await claim(owner, '206', 'Mali released 206 prisoners');
    const answer = await download(
      owner.token,
      'format=csv&columns=view&cols=statement,quantity&sort=statement&dir=desc&group=topic&bom=1',
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toContain('-view-excel.csv');
    const rows = parse(answer.body.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
    expect(rows).toEqual([
      ['Topic', 'Claim', 'Quantity'],
      ['How much ransom was paid?', 'The ransom was €10M', '10,000,000 EUR'],
      ['No topic', 'Mali released 206 prisoners', ''],
    ]);
    for (const [query, message] of [
      ['format=csv&columns=some', 'Choose columns=view'],
      ['format=json&columns=view', 'Only CSV and Excel exports can follow'],
    ]) {
      const refused = await download(owner.token, query!);
      expect(refused.status).toBe(422);
      const body = JSON.parse(refused.body.toString('utf8'));
      expect(body.error).toMatchObject({ field: 'columns' });
      expect(body.error.message).toContain(message);
    }
  });

  it.each([
    ['json', 'application/json'],
    ['w3c', 'application/ld+json'],
    ['claimreview', 'application/ld+json'],
    ['markdown', 'text/markdown'],
  ])('answers %s with %s', async (format, type) => {
    await claim(owner, 'the ransom was 10 million euros', 'The ransom was €10M', '10m');
    const answer = await download(owner.token, `format=${format}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain(type);
    if (format !== 'markdown') expect(() => JSON.parse(answer.body.toString('utf8'))).not.toThrow();
  });

  it('places an orphaned passage in W3C at the revision that last held it, and forgets that place once re-attached', async () => {
    await claim(owner, 'the ransom was 10 million euros', 'The ransom was €10M', '10m');
    const start = TEXT.indexOf('the ransom was 10 million euros');
    // Revision 2 drops the sentence: the passage is orphaned; revision 3 changes something else.
    const edited = TEXT.replace(/One outlet said[^\n]*/, 'Outlets disagreed.');
    let base = revisionId;
    for (const text of [edited, `${edited}\n\nA closing line.`]) {
      const made = await addRevision(store, {
        actor: owner,
        documentId,
        baseRevisionId: base,
        format: 'text',
        converted: await convertToDocument('text', text),
      });
      base = made.id;
    }
    const [row] = await store.db.select().from(anchors);
    expect(row).toMatchObject({
      status: 'orphaned',
      start: null,
      heldRevisionId: revisionId,
      heldStart: start,
    });

    const w3c = async () =>
      JSON.parse((await download(owner.token, 'format=w3c')).body.toString('utf8')).first.items[0].target;
    expect(await w3c()).toEqual({
      source: `http://localhost/w/${workspaceId}/documents/${documentId}/revisions/1`,
      selector: [
        expect.objectContaining({ type: 'TextQuoteSelector', exact: 'the ransom was 10 million euros' }),
        { type: 'TextPositionSelector', start, end: start + 'the ransom was 10 million euros'.length },
      ],
    });

    const at = `${edited}\n\nA closing line.`.indexOf('Outlets disagreed.');
    await reattachAnchor(store, {
      actor: owner,
      anchorId: row!.id,
      passage: { documentId, revisionId: base, start: at, end: at + 'Outlets disagreed.'.length },
    });
    const [after] = await store.db.select().from(anchors);
    expect(after).toMatchObject({ status: 'exact', heldRevisionId: null, heldStart: null, heldEnd: null });
    expect((await w3c()).source).toBe(`http://localhost/w/${workspaceId}/documents/${documentId}`);
  });

  it('exports only the exporter’s own assessment where blind assessments hide the others', async () => {
    const id = await claim(owner, 'the ransom was 10 million euros', 'The ransom was €10M', '10m');
    await saveMyAssessment(store, {
      actor: owner,
      claimId: id,
      fields: assessmentFieldsSchema.parse({
        likelihood: 'likely',
        confidence: 'high',
        rationale: 'Two officials.',
      }),
      expectedVersion: null,
    });
    const editor = await member(store, owner, workspaceId, 'editor', 'Bakary');
    await setBlindAssessments(store, { actor: owner, workspaceId, blind: true });
    const blindJson = JSON.parse((await download(editor.token, 'format=json')).body.toString('utf8'));
    expect(blindJson.claims[0].assessments).toEqual([]);
    const ownerJson = JSON.parse((await download(owner.token, 'format=json')).body.toString('utf8'));
    expect(ownerJson.claims[0].assessments.map((a: { analyst: string }) => a.analyst)).toEqual(['Awa']);
  });

  it('refuses without a token (401), an unknown format (422), and another workspace (404); a viewer may export', async () => {
    expect((await download(null, 'format=csv')).status).toBe(401);
    const bad = await download(owner.token, 'format=pdf');
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body.toString('utf8')).error.field).toBe('format');
    const typo = await download(owner.token, 'format=csv&likelihood=likley');
    expect(typo.status).toBe(422);
    expect(JSON.parse(typo.body.toString('utf8')).error).toMatchObject({ field: 'likelihood' });
    const stranger = await outsider(store);
    expect((await download(stranger.token, 'format=csv')).status).toBe(404);
    const viewer = await member(store, owner, workspaceId, 'viewer', 'Vera');
    expect((await download(viewer.token, 'format=csv')).status).toBe(200);
  });
});
