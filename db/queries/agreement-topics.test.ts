/**
 * Agreement per topic (the Agreement page's chart): alpha over each topic's claims, from the
 * ratings the member may see (blind assessments), topics without a rated claim left out.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { claimFieldsSchema } from '@/lib/claims';
import { krippendorffAlpha, likelihoodUnits } from '@/lib/review/agreement';
import type { Likelihood } from '@/lib/scales';
import { makeTeam, type Team } from '../team-testing';
import type { Actor } from './access';
import { getAgreementByTopic } from './agreement-topics';
import { createClaim, trashClaim } from './claims';
import { setBlindAssessments } from './review';

// Our own briefing (not quoted from any outlet).
const BRIEFING =
  'A weekly put the ransom at ten million euros; a daily said 2.5 million euros. The ministry said 206 detainees were freed.';
const RANSOM = 'How much ransom was paid?';
const FREED = 'How many prisoners were released?';

let team: Team;
let ana: Actor;
let bakary: Actor;
let dede: Actor;
const ids: Record<'ten' | 'low' | 'freed' | 'alone', string> = { ten: '', low: '', freed: '', alone: '' };

const RATINGS: [keyof typeof ids, 'ana' | 'bakary', Likelihood][] = [
  ['ten', 'ana', 'likely'],
  ['ten', 'bakary', 'very_unlikely'],
  ['low', 'ana', 'unlikely'],
  ['low', 'bakary', 'unlikely'],
  ['freed', 'ana', 'very_likely'],
  ['freed', 'bakary', 'likely'],
  ['alone', 'ana', 'likely'],
];

beforeEach(async () => {
  team = await makeTeam();
  ana = await team.member('editor', 'Ana Costa');
  bakary = await team.member('editor', 'Bakary Diallo');
  dede = await team.member('editor', 'Dede Mensah');
  const doc = await team.document('Briefing', BRIEFING);
  const claim = async (quote: string, statement: string, topic?: string) => {
    const start = doc.text.indexOf(quote);
    return (
      await createClaim(team.store, {
        actor: ana,
        passage: { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length },
        fields: claimFieldsSchema.parse({
          statement,
          typeId: team.typeId,
          kind: 'reported',
          topicQuestion: topic,
        }),
      })
    ).claimId;
  };
  ids.ten = await claim('ten million euros', 'The ransom was €10M', RANSOM);
  ids.low = await claim('2.5 million euros', 'The ransom was €2.5M', RANSOM);
  ids.freed = await claim('206 detainees', 'Bamako freed 206 detainees', FREED);
  ids.alone = await claim('The ministry', 'The ministry spoke');
  const by = { ana, bakary };
  for (const [c, who, likelihood] of RATINGS) await team.assess(by[who], ids[c], likelihood);
});

const alphaOf = (keys: (keyof typeof ids)[]) =>
  krippendorffAlpha(
    likelihoodUnits(
      keys.map((k) => ({
        id: ids[k],
        assessments: RATINGS.filter(([c]) => c === k).map(([, who, likelihood]) => ({
          userId: who,
          likelihood,
        })),
      })),
    ),
    'ordinal',
  ).alpha;

describe('agreement per topic', () => {
  it('computes alpha over each topic’s claims; a claim without a topic counts in none', async () => {
    const { topics, omitted } = await getAgreementByTopic(team.store, {
      actor: ana,
      workspaceId: team.workspaceId,
    });
    expect(omitted).toBe(0);
    expect(topics.map((t) => [t.question, t.units, t.raters])).toEqual([
      // By question.
      [FREED, 1, 2],
      [RANSOM, 2, 2],
    ]);
    expect(topics[1]!.alpha).toBe(alphaOf(['ten', 'low']));
    expect(topics[1]!.alpha).not.toBeNull();
    // One rated claim: alpha cannot be computed.
    expect(topics[0]!.alpha).toBeNull();
    // The trash applies.
    await trashClaim(team.store, { actor: ana, claimId: ids.ten });
    const after = await getAgreementByTopic(team.store, { actor: ana, workspaceId: team.workspaceId });
    expect(after.topics.find((t) => t.question === RANSOM)?.units).toBe(1);
  });

  it('leaves out, under blind assessments, what the member may not see yet', async () => {
    await setBlindAssessments(team.store, { actor: team.owner, workspaceId: team.workspaceId, blind: true });
    expect(
      (await getAgreementByTopic(team.store, { actor: dede, workspaceId: team.workspaceId })).topics,
    ).toEqual([]);
    await team.assess(dede, ids.freed, 'likely');
    const seen = await getAgreementByTopic(team.store, { actor: dede, workspaceId: team.workspaceId });
    expect(seen.topics.map((t) => [t.question, t.units, t.raters])).toEqual([[FREED, 1, 3]]);
  });
});
