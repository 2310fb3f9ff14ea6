/**
 * What a trashed item shows: a document in the trash keeps its passages and title out of every
 * view, filter and export (the trash itself lists it); a source in the trash takes its evidence
 * links with it. Each case was a leak before.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';
import type { ExportClaim } from '@/lib/export/model';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import type { Stance } from '@/lib/scales';
import { makeTeam, type Team } from '../team-testing';
import type { Actor } from './access';
import { getClaimDetail, listDocumentClaims } from './claim-views';
import { addAppearance } from './claims';
import { trashDocument } from './documents';
import { addEvidence, updateEvidence } from './evidence';
import { getEvidenceTable } from './evidence-table';
import { getEvidence } from './evidence-views';
import { openExport } from './export';
import { getClaimHistory } from './review-views';
import { createSource, restoreSource, trashSource } from './sources';

// Our own texts (not quoted from any outlet).
const BRIEF = 'The ministry said 206 detainees were freed before the handover near the border.';
const DISPATCH = 'A courier crossed at Gao with the second payment, a driver told our stringer.';

let team: Team;
let ana: Actor;
let brief: string;
let dispatch: string;
/** anchored in the brief, and in the dispatch too */
let both: string;
/** anchored in the dispatch only */
let dispatchOnly: string;
let radio: string;
let gazette: string;
let radioLink: string;

async function link(claimId: string, sourceId: string, stance: Stance) {
  const { evidenceId } = await addEvidence(team.store, {
    actor: ana,
    claimId,
    source: { id: sourceId },
    fields: evidenceFieldsSchema.parse({ stance, credibility: '2', quote: `${stance} quote` }),
  });
  return evidenceId;
}

const source = async (name: string, reliability: 'B' | 'E') =>
  (
    await createSource(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
      fields: sourceFieldsSchema.parse({ name, kind: 'outlet', reliability }),
    })
  ).sourceId;

beforeEach(async () => {
  team = await makeTeam();
  ana = await team.member('editor', 'Ana Costa');
  const b = await team.document('Ministry brief', BRIEF);
  const d = await team.document('Stringer dispatch', DISPATCH);
  brief = b.id;
  dispatch = d.id;
  both = await team.claim(ana, b, '206 detainees', 'Bamako freed 206 detainees');
  const start = d.text.indexOf('courier crossed at Gao');
  await addAppearance(team.store, {
    actor: ana,
    claimId: both,
    passage: {
      documentId: d.id,
      revisionId: d.revisionId,
      start,
      end: start + 'courier crossed at Gao'.length,
    },
  });
  dispatchOnly = await team.claim(ana, d, 'second payment', 'A further sum was paid');
  gazette = await source('Bamako Gazette', 'B');
  radio = await source('Radio Kidal Confidential', 'E');
  await link(both, gazette, 'supports');
  radioLink = await link(both, radio, 'contradicts');
  await trashDocument(team.store, { actor: team.owner, documentId: dispatch });
  await trashSource(team.store, { actor: team.owner, sourceId: radio });
});

/** Reads an export as ana: its layout, claims, row count and source view (read while it is open). */
async function exported(filters: EvidenceTableFilters = {}) {
  return openExport(
    team.store,
    { actor: ana, workspaceId: team.workspaceId, baseUrl: '', filters },
    async (data) => {
      const claims: ExportClaim[] = [];
      for await (const c of data.claims()) claims.push(c);
      return {
        layout: data.layout,
        claims,
        rowCount: await data.rowCount(),
        sourceTouches: await data.sourceTouches(50),
      };
    },
  );
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

describe('a source in the trash', () => {
  it('takes its evidence off the claim page, the claim list and the evidence API', async () => {
    const detail = await getClaimDetail(team.store, { actor: ana, claimId: both });
    expect(detail.evidence.map((e) => e.sourceName)).toEqual(['Bamako Gazette']);
    expect(await codeOf(getEvidence(team.store, { actor: ana, evidenceId: radioLink }))).toBe(
      'not_found:evidence',
    );
    const edit = updateEvidence(team.store, {
      actor: ana,
      evidenceId: radioLink,
      expectedVersion: 1,
      fields: evidenceFieldsSchema.parse({ stance: 'supports', credibility: '1' }),
    });
    expect(await codeOf(edit)).toBe('not_found:evidence');
    const listed = await listDocumentClaims(team.store, { actor: ana, documentId: brief });
    expect(listed.find((c) => c.id === both)?.evidenceCount).toBe(1);
  });

  it('no longer makes the claim contested, until it is restored', async () => {
    const kinds = async () =>
      (await getClaimDetail(team.store, { actor: ana, claimId: both })).review.reasons.map((r) => r.kind);
    expect(await kinds()).not.toContain('mixed_evidence');
    await restoreSource(team.store, { actor: team.owner, sourceId: radio });
    expect(await kinds()).toContain('mixed_evidence');
    expect((await getClaimDetail(team.store, { actor: ana, claimId: both })).evidence).toHaveLength(2);
  });

  it('is left out of exports, the row count and the source view', async () => {
    const { rowCount, sourceTouches, claims } = await exported();
    const evidence = claims.flatMap((c) => c.evidence.map((e) => e.sourceName));
    expect(evidence).toEqual(['Bamako Gazette']);
    expect(rowCount).toBe(2); // the brief's claim with its one link, the other without evidence
    expect([...sourceTouches.keys()]).toEqual([gazette]);
    const table = await getEvidenceTable(team.store, {
      actor: ana,
      workspaceId: team.workspaceId,
      filters: {},
      baseUrl: '',
      view: 'evidence',
    });
    expect(table.rows).toHaveLength(2);
    expect(JSON.stringify(table.rows)).not.toContain('Radio Kidal');
  });

  it.each<[string, EvidenceTableFilters]>([
    ['its id', { source: 'RADIO' }],
    ['its reliability', { reliability: 'E' }],
    ['its stance', { stance: 'contradicts' }],
  ])('matches no claim through %s', async (_name, given) => {
    const filters = given.source ? { source: radio } : given;
    expect((await exported(filters)).claims).toEqual([]);
  });
});

describe('a document in the trash', () => {
  it.each<[string, EvidenceTableFilters]>([
    ['a word of its passages (q)', { q: 'courier' }],
    ['one letter of a passage at a time (q)', { q: 'Gao' }],
    ['its passage of the other claim (q)', { q: 'second payment' }],
    ['its id (document)', { document: 'DISPATCH' }],
  ])('matches no claim through %s', async (_name, given) => {
    const filters = given.document ? { document: dispatch } : given;
    expect((await exported(filters)).claims.map((c) => c.statement)).toEqual([]);
  });

  it('matches the anchor filter only through live passages', async () => {
    const ids = (await exported({ anchor: 'exact' })).claims.map((c) => c.id);
    expect(ids).toEqual([both]);
  });

  it('keeps its passages out of exports and their layout', async () => {
    const { layout, claims } = await exported();
    expect(layout.maxPassages).toBe(1);
    const text = JSON.stringify(claims);
    expect(text).not.toContain('courier');
    expect(text).not.toContain('Stringer dispatch');
    expect(claims.find((c) => c.id === dispatchOnly)?.anchors).toEqual([]);
  });
});

describe('the claim history', () => {
  it('names neither a trashed document nor a trashed source, and quotes no passage of the document', async () => {
    const history = await getClaimHistory(team.store, { actor: ana, claimId: both });
    const text = JSON.stringify(history);
    for (const secret of ['Stringer dispatch', 'courier', 'Radio Kidal']) expect(text).not.toContain(secret);
    const added = history.find((e) => e.action === 'claim.add_appearance')!;
    expect(added).toMatchObject({ summary: 'added a passage in a document in the trash', note: null });
    const created = history.find((e) => e.action === 'claim.create')!;
    expect(created).toMatchObject({
      summary: 'created the claim in “Ministry brief”',
      note: '206 detainees',
    });
    const linked = history.filter((e) => e.action === 'evidence.create').map((e) => e.summary);
    expect(linked.sort()).toEqual([
      'added evidence from Bamako Gazette',
      'added evidence from a source in the trash',
    ]);
  });
});
