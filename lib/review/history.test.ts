import { describe, expect, it } from 'vitest';
import {
  claimTimeline,
  FORMER_MEMBER,
  type TimelineAuditEvent,
  type TimelineEntry,
  type TimelineLookups,
} from './history';

// The history of the claim "A ransom of €10M was paid" in a briefing on the 2020 Sahel hostage
// exchange. Times are hours after 8 October 2020, 09:00 UTC.
const at = (hour: number) => new Date(Date.UTC(2020, 9, 8, 9 + hour));

const LOOKUPS: TimelineLookups = {
  typeNames: new Map([
    ['t-ransom', 'Ransom'],
    ['t-release', 'Prisoner release'],
  ]),
  sourceNames: new Map([
    ['s-rfi', 'RFI'],
    ['s-lepoint', 'Le Point'],
  ]),
  documentTitles: new Map([['d-essay', 'Mali: the 2020 exchange']]),
};

let nextId = 1;
function ev(action: string, details: Record<string, unknown> | null, actorName: string | null = 'Ana Costa') {
  const id = nextId++;
  return { id, at: at(id), actorName, action, details } satisfies TimelineAuditEvent;
}

type Expected = Pick<TimelineEntry, 'who' | 'summary' | 'changes' | 'note'>;
const change = (field: string, from: string | null, to: string | null) => ({ field, from, to });

describe('claimTimeline, one event at a time', () => {
  it.each<[string, TimelineAuditEvent, Partial<Expected>]>([
    [
      'claim.create',
      ev('claim.create', {
        statement: 'A ransom of €10M was paid',
        documentId: 'd-essay',
        quote: '10 million euros',
      }),
      {
        who: 'Ana Costa',
        summary: 'created the claim in “Mali: the 2020 exchange”',
        changes: [change('statement', null, 'A ransom of €10M was paid')],
        note: '10 million euros',
      },
    ],
    [
      'claim.create in a document the lookups do not know',
      ev('claim.create', { statement: 'A ransom was paid', documentId: 'd-gone', quote: 'ransom' }),
      { summary: 'created the claim', note: 'ransom' },
    ],
    [
      'claim.update: statement, type, kind and tags',
      ev('claim.update', {
        before: { statement: 'A ransom was paid', typeId: 't-release', kind: 'reported', tags: ['mali'] },
        after: {
          statement: 'A ransom of €10M was paid',
          typeId: 't-ransom',
          kind: 'judgment',
          tags: ['mali', 'ransom'],
        },
      }),
      {
        summary: 'edited the claim',
        changes: [
          change('statement', 'A ransom was paid', 'A ransom of €10M was paid'),
          change('type', 'Prisoner release', 'Ransom'),
          change('kind', 'reported information', 'analytic judgment'),
          change('tags', 'mali', 'mali, ransom'),
        ],
      },
    ],
    [
      'claim.update: only what changed; tags in another order are the same tags',
      ev('claim.update', {
        before: { statement: 'Same', typeId: 't-ransom', kind: 'assumption', tags: ['ransom', 'mali'] },
        after: { statement: 'Same', typeId: 't-ransom', kind: 'reported', tags: ['mali', 'ransom'] },
      }),
      { changes: [change('kind', 'assumption', 'reported information')] },
    ],
    [
      'claim.update: topic and quantity, set and cleared',
      ev('claim.update', {
        before: {
          statement: 'S',
          typeId: 't-ransom',
          kind: 'reported',
          tags: [],
          topic: null,
          quantity: '10,000,000 EUR',
        },
        after: {
          statement: 'S',
          typeId: 't-ransom',
          kind: 'reported',
          tags: ['ransom'],
          topic: 'How much ransom was paid?',
          quantity: null,
        },
      }),
      {
        changes: [
          change('tags', null, 'ransom'),
          change('topic', null, 'How much ransom was paid?'),
          change('quantity', '10,000,000 EUR', null),
        ],
      },
    ],
    [
      'claim.update: a deleted type',
      ev('claim.update', { before: { typeId: 't-gone' }, after: { typeId: 't-ransom' } }),
      { changes: [change('type', 'a deleted type', 'Ransom')] },
    ],
    [
      'claim.update: a field only one side records is left out',
      ev('claim.update', { before: { statement: 'S' }, after: { statement: 'S', topic: 'How much?' } }),
      { summary: 'saved the claim without changes', changes: [] },
    ],
    [
      'claim.add_appearance',
      ev('claim.add_appearance', { documentId: 'd-essay', quote: '€10 million' }),
      { summary: 'added a passage in “Mali: the 2020 exchange”', changes: [], note: '€10 million' },
    ],
    [
      'claim.remove_appearance',
      ev('claim.remove_appearance', { anchorId: 'a-2', quote: 'ten million' }),
      { summary: 'removed a passage', note: 'ten million' },
    ],
    [
      'anchor.reattach of a lost passage',
      ev('anchor.reattach', {
        anchorId: 'a-1',
        from: '10 million euros',
        to: '€10 million',
        previousStatus: 'orphaned',
      }),
      {
        summary: 're-attached a lost passage',
        changes: [change('passage', '10 million euros', '€10 million')],
      },
    ],
    [
      'anchor.reattach of a passage that moved, same words',
      ev('anchor.reattach', { anchorId: 'a-1', from: '206', to: '206', previousStatus: 'fuzzy' }),
      { summary: 're-attached a passage that had moved', changes: [] },
    ],
    ['claim.trash', ev('claim.trash', { statement: 'S' }), { summary: 'moved the claim to the trash' }],
    [
      'claim.restore',
      ev('claim.restore', { statement: 'S' }),
      { summary: 'restored the claim from the trash' },
    ],
    [
      'assessment.create',
      ev(
        'assessment.create',
        { before: null, after: { likelihood: 'likely', confidence: 'moderate' } },
        'Li',
      ),
      {
        who: 'Li',
        summary: 'recorded an assessment',
        changes: [change('likelihood', null, 'likely (55–80%)'), change('confidence', null, 'moderate')],
      },
    ],
    [
      'assessment.update, likelihood only',
      ev('assessment.update', {
        before: { likelihood: 'likely', confidence: 'moderate' },
        after: { likelihood: 'very_unlikely', confidence: 'moderate' },
      }),
      {
        summary: 'revised their assessment',
        changes: [change('likelihood', 'likely (55–80%)', 'very unlikely (5–20%)')],
      },
    ],
    [
      'evidence.create',
      ev('evidence.create', { claimId: 'c-1', sourceId: 's-rfi', stance: 'contradicts', credibility: 3 }),
      {
        summary: 'added evidence from RFI',
        changes: [change('stance', null, 'contradicts'), change('credibility', null, 'Possibly true (3)')],
      },
    ],
    [
      'evidence.create from a source the lookups do not know',
      ev('evidence.create', { claimId: 'c-1', sourceId: 's-new', stance: 'supports', credibility: 2 }),
      { summary: 'added evidence' },
    ],
    [
      'evidence.update',
      ev('evidence.update', {
        before: { stance: 'supports', credibility: 2 },
        after: { stance: 'qualifies', credibility: 2 },
      }),
      { summary: 'edited evidence', changes: [change('stance', 'supports', 'qualifies')] },
    ],
    ['evidence.trash', ev('evidence.trash', { claimId: 'c-1' }), { summary: 'moved evidence to the trash' }],
    [
      'evidence.restore, with a known source',
      ev('evidence.restore', { claimId: 'c-1', sourceId: 's-lepoint' }),
      { summary: 'restored evidence from Le Point from the trash' },
    ],
    [
      'claim.submit_review',
      ev('claim.submit_review', { from: 'draft', to: 'in_review' }),
      { summary: 'submitted the claim for review', changes: [change('status', 'draft', 'in review')] },
    ],
    [
      'claim.adjudicate: accepted, with a rationale',
      ev(
        'claim.adjudicate',
        { from: 'in_review', to: 'accepted', rationale: 'Two independent outlets give €10M.' },
        'Amadou Diallo',
      ),
      {
        who: 'Amadou Diallo',
        summary: 'accepted the claim',
        changes: [change('status', 'in review', 'accepted')],
        note: 'Two independent outlets give €10M.',
      },
    ],
    [
      'claim.adjudicate: rejected, preferring a claim of the topic',
      ev('claim.adjudicate', {
        from: 'disputed',
        to: 'rejected',
        rationale: 'RFI’s €2.5M is better sourced.',
        preferredClaimId: 'c-2',
      }),
      {
        summary: 'rejected the claim and chose the preferred claim of its topic',
        changes: [change('status', 'disputed', 'rejected')],
        note: 'RFI’s €2.5M is better sourced.',
      },
    ],
    [
      'claim.adjudicate: accepted, with the team’s judgment',
      ev('claim.adjudicate', {
        from: 'in_review',
        to: 'accepted',
        rationale: 'Two independent outlets give €10M.',
        likelihood: 'likely',
        confidence: 'moderate',
      }),
      {
        summary: 'accepted the claim',
        changes: [
          change('status', 'in review', 'accepted'),
          change('team’s likelihood', null, 'likely (55–80%)'),
          change('team’s confidence', null, 'moderate'),
        ],
        note: 'Two independent outlets give €10M.',
      },
    ],
    [
      'anchor.accept_match',
      ev('anchor.accept_match', {
        anchorId: 'a-1',
        documentId: 'd-essay',
        from: 'paid ten million euros',
        to: 'paid nearly ten million euros',
      }),
      {
        summary: 'accepted a close match in “Mali: the 2020 exchange”',
        changes: [change('passage', 'paid ten million euros', 'paid nearly ten million euros')],
      },
    ],
    [
      'anchor.detach',
      ev('anchor.detach', { anchorId: 'a-1', documentId: 'd-essay', quote: 'paid ten million euros' }),
      {
        summary: 'detached a passage from the text in “Mali: the 2020 exchange”',
        changes: [],
        note: 'paid ten million euros',
      },
    ],
    [
      'claim.adjudicate: kept disputed',
      ev('claim.adjudicate', { from: 'disputed', to: 'disputed', rationale: 'Wait for the Le Monde piece.' }),
      { summary: 'found the claim disputed', changes: [], note: 'Wait for the Le Monde piece.' },
    ],
    [
      'claim.alternative',
      ev('claim.alternative', { preferredClaimId: 'c-2', preferredStatement: 'A ransom of €2.5M was paid' }),
      { summary: 'marked the claim as an alternative to “A ransom of €2.5M was paid”', changes: [] },
    ],
    [
      'claim.alternative to a long statement',
      ev('claim.alternative', {
        preferredClaimId: 'c-2',
        preferredStatement:
          'A ransom of about €2.5M was paid through intermediaries in Kidal, according to RFI and two regional officials',
      }),
      {
        summary:
          'marked the claim as an alternative to “A ransom of about €2.5M was paid through intermediaries in Kidal, according to…”',
      },
    ],
    [
      'claim.assign: first reviewer',
      ev('claim.assign', { reviewerName: 'Amadou Diallo', previousReviewerName: null }),
      { summary: 'assigned a reviewer', changes: [change('reviewer', null, 'Amadou Diallo')] },
    ],
    [
      'claim.assign: another reviewer',
      ev('claim.assign', { reviewerName: 'Li', previousReviewerName: 'Amadou Diallo' }),
      { summary: 'changed the reviewer', changes: [change('reviewer', 'Amadou Diallo', 'Li')] },
    ],
    [
      'claim.assign: nobody',
      ev('claim.assign', { reviewerName: null, previousReviewerName: 'Li' }),
      { summary: 'removed the reviewer', changes: [change('reviewer', 'Li', null)] },
    ],
    [
      'claim.dispute',
      ev('claim.dispute', { reason: 'Le Point cites one anonymous source.' }),
      { summary: 'disputed the claim', note: 'Le Point cites one anonymous source.' },
    ],
    [
      'comment.create',
      ev('comment.create', { commentId: 'm-1', excerpt: '@Li can you check the €10M figure?' }),
      { summary: 'commented', changes: [], note: '@Li can you check the €10M figure?' },
    ],
    [
      'comment.update',
      ev('comment.update', { commentId: 'm-1', excerpt: 'x' }),
      { summary: 'edited a comment' },
    ],
    [
      'comment.delete',
      ev('comment.delete', { commentId: 'm-1', excerpt: 'x' }),
      { summary: 'deleted a comment' },
    ],
    [
      'comment.resolve',
      ev('comment.resolve', { commentId: 'm-1', excerpt: 'x' }),
      { summary: 'resolved a comment' },
    ],
    [
      'comment.reopen',
      ev('comment.reopen', { commentId: 'm-1', excerpt: 'x' }),
      { summary: 'reopened a comment' },
    ],
    [
      'an unknown action',
      ev('claim.pin_to_board', { board: 'b-1' }),
      { summary: 'made a change (claim pin to board)', changes: [], note: null },
    ],
    ['an action with no name', ev('', null), { summary: 'made a change' }],
    ['a former member', ev('claim.trash', null, null), { who: FORMER_MEMBER }],
    ['a blank actor name', ev('claim.trash', null, '  '), { who: FORMER_MEMBER }],
    // Malformed details never throw.
    [
      'claim.update without details',
      ev('claim.update', null),
      { summary: 'saved the claim without changes', changes: [] },
    ],
    [
      'claim.update with odd values',
      ev('claim.update', { before: 'nope', after: { statement: 42, tags: 'a, b', kind: 'hunch' } }),
      { changes: [] },
    ],
    [
      'assessment.create with an unknown likelihood',
      ev('assessment.create', { after: { likelihood: 'fifty_fifty', confidence: 7 } }),
      { changes: [change('likelihood', null, 'fifty fifty'), change('confidence', null, '7')] },
    ],
    [
      'claim.update creating tags from nothing with odd entries',
      ev('claim.update', { before: { tags: [] }, after: { tags: ['ransom', 3, '', null, 'mali'] } }),
      { changes: [change('tags', null, 'ransom, mali')] },
    ],
    [
      'claim.adjudicate with an unknown status',
      ev('claim.adjudicate', { from: 'in_review', to: 'on_hold', rationale: '  ' }),
      { summary: 'adjudicated the claim', changes: [change('status', 'in review', 'on hold')], note: null },
    ],
    [
      'claim.alternative without details',
      ev('claim.alternative', null),
      { summary: 'marked the claim as an alternative to another claim' },
    ],
    ['claim.dispute with a non-text reason', ev('claim.dispute', { reason: { x: 1 } }), { note: null }],
  ])('%s', (_label, event, expected) => {
    const [entry] = claimTimeline([event], LOOKUPS);
    expect(entry).toMatchObject({ id: event.id, at: event.at, action: event.action, ...expected });
  });
});

describe('claimTimeline, a whole history', () => {
  const events: TimelineAuditEvent[] = [
    {
      id: 10,
      at: at(0),
      actorName: 'Ana Costa',
      action: 'claim.create',
      details: { statement: 'A ransom was paid' },
    },
    { id: 12, at: at(2), actorName: 'Li', action: 'comment.create', details: { excerpt: 'Source?' } },
    {
      id: 11,
      at: at(1),
      actorName: 'Ana Costa',
      action: 'claim.submit_review',
      details: { from: 'draft', to: 'in_review' },
    },
    // Two events in the same second: the later id is newer.
    { id: 14, at: at(3), actorName: null, action: 'claim.dispute', details: { reason: 'One source only.' } },
    {
      id: 13,
      at: at(3),
      actorName: 'Li',
      action: 'claim.assign',
      details: { reviewerName: 'Li', previousReviewerName: null },
    },
  ];

  it('is newest first, by time then by id', () => {
    expect(claimTimeline(events, LOOKUPS).map((e) => e.id)).toEqual([14, 13, 12, 11, 10]);
  });

  it('reads as plain sentences', () => {
    expect(claimTimeline(events, LOOKUPS).map((e) => `${e.who} ${e.summary}`)).toEqual([
      'a former member disputed the claim',
      'Li assigned a reviewer',
      'Li commented',
      'Ana Costa submitted the claim for review',
      'Ana Costa created the claim',
    ]);
  });

  it('does not reorder the caller’s array, and works without optional lookups', () => {
    const copy = [...events];
    claimTimeline(events, { typeNames: new Map() });
    expect(events).toEqual(copy);
    expect(claimTimeline([], LOOKUPS)).toEqual([]);
  });

  it('puts an event with an invalid date last', () => {
    const odd = { id: 99, at: new Date('not a date'), actorName: 'Li', action: 'claim.trash', details: null };
    expect(claimTimeline([odd, ...events], LOOKUPS).map((e) => e.id)).toEqual([14, 13, 12, 11, 10, 99]);
  });
});

describe('claimTimeline, documents and sources in the trash', () => {
  const hidden: TimelineLookups = {
    ...LOOKUPS,
    hiddenDocuments: new Map([
      ['d-dispatch', 'a document in the trash'],
      ['d-purged', 'a deleted document'],
    ]),
    hiddenSources: new Map([['s-radio', 'a source in the trash']]),
    anchorDocuments: new Map([
      ['a-dispatch', 'd-dispatch'],
      ['a-essay', 'd-essay'],
    ]),
  };
  it.each<[string, TimelineAuditEvent, Partial<Expected>]>([
    [
      'claim.create in a trashed document: no title, no quote',
      ev('claim.create', {
        statement: 'A second sum was paid',
        documentId: 'd-dispatch',
        quote: 'courier at Gao',
      }),
      { summary: 'created the claim in a document in the trash', note: null },
    ],
    [
      'claim.add_appearance in a purged document',
      ev('claim.add_appearance', { documentId: 'd-purged', quote: 'second payment' }),
      { summary: 'added a passage in a deleted document', note: null },
    ],
    [
      'claim.remove_appearance in a trashed document',
      ev('claim.remove_appearance', { anchorId: 'a-x', documentId: 'd-dispatch', quote: 'courier' }),
      { summary: 'removed a passage in a document in the trash', note: null },
    ],
    [
      'anchor.reattach of a passage whose document is in the trash (found by the anchor)',
      ev('anchor.reattach', {
        anchorId: 'a-dispatch',
        from: 'courier',
        to: 'a courier',
        previousStatus: 'fuzzy',
      }),
      { summary: 're-attached a passage that had moved', changes: [] },
    ],
    [
      'anchor.reattach in a live document still shows the passage',
      ev('anchor.reattach', {
        anchorId: 'a-essay',
        from: '10 million',
        to: '€10 million',
        previousStatus: 'fuzzy',
      }),
      { changes: [change('passage', '10 million', '€10 million')] },
    ],
    [
      'evidence from a trashed source',
      ev('evidence.create', { sourceId: 's-radio', stance: 'contradicts', credibility: '4' }),
      {
        summary: 'added evidence from a source in the trash',
        changes: [change('stance', null, 'contradicts'), change('credibility', null, 'Doubtful (4)')],
      },
    ],
    [
      'evidence moved to the trash with its source',
      ev('evidence.trash', { sourceId: 's-radio' }),
      { summary: 'moved evidence from a source in the trash to the trash' },
    ],
  ])('%s', (_name, event, expected) => {
    const [entry] = claimTimeline([event], hidden);
    expect(entry).toMatchObject(expected);
    expect(JSON.stringify(entry)).not.toMatch(/courier|Gao|second payment/);
  });
});
