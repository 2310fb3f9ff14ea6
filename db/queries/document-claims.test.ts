/**
 * The claims beside a document (listDocumentClaims) as the reader's cards and highlights need
 * them: each claim's rank in its topic (competing claims are told apart by it) and why it is
 * contested, under the same blind-assessment rule as the review panel.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { claimFieldsSchema } from '@/lib/claims';
import { makeTeam, type Team } from '../team-testing';
import type { Actor } from './access';
import { listDocumentClaims } from './claim-views';
import { addAppearance, createClaim, trashClaim } from './claims';
import { setBlindAssessments } from './review';

// Our own briefing (not quoted from any outlet).
const TEXT = [
  'A weekly said the ransom was 10 million euros.',
  'A daily said the ransom was 2.5 million euros.',
  'A radio said 5 million euros changed hands, and later repeated 5 million euros.',
  'Pilots described a second flight the same evening.',
].join('\n\n');
const TOPIC = 'How much ransom was paid?';

let team: Team;
let ana: Actor;
let bakary: Actor;
let dede: Actor;
let doc: { id: string; revisionId: string; text: string };

const passage = (quote: string, from = 0) => {
  const start = doc.text.indexOf(quote, from);
  if (start < 0) throw new Error(`Not in the text: ${quote}`);
  return { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length };
};

async function figure(actor: Actor, quote: string, statement: string, amount: string, topic = TOPIC) {
  const { claimId } = await createClaim(team.store, {
    actor,
    passage: passage(quote),
    fields: claimFieldsSchema.parse({
      statement,
      typeId: team.typeId,
      kind: 'reported',
      amount,
      unit: 'EUR',
      topicQuestion: topic,
    }),
  });
  return claimId;
}

const listed = async (actor: Actor = team.owner) =>
  new Map((await listDocumentClaims(team.store, { actor, documentId: doc.id })).map((c) => [c.statement, c]));

beforeEach(async () => {
  team = await makeTeam();
  ana = await team.member('editor', 'Ana Costa');
  bakary = await team.member('editor', 'Bakary Diallo');
  dede = await team.member('editor', 'Dede Mensah');
  doc = await team.document('Ransom figures', TEXT);
});

describe('listDocumentClaims: rank in the topic', () => {
  it('ranks the claims of a topic by when they were made, not by where they are in the text', async () => {
    // Made in the order radio, weekly, daily; the radio's claim has two passages.
    const radio = await figure(ana, '5 million euros changed hands', 'The radio: €5M', '5,000,000');
    await addAppearance(team.store, {
      actor: ana,
      claimId: radio,
      passage: passage('5 million euros.', doc.text.indexOf('repeated')),
    });
    await figure(ana, 'the ransom was 10 million euros', 'The weekly: €10M', '10,000,000');
    await figure(bakary, 'the ransom was 2.5 million euros', 'The daily: €2.5M', '2,500,000');
    await figure(ana, 'a second flight', 'A second flight: 1', '1', 'How many flights?');
    await team.claim(ana, doc, 'Pilots described', 'Pilots spoke of it');

    const claims = await listed();
    expect([...claims.values()].map((c) => [c.statement, c.topicRank, c.anchors.length])).toEqual([
      ['The weekly: €10M', 1, 1],
      ['The daily: €2.5M', 2, 1],
      ['The radio: €5M', 0, 2],
      ['Pilots spoke of it', null, 1],
      ['A second flight: 1', 0, 1],
    ]);
  });

  it('leaves a claim in the trash out of the ranks', async () => {
    const weekly = await figure(ana, 'the ransom was 10 million euros', 'The weekly: €10M', '10,000,000');
    await figure(ana, 'the ransom was 2.5 million euros', 'The daily: €2.5M', '2,500,000');
    await trashClaim(team.store, { actor: ana, claimId: weekly });
    expect((await listed()).get('The daily: €2.5M')?.topicRank).toBe(0);
  });
});

describe('listDocumentClaims: why a claim is contested', () => {
  it('says so for competing values, and nothing for a claim that is not contested', async () => {
    await figure(ana, 'the ransom was 10 million euros', 'The weekly: €10M', '10,000,000');
    await figure(bakary, 'the ransom was 2.5 million euros', 'The daily: €2.5M', '2,500,000');
    await team.claim(ana, doc, 'Pilots described', 'Pilots spoke of it');
    const claims = await listed();
    expect(claims.get('The weekly: €10M')?.reasons).toEqual([
      expect.objectContaining({ kind: 'competing_values', label: 'competing values' }),
    ]);
    expect(claims.get('The weekly: €10M')?.reasons[0]?.detail).toContain('The daily: €2.5M');
    expect(claims.get('Pilots spoke of it')?.reasons).toEqual([]);
  });

  it('keeps who said what from a member who has not assessed the claim under blind assessments', async () => {
    const claim = await team.claim(ana, doc, 'Pilots described', 'Pilots spoke of it');
    await team.assess(ana, claim, 'very_likely');
    await team.assess(bakary, claim, 'very_unlikely');
    await setBlindAssessments(team.store, { actor: team.owner, workspaceId: team.workspaceId, blind: true });

    const seen = (await listed(ana)).get('Pilots spoke of it')!.reasons;
    expect(seen.map((r) => r.kind)).toEqual(['analysts_disagree']);
    expect(seen[0]!.detail).toContain('Bakary Diallo');

    const hidden = (await listed(dede)).get('Pilots spoke of it')!.reasons;
    expect(hidden.map((r) => r.kind)).toEqual(['analysts_disagree']);
    expect(hidden[0]!.detail).not.toContain('Bakary');
    expect(hidden[0]!.detail).toContain('Record your own assessment');
  });
});
