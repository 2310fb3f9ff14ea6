/**
 * The Activity page under blind assessments (issue 17, bug 1): another analyst's assessment event
 * shows its likelihood and confidence to an owner only once the owner has recorded their own
 * assessment of that claim, as every other view does; without blind assessments it shows at once.
 */
import { describe, expect, it } from 'vitest';
import { makeTeam } from '../team-testing';
import { listWorkspaceAuditEvents } from './audit-log';
import { setBlindAssessments } from './review';

const BRIEF = 'Officials said 206 prisoners were freed before the hostages crossed the border at dawn.';

async function assessmentEvents(blind: boolean) {
  const team = await makeTeam();
  await setBlindAssessments(team.store, { actor: team.owner, workspaceId: team.workspaceId, blind });
  const analyst = await team.member('editor', 'Bakary Diallo');
  const doc = await team.document('Bamako brief', BRIEF);
  const claimId = await team.claim(team.owner, doc, '206 prisoners were freed', 'Mali freed 206 prisoners');
  await team.assess(analyst, claimId, 'likely');
  const read = async () =>
    (await listWorkspaceAuditEvents(team.store, { actor: team.owner, workspaceId: team.workspaceId })).filter(
      (e) => e.action.startsWith('assessment.'),
    );
  return { team, claimId, read };
}

describe('assessment events on the Activity page', () => {
  it('withholds another analyst’s assessment until the owner has recorded their own (blind)', async () => {
    const { team, claimId, read } = await assessmentEvents(true);
    const [before] = await read();
    expect(before).toMatchObject({
      action: 'assessment.create',
      hidden: true,
      details: null,
      actorName: 'Bakary Diallo',
    });
    expect(JSON.stringify(await read())).not.toContain('likely');

    await team.assess(team.owner, claimId, 'unlikely');
    const events = await read();
    expect(events).toHaveLength(2);
    for (const e of events) expect(e.hidden).toBe(false);
    expect(events.find((e) => e.actorName === 'Bakary Diallo')!.details).toMatchObject({
      after: { likelihood: 'likely', confidence: 'moderate' },
    });
    // In words, with the claim it is about.
    expect(events.find((e) => e.actorName === 'Bakary Diallo')).toMatchObject({
      summary: 'recorded an assessment',
      note: expect.stringContaining('likely (55–80%)'),
      object: { type: 'claim', id: claimId, label: 'Mali freed 206 prisoners' },
      href: `/w/${team.workspaceId}/claims/${claimId}`,
    });
  });

  it('shows every assessment event at once when assessments are not blind', async () => {
    const { read } = await assessmentEvents(false);
    const [event] = await read();
    expect(event).toMatchObject({ hidden: false, details: { after: { likelihood: 'likely' } } });
  });
});

describe('the Activity page in sentences', () => {
  it('names what was done and to what, with a link, for the workspace’s own events too', async () => {
    const { team } = await assessmentEvents(false);
    const events = await listWorkspaceAuditEvents(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
    });
    const line = (action: string) => events.find((e) => e.action === action)!;
    expect(line('document.import')).toMatchObject({
      summary: 'imported the document',
      object: { type: 'document', label: 'Bamako brief' },
      href: expect.stringMatching(/\/documents\//),
    });
    expect(line('claim.create')).toMatchObject({
      summary: expect.stringContaining('created the claim'),
      object: { type: 'claim', label: 'Mali freed 206 prisoners' },
    });
    expect(line('invite.create').summary).toBe('invited someone to join as editor');
    for (const e of events) {
      expect(e.summary).not.toMatch(/[{}]|\w\.\w/);
    }
  });
});
