/**
 * The competing-hypotheses read of a topic and the Admiralty grid: what they count, who may read
 * them, and the trash (a claim, a piece of evidence or a source in the trash is left out).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { claimFieldsSchema, evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';
import { cellLabel } from '@/lib/review/ach';
import type { Credibility, Reliability, Stance } from '@/lib/scales';
import { makeTeam, type Team } from '../team-testing';
import { makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { getTopicAch } from './ach';
import { getAdmiraltyGrid } from './admiralty';
import { createClaim, trashClaim } from './claims';
import { addEvidence, trashEvidence } from './evidence';
import { listWorkspaceTopics } from './topics';
import { createSource, trashSource } from './sources';

// Our own text (not quoted from any outlet).
const TEXT = [
  'A weekly reported that ten million euros were handed over in Kidal in two instalments.',
  'A regional daily put the ransom at 2.5 million euros, paid through a local businessman.',
  'The ministry denied that any ransom had been paid at all.',
].join('\n\n');
const TOPIC = 'How much ransom was paid?';

let team: Team;
let ana: Actor;
let doc: { id: string; revisionId: string; text: string };

beforeEach(async () => {
  team = await makeTeam();
  ana = await team.member('editor', 'Ana Costa');
  doc = await team.document('Ransom reports', TEXT);
});

async function claim(quote: string, statement: string, amount: string) {
  const start = doc.text.indexOf(quote);
  const { claimId } = await createClaim(team.store, {
    actor: ana,
    passage: { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length },
    fields: claimFieldsSchema.parse({
      statement,
      typeId: team.typeId,
      kind: 'reported',
      amount,
      unit: 'EUR',
      topicQuestion: TOPIC,
    }),
  });
  return claimId;
}

const source = async (name: string, reliability: Reliability) =>
  (
    await createSource(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
      fields: sourceFieldsSchema.parse({ name, kind: 'outlet', reliability }),
    })
  ).sourceId;

async function link(
  claimId: string,
  sourceId: string,
  stance: Stance,
  credibility: Credibility,
  quote: string,
) {
  return (
    await addEvidence(team.store, {
      actor: ana,
      claimId,
      source: { id: sourceId },
      fields: evidenceFieldsSchema.parse({ stance, credibility: String(credibility), quote }),
    })
  ).evidenceId;
}

async function ransomTopic() {
  const ten = await claim('ten million euros', 'The ransom was €10M', '10,000,000');
  const low = await claim('2.5 million euros', 'The ransom was €2.5M', '2,500,000');
  const weekly = await source('The Weekly', 'B');
  const daily = await source('The Daily', 'C');
  const ministry = await source('Ministry of Defence', 'F');
  const handedOver = 'ten million euros were handed over in Kidal';
  await link(ten, weekly, 'supports', 2, handedOver);
  await link(low, weekly, 'contradicts', 2, handedOver);
  const dailyLink = await link(low, daily, 'supports', 3, 'put the ransom at 2.5 million euros');
  const denial = 'denied that any ransom had been paid';
  await link(ten, ministry, 'contradicts', 6, denial);
  await link(low, ministry, 'contradicts', 6, denial);
  const topicId = (await listWorkspaceTopics(team.store, { actor: ana, workspaceId: team.workspaceId }))[0]!
    .id;
  return { ten, low, weekly, daily, ministry, dailyLink, topicId };
}

const read = (actor: Actor, topicId: string, workspaceId = team.workspaceId) =>
  getTopicAch(team.store, { actor, workspaceId, topicId });

describe('the ACH matrix of a topic', () => {
  it('scores the competing claims by the weighted evidence against them and sorts rows by diagnosticity', async () => {
    const { ten, low, topicId } = await ransomTopic();
    const viewer = await team.member('viewer', 'Vic Viewer');
    const m = await read(viewer, topicId);
    expect(m.topic.question).toBe(TOPIC);
    // €10M: the ministry (F6 = 0.25) against. €2.5M: the weekly (B2 = 0.64) and the ministry against.
    expect(m.hypotheses.map((h) => [h.id, h.inconsistency, h.support, h.rank])).toEqual([
      [ten, 0.25, 0.64, 1],
      [low, 0.89, 0.36, 2],
    ]);
    expect(m.rows.map((r) => [r.sourceName, r.reliability, r.credibilities, r.diagnosticity])).toEqual([
      ['The Weekly', 'B', [2], 1.28],
      ['The Daily', 'C', [3], 0.36],
      ['Ministry of Defence', 'F', [6], 0],
    ]);
    expect(m.rows[0]!.cells.map(cellLabel)).toEqual(['✔ supports', '✘ contradicts']);
    expect(m.rows[1]!.cells.map(cellLabel)).toEqual(['– no link', '✔ supports']);
    expect(m.omitted).toEqual({ hypotheses: 0, rows: 0 });
    expect(m.omittedLinks).toBe(0);
  });

  it('leaves out what is in the trash: a claim, a piece of evidence, a source', async () => {
    const { ten, low, ministry, dailyLink, topicId } = await ransomTopic();
    await trashEvidence(team.store, { actor: ana, evidenceId: dailyLink });
    await trashSource(team.store, { actor: team.owner, sourceId: ministry });
    let m = await read(ana, topicId);
    expect(m.rows.map((r) => r.sourceName)).toEqual(['The Weekly']);
    expect(m.hypotheses.map((h) => [h.id, h.inconsistency])).toEqual([
      [ten, 0],
      [low, 0.64],
    ]);
    await trashClaim(team.store, { actor: ana, claimId: ten });
    m = await read(ana, topicId);
    expect(m.hypotheses.map((h) => h.id)).toEqual([low]);
    expect(m.rows.map((r) => r.cells.map(cellLabel))).toEqual([['✘ contradicts']]);
  });

  it('is not found for a non-member, and for a topic of another workspace', async () => {
    const { topicId } = await ransomTopic();
    const stranger = await makeUser(team.store, { name: 'Stranger' });
    await expect(read(stranger, topicId)).rejects.toMatchObject({ kind: 'not_found' });
    const otherWs = await makeWorkspace(team.store, stranger, 'Elsewhere');
    await expect(read(stranger, topicId, otherWs)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('the Admiralty grid', () => {
  it('counts the live evidence per reliability × credibility, as the evidence table does', async () => {
    const { ministry, dailyLink } = await ransomTopic();
    let { grid, total } = await getAdmiraltyGrid(team.store, { actor: ana, workspaceId: team.workspaceId });
    expect(total).toBe(5);
    expect([grid.B[2], grid.C[3], grid.F[6], grid.A[1]]).toEqual([2, 1, 2, 0]);
    await trashEvidence(team.store, { actor: ana, evidenceId: dailyLink });
    await trashSource(team.store, { actor: team.owner, sourceId: ministry });
    ({ grid, total } = await getAdmiraltyGrid(team.store, { actor: ana, workspaceId: team.workspaceId }));
    expect(total).toBe(2);
    expect([grid.B[2], grid.C[3], grid.F[6]]).toEqual([2, 0, 0]);
    const stranger = await makeUser(team.store, { name: 'Stranger' });
    await expect(
      getAdmiraltyGrid(team.store, { actor: stranger, workspaceId: team.workspaceId }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });
});
