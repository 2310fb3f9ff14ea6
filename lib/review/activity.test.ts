import { describe, expect, it } from 'vitest';
import { activityHref, activityLine } from './activity';

const lookups = { typeNames: new Map([['t1', 'Figure']]), sourceNames: new Map([['s1', 'RFI']]) };

describe('the Activity page, in sentences', () => {
  it.each([
    ['document.import', {}, 'imported the document', null],
    ['document.revise', { revision: 3 }, 'saved revision 3 of the document', null],
    [
      'topic.rename',
      { from: 'Ransom?', to: 'How much ransom was paid?' },
      'renamed a topic',
      '“Ransom?” → “How much ransom was paid?”',
    ],
    [
      'topic.merge',
      { from: 'Ransome paid?', into: 'How much ransom was paid?', claims: 2 },
      'merged a topic into',
      '“Ransome paid?” (2 claims moved)',
    ],
    ['workspace.blind_assessments', { blind: true }, 'turned blind assessments on', null],
    [
      'member.role_change',
      { from: 'editor', to: 'reviewer' },
      'changed a member’s role from editor to reviewer',
      null,
    ],
    [
      'evidence.create',
      { sourceId: 's1', stance: 'supports', credibility: 2 },
      'added evidence from RFI',
      null,
    ],
    [
      'claim.adjudicate',
      { to: 'accepted', rationale: 'Two sources.', stake: ['author'] },
      'accepted the claim, though they wrote it',
      'status: — → accepted · Two sources.',
    ],
    ['something.new_here', null, 'made a change (something new here)', null],
    ['document.revise', 'not an object', 'saved a new revision of the document', null],
  ])('%s', (action, details, summary, note) => {
    const line = activityLine(action, details, lookups);
    expect(line.summary).toBe(summary);
    if (note !== null) expect(line.note).toBe(note);
  });

  it('links to the page of what it is about, and to nothing gone', () => {
    expect(activityHref('w1', { type: 'claim', id: 'c 1', label: 'X' })).toBe('/w/w1/claims/c%201');
    expect(activityHref('w1', { type: 'topic', id: 't', label: 'Q?' })).toBe('/w/w1/topics/t');
    expect(activityHref('w1', { type: 'claim', id: 'c', label: null })).toBeNull();
    expect(activityHref('w1', { type: 'invite', id: 'i', label: 'x' })).toBeNull();
    expect(activityHref('w1', null)).toBeNull();
  });
});
