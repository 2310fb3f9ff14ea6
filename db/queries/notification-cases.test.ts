/**
 * A team loop that speaks (issue 17): each case an analyst is told of, in the app — an assessment
 * of mine overruled by a decision, my claim becoming contested (and why), a claim I wrote or
 * accepted edited afterwards — and mention previews as words, not Markdown marks.
 */
import { describe, expect, it } from 'vitest';
import { claimFieldsSchema, evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';
import { makeTeam, type Team } from '../team-testing';
import type { Actor } from './access';
import { getClaimDetail } from './claim-views';
import { createClaim, updateClaim } from './claims';
import { addComment } from './comments';
import { addEvidence } from './evidence';
import { listNotifications } from './notifications';
import { adjudicateClaim } from './review';

const BRIEF =
  'Officials said 206 prisoners were freed. A weekly said the ransom was 10 million euros. A daily said 2.5 million euros.';

const inbox = async (team: Team, actor: Actor, kind?: string) =>
  (await listNotifications(team.store, { actor })).filter((n) => !kind || n.kind === kind).map((n) => n.text);

async function decide(team: Team, actor: Actor, claimId: string, outcome: 'accepted' | 'rejected') {
  const { review } = await getClaimDetail(team.store, { actor, claimId });
  return adjudicateClaim(team.store, {
    actor,
    claimId,
    input: {
      outcome,
      rationale: 'The ministry list settles it.',
      preferredClaimId: null,
      version: review.reviewVersion,
      topicVersions: {},
    },
  });
}

describe('notifications of the team loop', () => {
  it('tells an analyst when a decision goes against their own assessment, and only them', async () => {
    const team = await makeTeam();
    const ana = await team.member('editor', 'Ana Costa');
    const bakary = await team.member('editor', 'Bakary Diallo');
    const rita = await team.member('reviewer', 'Rita Mendes');
    const doc = await team.document('Brief', BRIEF);
    const id = await team.claim(ana, doc, '206 prisoners were freed', 'Mali freed 206 prisoners');
    await team.assess(ana, id, 'likely');
    await team.assess(bakary, id, 'unlikely');
    await decide(team, rita, id, 'accepted');
    expect(await inbox(team, bakary, 'overruled')).toEqual([
      'Rita Mendes accepted “Mali freed 206 prisoners”, which you assessed as unlikely (20–45%): The ministry list settles it.',
    ]);
    expect(await inbox(team, ana, 'overruled')).toEqual([]);
    expect(await inbox(team, rita)).toEqual([]);
  });

  it('tells the author their claim became contested, and why', async () => {
    const team = await makeTeam();
    const ana = await team.member('editor', 'Ana Costa');
    const bakary = await team.member('editor', 'Bakary Diallo');
    const doc = await team.document('Brief', BRIEF);
    const fields = (statement: string, amount: string) =>
      claimFieldsSchema.parse({
        statement,
        typeId: team.typeId,
        kind: 'reported',
        amount,
        unit: 'EUR',
        topicQuestion: 'How much ransom was paid?',
      });
    const at = (quote: string) => {
      const start = doc.text.indexOf(quote);
      return { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length };
    };
    const { claimId } = await createClaim(team.store, {
      actor: ana,
      passage: at('10 million euros'),
      fields: fields('The ransom was €10M', '10m'),
    });
    expect(await inbox(team, ana, 'contested')).toEqual([]);
    await createClaim(team.store, {
      actor: bakary,
      passage: at('2.5 million euros'),
      fields: fields('The ransom was €2.5M', '2.5m'),
    });
    const [told] = await inbox(team, ana, 'contested');
    expect(told).toMatch(/^Your claim “The ransom was €10M” is contested now: .*The ransom was €2\.5M/);
    // Bakary made the write: nobody is told of their own action.
    expect(await inbox(team, bakary, 'contested')).toEqual([]);
    // Mixed evidence on it later is a new reason: told again.
    for (const stance of ['supports', 'contradicts'] as const) {
      await addEvidence(team.store, {
        actor: bakary,
        claimId,
        source: {
          create: sourceFieldsSchema.parse({ name: `Outlet ${stance}`, kind: 'outlet', reliability: 'B' }),
        },
        fields: evidenceFieldsSchema.parse({ stance, credibility: '2' }),
      });
    }
    expect(await inbox(team, ana, 'contested')).toHaveLength(2);
  });

  it('tells the author of an edit by someone else, and the reviewer who accepted it when it goes back to review', async () => {
    const team = await makeTeam();
    const ana = await team.member('editor', 'Ana Costa');
    const bakary = await team.member('editor', 'Bakary Diallo');
    const rita = await team.member('reviewer', 'Rita Mendes');
    const doc = await team.document('Brief', BRIEF);
    const id = await team.claim(ana, doc, '206 prisoners were freed', 'Mali freed 206 prisoners');
    await decide(team, rita, id, 'accepted');
    const { version } = await getClaimDetail(team.store, { actor: bakary, claimId: id });
    await updateClaim(team.store, {
      actor: bakary,
      claimId: id,
      expectedVersion: version,
      fields: claimFieldsSchema.parse({
        statement: 'Mali freed 204 prisoners',
        typeId: team.typeId,
        kind: 'reported',
      }),
    });
    expect(await inbox(team, ana, 'edited')).toEqual([
      'Bakary Diallo edited your claim “Mali freed 204 prisoners”: it is back in review.',
    ]);
    expect(await inbox(team, rita, 'edited')).toEqual([
      'Bakary Diallo edited “Mali freed 204 prisoners” after you accepted it: it is back in review.',
    ]);
    // The author editing their own claim tells nobody of it.
    const again = await getClaimDetail(team.store, { actor: ana, claimId: id });
    await updateClaim(team.store, {
      actor: ana,
      claimId: id,
      expectedVersion: again.version,
      fields: claimFieldsSchema.parse({
        statement: 'Mali freed 205 prisoners',
        typeId: team.typeId,
        kind: 'reported',
      }),
    });
    expect(await inbox(team, ana, 'edited')).toHaveLength(1);
  });

  it('previews a mention as words, without Markdown marks', async () => {
    const team = await makeTeam();
    const ana = await team.member('editor', 'Ana Costa');
    const doc = await team.document('Brief', BRIEF);
    const id = await team.claim(team.owner, doc, '206 prisoners were freed', 'Mali freed 206 prisoners');
    await addComment(team.store, {
      actor: team.owner,
      claimId: id,
      body: '@Ana Costa see **the ministry list** and [this note](https://example.org/note)',
      parentId: null,
    });
    expect(await inbox(team, ana, 'mention')).toEqual([
      'Awa Traoré mentioned you on “Mali freed 206 prisoners”: @Ana Costa see the ministry list and this note',
    ]);
  });
});
