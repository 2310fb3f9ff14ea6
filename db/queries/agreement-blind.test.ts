/**
 * Agreement under blind assessments: alpha, its counts and the drivers' shares are computed over
 * the assessments this member may see, the same rule as the claim page, the queue and the exports.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { krippendorffAlpha, likelihoodUnits } from '@/lib/review/agreement';
import type { Likelihood } from '@/lib/scales';
import { makeTeam, type Team } from '../team-testing';
import type { Actor } from './access';
import { setBlindAssessments } from './review';
import { getAgreement } from './review-views';

// Our own briefing (not quoted from any outlet).
const BRIEFING =
  'The ministry said 206 detainees were freed. A weekly put the ransom at ten million euros. Two diplomats named a go-between.';

let team: Team;
let ana: Actor;
let bakary: Actor;
let chidi: Actor;
let dede: Actor;
let vera: Actor;
let claims: { freed: string; ransom: string; envoy: string };

/** Who rated what (ranks in comments: very_unlikely 1, unlikely 2, likely 4, very_likely 5). */
const RATINGS: [keyof typeof claims, 'ana' | 'bakary' | 'chidi', Likelihood][] = [
  ['freed', 'ana', 'likely'],
  ['freed', 'bakary', 'very_unlikely'],
  ['ransom', 'ana', 'unlikely'],
  ['ransom', 'bakary', 'very_likely'],
  ['envoy', 'ana', 'likely'],
  ['envoy', 'chidi', 'unlikely'],
];

beforeEach(async () => {
  team = await makeTeam();
  ana = await team.member('editor', 'Ana Costa');
  bakary = await team.member('editor', 'Bakary Diallo');
  chidi = await team.member('reviewer', 'Chidi Okafor');
  dede = await team.member('editor', 'Dede Mensah');
  vera = await team.member('viewer', 'Vera Lind');
  const doc = await team.document('Briefing', BRIEFING);
  claims = {
    freed: await team.claim(ana, doc, '206 detainees', 'Bamako freed 206 detainees'),
    ransom: await team.claim(ana, doc, 'ten million euros', 'The ransom was €10M'),
    envoy: await team.claim(ana, doc, 'a go-between', 'A go-between negotiated'),
  };
  const by = { ana, bakary, chidi };
  for (const [claim, who, likelihood] of RATINGS) await team.assess(by[who], claims[claim], likelihood);
  await setBlindAssessments(team.store, { actor: team.owner, workspaceId: team.workspaceId, blind: true });
});

/** Alpha as computed by hand from the ratings of these claims only. */
function expectedOver(keys: (keyof typeof claims)[]) {
  const units = likelihoodUnits(
    keys.map((k) => ({
      id: claims[k],
      assessments: RATINGS.filter(([c]) => c === k).map(([, who, likelihood]) => ({
        userId: who,
        likelihood,
      })),
    })),
  );
  return krippendorffAlpha(units, 'ordinal');
}

describe('agreement with blind assessments on', () => {
  const cases: { who: string; actor: () => Actor; sees: (keyof typeof claims)[] }[] = [
    { who: 'an analyst who assessed every claim', actor: () => ana, sees: ['freed', 'ransom', 'envoy'] },
    { who: 'an analyst who assessed two of them', actor: () => bakary, sees: ['freed', 'ransom'] },
    { who: 'an analyst who assessed one of them', actor: () => chidi, sees: ['envoy'] },
    { who: 'an analyst who assessed none', actor: () => dede, sees: [] },
    { who: 'a viewer (never rates, sees all)', actor: () => vera, sees: ['freed', 'ransom', 'envoy'] },
  ];

  it.each(cases)('counts only what $who may see', async ({ actor, sees }) => {
    const result = await getAgreement(team.store, { actor: actor(), workspaceId: team.workspaceId });
    const expected = expectedOver(sees);
    expect(result.alpha).toEqual(expected.alpha);
    expect(result.interpretation).toBe(expected.interpretation);
    expect({ units: result.units, raters: result.raters, ratings: result.pairableValues }).toEqual({
      units: expected.units,
      raters: expected.raters,
      ratings: expected.pairableValues,
    });
    expect(result.drivers.map((d) => [d.claimId, d.share])).toEqual(
      expected.drivers.map((d) => [d.unitId, d.share]),
    );
    for (const d of result.drivers) expect(d.ratings).not.toBeNull();
  });

  it('says when claims were left out, and never for a member who sees everything', async () => {
    const left = async (actor: Actor) =>
      (await getAgreement(team.store, { actor, workspaceId: team.workspaceId })).hiddenClaims;
    expect(await left(ana)).toBe(0);
    expect(await left(vera)).toBe(0);
    expect(await left(bakary)).toBe(1);
    expect(await left(chidi)).toBe(2);
    expect(await left(dede)).toBe(3);
  });

  it('counts everything again once the workspace is no longer blind', async () => {
    await setBlindAssessments(team.store, { actor: team.owner, workspaceId: team.workspaceId, blind: false });
    const result = await getAgreement(team.store, { actor: dede, workspaceId: team.workspaceId });
    expect(result.alpha).toEqual(expectedOver(['freed', 'ransom', 'envoy']).alpha);
    expect(result.hiddenClaims).toBe(0);
  });
});
