import { describe, expect, it } from 'vitest';
import { claimFieldsSchema } from '@/lib/claims';
import { makeTeam } from '../team-testing';
import { getClaimDetail } from './claim-views';
import { createClaim } from './claims';
import { getDashboard } from './dashboard';
import { adjudicateClaim, assignReviewer } from './review';

const BRIEF =
  'A weekly said the ransom was 10 million euros. A daily said 2.5 million euros. Officials said 206 prisoners.';

describe('the Overview dashboard', () => {
  it('shows each member what needs them: contested topics, claims assigned, drafts, recent decisions', async () => {
    const team = await makeTeam();
    const ana = await team.member('editor', 'Ana Costa');
    const rita = await team.member('reviewer', 'Rita Mendes');
    const doc = await team.document('Brief', BRIEF);
    const at = (quote: string) => {
      const start = doc.text.indexOf(quote);
      return { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length };
    };
    const ransom = async (statement: string, quote: string, amount: string) =>
      (
        await createClaim(team.store, {
          actor: ana,
          passage: at(quote),
          fields: claimFieldsSchema.parse({
            statement,
            typeId: team.typeId,
            kind: 'reported',
            amount,
            unit: 'EUR',
            topicQuestion: 'How much ransom was paid?',
          }),
        })
      ).claimId;
    const ten = await ransom('The ransom was €10M', '10 million euros', '10m');
    await ransom('The ransom was €2.5M', '2.5 million euros', '2.5m');
    const prisoners = await team.claim(ana, doc, '206 prisoners', 'Mali freed 206 prisoners');
    await assignReviewer(team.store, { actor: team.owner, claimId: prisoners, reviewerId: rita.userId });

    const forAna = await getDashboard(team.store, { actor: ana, workspaceId: team.workspaceId });
    expect(forAna.contestedTopics).toMatchObject([
      { question: 'How much ransom was paid?', contested: 2, claims: 2 },
    ]);
    expect(forAna.myDrafts.map((c) => c.statement).sort()).toEqual([
      'Mali freed 206 prisoners',
      'The ransom was €10M',
      'The ransom was €2.5M',
    ]);
    expect(forAna.assignedToMe).toEqual([]);
    const forRita = await getDashboard(team.store, { actor: rita, workspaceId: team.workspaceId });
    expect(forRita.assignedToMe.map((c) => c.statement)).toEqual(['Mali freed 206 prisoners']);
    expect(forRita.myDrafts).toEqual([]);

    const { review } = await getClaimDetail(team.store, { actor: rita, claimId: ten });
    await adjudicateClaim(team.store, {
      actor: rita,
      claimId: ten,
      input: {
        outcome: 'accepted',
        rationale: 'Two officials confirm it.',
        preferredClaimId: ten,
        version: review.reviewVersion,
        topicVersions: Object.fromEntries(review.topicClaims.map((c) => [c.id, c.reviewVersion])),
      },
    });
    const after = await getDashboard(team.store, { actor: ana, workspaceId: team.workspaceId });
    // The decision's alternative is not listed again: one line per decision.
    expect(after.recentDecisions).toMatchObject([
      { statement: 'The ransom was €10M', outcome: 'Accepted', decidedBy: 'Rita Mendes' },
    ]);
    expect(after.contestedTopics).toEqual([]);
    expect(after.myDrafts.map((c) => c.statement)).not.toContain('The ransom was €10M');
  });
});
