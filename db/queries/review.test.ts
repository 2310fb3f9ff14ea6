/**
 * Team review, end to end in the data layer against a fresh in-memory database: the contested
 * state every write keeps, the review queue, disputes, adjudication (with a preferred claim),
 * blind assessments, discussion, notifications, a claim's history, inter-analyst agreement and
 * the live events the writes publish after they commit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assessmentFieldsSchema,
  claimFieldsSchema,
  evidenceFieldsSchema,
  sourceFieldsSchema,
} from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import type { Role } from '@/lib/permissions';
import type { Confidence, Likelihood, Stance } from '@/lib/scales';
import type { AdjudicationOutcome } from '@/lib/vocabulary';
import type { SqliteStore } from '../engines/sqlite';
import { subscribe, type LiveEvent } from '../events';
import { freshSqliteStore, makeUser, makeWorkspace } from '../testing';
import { holdOutboxReader } from './outbox';
import type { Actor } from './access';
import { saveMyAssessment } from './assessments';
import { getClaimDetail, getClaimRecord } from './claim-views';
import { listClaimTypes } from './claim-types';
import { createClaim, trashClaim, updateClaim } from './claims';
import { addComment, deleteComment, editComment, listComments, setCommentResolved } from './comments';
import { importDocument } from './documents';
import { addEvidence, restoreEvidence, trashEvidence, updateEvidence } from './evidence';
import { acceptInvite, createInvite } from './invites';
import { listNotifications, markNotificationsRead, unreadNotificationCount } from './notifications';
import {
  adjudicateClaim,
  assignReviewer,
  disputeClaim,
  setBlindAssessments,
  submitForReview,
} from './review';
import { getReviewQueue, reviewQueueCount } from './review-queue';
import { getAgreement, getClaimHistory } from './review-views';
import { listWorkspaceAuditEvents } from './audit-log';

// Our own briefing (not quoted from any outlet).
const BRIEFING = [
  'Sahel desk briefing: the hostage exchange of October 2020.',
  'Authorities in Bamako freed 206 prisoners in the days before four hostages were handed over near the border.',
  'A regional daily put the ransom at 2.5 million euros, while a European weekly cited 10 million euros paid through intermediaries.',
  'Two diplomats allege that one negotiator was linked to a foreign state; that government denies any role.',
].join('\n\n');

const RANSOM = 'How much ransom was paid?';

let store: SqliteStore;
let owner: Actor; // Awa Traoré
let ws: string;
let typeId: string;
let doc: { id: string; revisionId: string; text: string };
let events: LiveEvent[];
let stopListening: () => void = () => {};

async function member(role: Role, name: string, workspaceId = ws, by = owner): Promise<Actor> {
  const user = await makeUser(store, { name });
  const invite = await createInvite(store, { actor: by, workspaceId, role, expiresInDays: 1 });
  await acceptInvite(store, { actor: user, token: invite.token });
  return user;
}

function passageOf(quote: string) {
  const start = doc.text.indexOf(quote);
  if (start < 0) throw new Error(`Not in the briefing: ${quote}`);
  return { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length };
}

interface ClaimInput {
  statement?: string;
  quote?: string;
  amount?: string;
  unit?: string;
  topic?: string;
}

const fieldsOf = ({ statement, amount, unit, topic }: ClaimInput) =>
  claimFieldsSchema.parse({
    statement: statement ?? 'Bamako freed 206 prisoners',
    typeId,
    kind: 'reported',
    amount,
    unit,
    topicQuestion: topic,
  });

async function claim(actor: Actor, input: ClaimInput = {}): Promise<string> {
  const { claimId } = await createClaim(store, {
    actor,
    passage: passageOf(input.quote ?? '206 prisoners'),
    fields: fieldsOf(input),
  });
  return claimId;
}

/** A ransom claim under the ransom topic. */
const ransom = (actor: Actor, statement: string, amount: string, unit = 'EUR', topic = RANSOM) =>
  claim(actor, { statement, amount, unit, topic, quote: 'ransom' });

async function assess(
  actor: Actor,
  claimId: string,
  likelihood: Likelihood,
  confidence: Confidence = 'moderate',
) {
  const mine = (await getClaimDetail(store, { actor, claimId })).assessments.find((a) => a.mine);
  return saveMyAssessment(store, {
    actor,
    claimId,
    fields: assessmentFieldsSchema.parse({ likelihood, confidence, rationale: 'Weighed the two outlets.' }),
    expectedVersion: mine?.version ?? null,
  });
}

let sourceCount = 0;
async function evidence(actor: Actor, claimId: string, stance: Stance, name?: string) {
  return addEvidence(store, {
    actor,
    claimId,
    source: {
      create: sourceFieldsSchema.parse({
        name: name ?? `Outlet ${++sourceCount}`,
        kind: 'outlet',
        reliability: 'B',
      }),
    },
    fields: evidenceFieldsSchema.parse({ stance, credibility: '3' }),
  });
}

/** The reasons as the owner reads them on the claim page. */
const reasonsOf = async (claimId: string, actor = owner) =>
  (await getClaimDetail(store, { actor, claimId })).review.reasons;
const kindsOf = async (claimId: string, actor = owner) =>
  (await reasonsOf(claimId, actor)).map((r) => r.kind);

/** The claim's entry in the review queue, or undefined when it is not in the queue. */
/** The REST API's record of a claim is its detail, with the reasons alone of the review's parts. */
async function expectRecordOfDetail(actor: Actor, claimId: string) {
  const { review, ...detail } = await getClaimDetail(store, { actor, claimId });
  expect(await getClaimRecord(store, { actor, claimId })).toEqual({
    ...detail,
    review: { reasons: review.reasons },
  });
}

const inQueue = async (claimId: string, actor = owner) =>
  (await getReviewQueue(store, { actor, workspaceId: ws })).items.find((i) => i.id === claimId);

/** Facts are compared with the adjudication time in milliseconds: let the clock move on. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Settles a promise into its error code, or 'ok'. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

/**
 * A reviewer's decision on the claim as it stands now (its review version and, with a preferred
 * claim, its topic's), as the decision form sends it; `stale` sends an older review version.
 */
async function decisionFor(
  claimId: string,
  outcome: AdjudicationOutcome,
  preferredClaimId: string | null = null,
  rationale = 'The regional daily named two independent sources; the weekly relied on one intermediary.',
  {
    stale = false,
    judgment,
  }: { stale?: boolean; judgment?: { likelihood: Likelihood; confidence: Confidence } } = {},
) {
  const { review } = await getClaimDetail(store, { actor: owner, claimId });
  return {
    outcome,
    rationale,
    preferredClaimId,
    ...judgment,
    version: review.reviewVersion - (stale ? 1 : 0),
    topicVersions: Object.fromEntries(review.topicClaims.map((c) => [c.id, c.reviewVersion])),
  };
}

beforeEach(async () => {
  store = await freshSqliteStore();
  owner = await makeUser(store, { name: 'Awa Traoré' });
  ws = await makeWorkspace(store, owner);
  typeId = (await listClaimTypes(store, { actor: owner, workspaceId: ws }))[0]!.id;
  const converted = await convertToDocument('text', BRIEFING);
  const imported = await importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title: 'Sahel desk briefing' }),
    format: 'text',
    converted,
  });
  doc = { id: imported.id, revisionId: imported.currentRevisionId, text: converted.text };
  events = [];
  // This process's outbox reader hands the committed events to the hub.
  const releaseOutbox = await holdOutboxReader(store);
  const unsubscribe = subscribe(ws, (e) => events.push(e));
  stopListening = () => {
    unsubscribe();
    releaseOutbox();
  };
});

afterEach(() => stopListening());

describe('analysts disagree', () => {
  const cases: {
    name: string;
    a: [Likelihood, Confidence];
    b: [Likelihood, Confidence];
    contested: boolean;
    on?: string;
  }[] = [
    {
      name: 'likely vs unlikely (two bands apart)',
      a: ['likely', 'moderate'],
      b: ['unlikely', 'moderate'],
      contested: true,
      on: 'likelihood (two or more bands apart)',
    },
    {
      name: 'likely vs roughly even chance (one band apart)',
      a: ['likely', 'moderate'],
      b: ['roughly_even_chance', 'moderate'],
      contested: false,
    },
    {
      name: 'same likelihood, low vs high confidence',
      a: ['likely', 'low'],
      b: ['likely', 'high'],
      contested: true,
      on: 'confidence (low and high)',
    },
    {
      name: 'one band apart, low vs moderate confidence',
      a: ['very_likely', 'low'],
      b: ['likely', 'moderate'],
      contested: false,
    },
  ];

  it.each(cases)('$name → contested: $contested', async ({ a, b, contested, on }) => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const id = await claim(ana);
    await assess(ana, id, ...a);
    await assess(bakary, id, ...b);
    const reasons = await reasonsOf(id);
    const item = await inQueue(id);
    if (!contested) {
      expect(reasons).toEqual([]);
      expect(item).toBeUndefined();
      expect(await reviewQueueCount(store, { actor: owner, workspaceId: ws })).toBe(0);
      return;
    }
    expect(reasons).toEqual([
      {
        kind: 'analysts_disagree',
        label: 'analysts disagree',
        detail: expect.stringContaining(`Analysts disagree on ${on}`),
      },
    ]);
    expect(reasons[0]!.detail).toContain('Ana Costa rates it');
    expect(reasons[0]!.detail).toContain('Bakary Diallo rates it');
    expect(item?.reasons.map((r) => r.kind)).toEqual(['analysts_disagree']);
    expect(await reviewQueueCount(store, { actor: owner, workspaceId: ws })).toBe(1);
  });

  it('stops when an analyst revises their assessment so that the reason no longer holds', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const id = await claim(ana);
    await assess(ana, id, 'very_likely');
    await assess(bakary, id, 'very_unlikely');
    expect(await kindsOf(id)).toEqual(['analysts_disagree']);
    await assess(bakary, id, 'likely');
    expect(await kindsOf(id)).toEqual([]);
    expect(await inQueue(id)).toBeUndefined();
  });
});

describe('mixed evidence', () => {
  it('holds with supporting and contradicting evidence, and ends when the contradicting piece is trashed', async () => {
    const id = await claim(owner);
    await evidence(owner, id, 'supports');
    await evidence(owner, id, 'qualifies');
    expect(await kindsOf(id)).toEqual([]);
    const { evidenceId } = await evidence(owner, id, 'contradicts');
    expect(await reasonsOf(id)).toEqual([
      {
        kind: 'mixed_evidence',
        label: 'mixed evidence',
        detail: 'Mixed evidence: 1 piece supports it, 1 piece contradicts it.',
      },
    ]);
    expect((await inQueue(id))?.reasons.map((r) => r.kind)).toEqual(['mixed_evidence']);

    await trashEvidence(store, { actor: owner, evidenceId });
    expect(await kindsOf(id)).toEqual([]);
    expect(await inQueue(id)).toBeUndefined();
  });

  it('follows an edit of the stance', async () => {
    const id = await claim(owner);
    await evidence(owner, id, 'supports');
    const { evidenceId } = await evidence(owner, id, 'mentions');
    expect(await kindsOf(id)).toEqual([]);
    await updateEvidence(store, {
      actor: owner,
      evidenceId,
      expectedVersion: 1,
      fields: evidenceFieldsSchema.parse({ stance: 'contradicts', credibility: '4' }),
    });
    expect(await kindsOf(id)).toEqual(['mixed_evidence']);
  });
});

describe('competing values', () => {
  const cases: {
    name: string;
    a: [string, string];
    b: [string, string];
    sameTopic?: boolean;
    contested: boolean;
  }[] = [
    {
      name: '2,500,000 vs 10,000,000 EUR',
      a: ['2,500,000', 'EUR'],
      b: ['10,000,000', 'EUR'],
      contested: true,
    },
    { name: 'units compare case-insensitively', a: ['2.5m', 'EUR'], b: ['10m', 'eur'], contested: true },
    { name: 'overlapping ranges', a: ['2m-6m', 'EUR'], b: ['5m-10m', 'EUR'], contested: false },
    { name: 'touching ranges', a: ['2m-5m', 'EUR'], b: ['5m-10m', 'EUR'], contested: false },
    { name: 'different units', a: ['2.5m', 'EUR'], b: ['10m', 'USD'], contested: false },
    {
      name: 'different topics',
      a: ['2.5m', 'EUR'],
      b: ['10m', 'EUR'],
      sameTopic: false,
      contested: false,
    },
  ];

  it.each(cases)('$name → contested: $contested', async ({ a, b, sameTopic = true, contested }) => {
    const daily = await ransom(owner, 'The daily: €2.5M was paid', ...a);
    const weekly = await ransom(
      owner,
      'The weekly: €10M was paid',
      ...b,
      sameTopic ? RANSOM : 'Who paid the ransom?',
    );
    if (!contested) {
      expect(await kindsOf(daily)).toEqual([]);
      expect(await kindsOf(weekly)).toEqual([]);
      return;
    }
    const [rd, rw] = [await reasonsOf(daily), await reasonsOf(weekly)];
    expect(rd).toEqual([expect.objectContaining({ kind: 'competing_values', claimIds: [weekly] })]);
    expect(rw).toEqual([expect.objectContaining({ kind: 'competing_values', claimIds: [daily] })]);
    expect(rd[0]!.detail).toMatch(
      /^Competing values under “How much ransom was paid\?”: 2,500,000 EUR here, /,
    );
    expect(rd[0]!.detail).toContain('in “The weekly: €10M was paid”');
    const queue = await getReviewQueue(store, {
      actor: owner,
      workspaceId: ws,
      filters: { reason: 'competing_values' },
    });
    expect(queue.items.map((i) => i.id).sort()).toEqual([daily, weekly].sort());
    expect(queue.facets.topics).toEqual([{ id: expect.any(String), name: RANSOM }]);
  });

  it('ends for both claims when one quantity is edited to agree (the sibling is refreshed in the same write)', async () => {
    const daily = await ransom(owner, 'The daily: €2.5M was paid', '2.5m');
    const weekly = await ransom(owner, 'The weekly: €10M was paid', '10m');
    expect(await kindsOf(daily)).toEqual(['competing_values']);
    events.length = 0;
    await updateClaim(store, {
      actor: owner,
      claimId: weekly,
      expectedVersion: 1,
      fields: fieldsOf({
        statement: 'The weekly: €2-3M was paid',
        amount: '2m-3m',
        unit: 'EUR',
        topic: RANSOM,
      }),
    });
    expect(await kindsOf(weekly)).toEqual([]);
    expect(await kindsOf(daily)).toEqual([]);
    const claimEvents = events.filter((e) => e.type === 'claims');
    expect(claimEvents).toHaveLength(1);
    expect(claimEvents[0]).toMatchObject({ claimIds: expect.arrayContaining([weekly, daily]) });
  });

  it('ends for the former siblings when a claim moves to another topic, and when a claim is trashed', async () => {
    const daily = await ransom(owner, 'The daily: €2.5M was paid', '2.5m');
    const weekly = await ransom(owner, 'The weekly: €10M was paid', '10m');
    const third = await ransom(owner, 'A wire: €9M was paid', '9m');
    expect((await reasonsOf(daily))[0]!.claimIds?.sort()).toEqual([weekly, third].sort());
    await updateClaim(store, {
      actor: owner,
      claimId: weekly,
      expectedVersion: 1,
      fields: fieldsOf({
        statement: 'The weekly: €10M was paid',
        amount: '10m',
        unit: 'EUR',
        topic: 'Who paid?',
      }),
    });
    expect(await kindsOf(weekly)).toEqual([]);
    expect((await reasonsOf(daily))[0]!.claimIds).toEqual([third]);
    await trashClaim(store, { actor: owner, claimId: third });
    expect(await kindsOf(daily)).toEqual([]);
    expect(await reviewQueueCount(store, { actor: owner, workspaceId: ws })).toBe(0);
  });
});

describe('disputes', () => {
  it('a member disputes with a reason; a viewer cannot; an outsider is told the claim does not exist', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const vera = await member('viewer', 'Vera Lind');
    const id = await claim(ana);
    await disputeClaim(store, {
      actor: bakary,
      claimId: id,
      reason: 'The count includes people freed a week earlier',
    });
    const detail = await getClaimDetail(store, { actor: owner, claimId: id });
    expect(detail.review.reasons).toEqual([
      {
        kind: 'disputed',
        label: 'disputed by a member',
        detail: 'Disputed by Bakary Diallo: “The count includes people freed a week earlier”.',
      },
    ]);
    expect(detail.review.disputes).toEqual([
      expect.objectContaining({
        userName: 'Bakary Diallo',
        reason: 'The count includes people freed a week earlier',
      }),
    ]);
    expect((await inQueue(id, vera))?.reasons.map((r) => r.kind)).toEqual(['disputed']);

    await expect(disputeClaim(store, { actor: vera, claimId: id, reason: 'No.' })).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'forbidden:workspace',
    });
    const outsider = await makeUser(store, { name: 'Olu Outsider' });
    await makeWorkspace(store, outsider, 'Elsewhere');
    await expect(disputeClaim(store, { actor: outsider, claimId: id, reason: 'No.' })).rejects.toMatchObject({
      code: 'not_found:claim',
    });
    expect((await getClaimDetail(store, { actor: owner, claimId: id })).review.disputes).toHaveLength(1);
  });
});

describe('adjudication', () => {
  it('records the decision, resolves disputes and takes the claim out of the queue; a new contradicting fact brings it back', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const id = await claim(ana);
    await evidence(ana, id, 'supports');
    await evidence(bakary, id, 'contradicts');
    await disputeClaim(store, { actor: bakary, claimId: id, reason: 'Two counts disagree.' });
    expect(await submitForReview(store, { actor: ana, claimId: id })).toEqual({
      status: 'in_review',
      version: 2,
    });
    await expect(submitForReview(store, { actor: ana, claimId: id })).rejects.toMatchObject({
      code: 'conflict:claim',
    });
    expect((await inQueue(id))?.reasons.map((r) => r.kind)).toEqual(['mixed_evidence', 'disputed']);
    expect(
      (
        await getReviewQueue(store, { actor: owner, workspaceId: ws, filters: { reason: 'in_review' } })
      ).items.map((i) => i.id),
    ).toEqual([id]);

    const rationale = 'The ministry list of 206 names settles it; the lower figure predates the release.';
    expect(
      await adjudicateClaim(store, {
        actor: rafael,
        claimId: id,
        input: await decisionFor(id, 'accepted', null, rationale),
      }),
    ).toEqual({ status: 'accepted', version: 3, alternatives: 0 });

    const detail = await getClaimDetail(store, { actor: ana, claimId: id });
    expect(detail).toMatchObject({ status: 'accepted', version: 3 });
    expect(detail.review).toMatchObject({
      reasons: [],
      disputes: [],
      alternativeOf: null,
      decision: {
        outcome: 'accepted',
        label: 'Accepted',
        rationale,
        decidedByName: 'Rafael Mendes',
        preferredClaimId: null,
      },
    });
    expect(await inQueue(id)).toBeUndefined();
    expect(await reviewQueueCount(store, { actor: owner, workspaceId: ws })).toBe(0);

    // Facts the reviewer already weighed stay weighed; a qualifying piece revives nothing.
    await tick();
    await evidence(ana, id, 'qualifies');
    expect(await kindsOf(id)).toEqual([]);
    // A new contradicting piece after the decision brings "mixed evidence" back (the resolved
    // dispute stays resolved).
    await evidence(bakary, id, 'contradicts');
    expect(await kindsOf(id)).toEqual(['mixed_evidence']);
    expect((await reasonsOf(id))[0]!.detail).toBe(
      'Mixed evidence: 1 piece supports it, 2 pieces contradict it.',
    );
    expect(await reviewQueueCount(store, { actor: owner, workspaceId: ws })).toBe(1);
    // So does a new dispute.
    await disputeClaim(store, { actor: bakary, claimId: id, reason: 'A third count appeared.' });
    expect(await kindsOf(id)).toEqual(['mixed_evidence', 'disputed']);
  });

  it('refuses a stale version (conflict), editors and viewers (forbidden) and other workspaces (not found)', async () => {
    const ana = await member('editor', 'Ana Costa');
    const vera = await member('viewer', 'Vera Lind');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const id = await claim(ana);
    await submitForReview(store, { actor: ana, claimId: id });
    const stranger = await makeUser(store, { name: 'Sam Stranger' });
    const elsewhere = await makeWorkspace(store, stranger, 'Elsewhere');
    expect(elsewhere).not.toBe(ws);

    const refusals: [string, Actor, boolean, string][] = [
      ['stale version', rafael, true, 'conflict:claim'],
      ['editor', ana, false, 'forbidden:workspace'],
      ['viewer', vera, false, 'forbidden:workspace'],
      ['owner of another workspace', stranger, false, 'not_found:claim'],
    ];
    for (const [who, actor, stale, code] of refusals) {
      const input = await decisionFor(id, 'accepted', null, undefined, { stale });
      const refused = adjudicateClaim(store, { actor, claimId: id, input });
      await expect(refused, who).rejects.toMatchObject({ code, kind: code.split(':')[0] });
    }
    const current = (await getClaimDetail(store, { actor: owner, claimId: id })).review.reviewVersion;
    await expect(
      adjudicateClaim(store, {
        actor: rafael,
        claimId: id,
        input: await decisionFor(id, 'rejected', null, undefined, { stale: true }),
      }),
    ).rejects.toMatchObject({ current: { version: current, status: 'in_review' } });
    expect((await getClaimDetail(store, { actor: owner, claimId: id })).review.decision).toBeNull();
    // The owner may adjudicate as well.
    await adjudicateClaim(store, { actor: owner, claimId: id, input: await decisionFor(id, 'rejected') });
    expect((await getClaimDetail(store, { actor: owner, claimId: id })).status).toBe('rejected');
  });

  it('prefers one claim of a topic: it is accepted, the others with a quantity become its alternatives', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const weekly = await ransom(ana, 'The weekly: €10M was paid', '10m');
    const daily = await ransom(bakary, 'The daily: €2.5M was paid', '2.5m');
    const wire = await ransom(owner, 'A wire: €6M was paid', '6m');
    const vague = await claim(owner, { statement: 'Some ransom was paid', topic: RANSOM, quote: 'ransom' });
    const other = await ransom(
      owner,
      'A blog: €1M went to the negotiator',
      '1m',
      'EUR',
      'Who paid the negotiator?',
    );
    for (const id of [weekly, daily, wire]) expect(await kindsOf(id)).toEqual(['competing_values']);
    expect(
      (await getClaimDetail(store, { actor: rafael, claimId: weekly })).review.topicClaims.map((c) => c.id),
    ).toEqual([weekly, daily, wire]);
    await expectRecordOfDetail(rafael, weekly);

    // The preferred claim must be a live claim of the same topic.
    await expect(
      adjudicateClaim(store, {
        actor: rafael,
        claimId: weekly,
        input: await decisionFor(weekly, 'rejected', other),
      }),
    ).rejects.toMatchObject({ code: 'invalid:claim', field: 'preferredClaimId' });
    await expect(
      adjudicateClaim(store, {
        actor: rafael,
        claimId: weekly,
        input: await decisionFor(weekly, 'rejected', 'no-such-claim'),
      }),
    ).rejects.toMatchObject({ code: 'invalid:claim', field: 'preferredClaimId' });

    const result = await adjudicateClaim(store, {
      actor: rafael,
      claimId: weekly,
      input: await decisionFor(weekly, 'rejected', daily),
    });
    expect(result).toMatchObject({ status: 'rejected', alternatives: 2 });

    const detailOf = (claimId: string) => getClaimDetail(store, { actor: owner, claimId });
    const [dWeekly, dDaily, dWire, dVague] = await Promise.all([
      detailOf(weekly),
      detailOf(daily),
      detailOf(wire),
      detailOf(vague),
    ]);
    expect(dDaily.status).toBe('accepted');
    expect(dDaily.review.decision).toMatchObject({ outcome: 'accepted', preferredClaimId: daily });
    expect(dDaily.review.alternativeOf).toBeNull();
    expect(dWeekly.review.alternativeOf).toEqual({ id: daily, statement: 'The daily: €2.5M was paid' });
    expect(dWeekly.review.decision).toMatchObject({ preferredClaimId: daily });
    expect(dWire.review.alternativeOf).toEqual({ id: daily, statement: 'The daily: €2.5M was paid' });
    expect(dWire.review.decision).toMatchObject({ outcome: 'alternative', label: 'Alternative' });
    expect(dVague.review.alternativeOf).toBeNull();
    for (const d of [dWeekly, dDaily, dWire, dVague]) expect(d.review.reasons).toEqual([]);
    // Nothing was deleted: the topic still lists its three claims with a quantity.
    expect(dDaily.review.topicClaims.map((c) => c.id)).toEqual([weekly, daily, wire]);
    expect(await reviewQueueCount(store, { actor: owner, workspaceId: ws })).toBe(0);

    // A new competing claim competes with the preferred one only.
    await tick();
    const blog = await ransom(owner, 'A blog: €20M was paid', '20m');
    expect((await reasonsOf(blog))[0]).toMatchObject({ kind: 'competing_values', claimIds: [daily] });
    expect((await reasonsOf(daily))[0]).toMatchObject({ kind: 'competing_values', claimIds: [blog] });
    expect(await kindsOf(weekly)).toEqual([]);
    expect(await kindsOf(wire)).toEqual([]);
  });
});

describe('adjudication: agreeing claims, the reviewer’s stake, and a decision made history by an edit', () => {
  it('leaves a claim with the same value as the preferred one as it is: it agrees, it is no alternative', async () => {
    const ana = await member('editor', 'Ana Costa');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const weekly = await ransom(ana, 'The weekly: €10M was paid', '10m');
    const daily = await ransom(ana, 'The daily: €2.5M was paid', '2.5m');
    const wire = await ransom(owner, 'A wire: €2.5M changed hands', '2.5m');
    const range = await ransom(owner, 'A source: between €2M and €3M', '2m-3m');
    const result = await adjudicateClaim(store, {
      actor: rafael,
      claimId: daily,
      input: await decisionFor(daily, 'accepted', daily),
    });
    expect(result).toMatchObject({ status: 'accepted', alternatives: 1 });
    const detailOf = (claimId: string) => getClaimDetail(store, { actor: owner, claimId });
    expect((await detailOf(weekly)).review.alternativeOf).toMatchObject({ id: daily });
    for (const agreeing of [wire, range]) {
      const d = await detailOf(agreeing);
      expect(d.review.alternativeOf).toBeNull();
      expect(d.review.decision).toBeNull();
    }
  });

  it('says in the decision and the history that the reviewer wrote or disputed the claim, and warns them first', async () => {
    const rafael = await member('reviewer', 'Rafael Mendes');
    const bakary = await member('editor', 'Bakary Diallo');
    const own = await claim(rafael, { statement: 'Rafael’s own reading of the count' });
    const disputed = await claim(bakary, { statement: 'Bakary’s count' });
    await disputeClaim(store, { actor: rafael, claimId: disputed, reason: 'The list has duplicates.' });
    const neutral = await claim(bakary, { statement: 'Another count' });

    const before = await getClaimDetail(store, { actor: rafael, claimId: own });
    expect(before.review.myStake).toEqual(['author']);
    expect((await getClaimDetail(store, { actor: rafael, claimId: disputed })).review.myStake).toEqual([
      'disputant',
    ]);
    expect((await getClaimDetail(store, { actor: rafael, claimId: neutral })).review.myStake).toEqual([]);
    expect((await getClaimDetail(store, { actor: owner, claimId: own })).review.myStake).toEqual([]);

    for (const id of [own, disputed, neutral]) {
      await adjudicateClaim(store, { actor: rafael, claimId: id, input: await decisionFor(id, 'accepted') });
    }
    const decided = async (id: string) => (await getClaimDetail(store, { actor: owner, claimId: id })).review;
    expect((await decided(own)).decision).toMatchObject({ stake: ['author'], current: true });
    expect((await decided(disputed)).decision).toMatchObject({ stake: ['disputant'], current: true });
    expect((await decided(neutral)).decision).toMatchObject({ stake: [], current: true });
    const historyLine = async (id: string) =>
      (await getClaimHistory(store, { actor: owner, claimId: id })).find((e) =>
        e.summary.startsWith('accepted the claim'),
      )?.summary;
    expect(await historyLine(own)).toBe('accepted the claim, though they wrote it');
    expect(await historyLine(disputed)).toBe('accepted the claim, though they had disputed it');
    expect(await historyLine(neutral)).toBe('accepted the claim');
  });

  it('shows a decision the claim was edited after as an earlier one, not as its state', async () => {
    const ana = await member('editor', 'Ana Costa');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const id = await claim(ana, { statement: 'Bamako freed 206 prisoners' });
    await adjudicateClaim(store, { actor: rafael, claimId: id, input: await decisionFor(id, 'accepted') });
    const { version } = await getClaimDetail(store, { actor: ana, claimId: id });
    await updateClaim(store, {
      actor: ana,
      claimId: id,
      expectedVersion: version,
      fields: fieldsOf({ statement: 'Bamako freed 204 prisoners' }),
    });
    const after = await getClaimDetail(store, { actor: ana, claimId: id });
    expect(after.status).toBe('in_review');
    expect(after.review.decision).toMatchObject({ outcome: 'accepted', current: false });
  });
});

describe('the team’s judgment recorded with a decision', () => {
  it('goes with the claim the decision settles, and shows in the decision, the history, the Activity and the exports', async () => {
    const ana = await member('editor', 'Ana Costa');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const weekly = await ransom(ana, 'The weekly: €10M was paid', '10m');
    const daily = await ransom(ana, 'The daily: €2.5M was paid', '2.5m');
    const judgment = { likelihood: 'likely', confidence: 'moderate' } as const;
    // Rejecting the weekly's figure while preferring the daily's: the judgment is of the daily's.
    await adjudicateClaim(store, {
      actor: rafael,
      claimId: weekly,
      input: await decisionFor(weekly, 'rejected', daily, undefined, { judgment }),
    });
    const decisionOf = async (claimId: string, actor = owner) =>
      (await getClaimDetail(store, { actor, claimId })).review.decision;
    expect(await decisionOf(daily)).toMatchObject({
      outcome: 'accepted',
      judgment: 'likely (55–80%) · moderate confidence',
    });
    expect(await decisionOf(weekly)).toMatchObject({ outcome: 'rejected', judgment: null });
    const history = await getClaimHistory(store, { actor: owner, claimId: daily });
    expect(history.find((e) => e.summary.startsWith('accepted the claim'))?.changes).toEqual(
      expect.arrayContaining([
        { field: 'team’s likelihood', from: null, to: 'likely (55–80%)' },
        { field: 'team’s confidence', from: null, to: 'moderate' },
      ]),
    );

    // A decision without one records none.
    const plain = await claim(ana, { statement: 'Bamako freed 206 prisoners' });
    await adjudicateClaim(store, {
      actor: rafael,
      claimId: plain,
      input: await decisionFor(plain, 'accepted'),
    });
    expect(await decisionOf(plain)).toMatchObject({ outcome: 'accepted', judgment: null });
  });

  it('is hidden with the assessments under blind assessments, from the panel, the history and the Activity', async () => {
    const ana = await member('editor', 'Ana Costa');
    const rafael = await member('reviewer', 'Rafael Mendes');
    await setBlindAssessments(store, { actor: owner, workspaceId: ws, blind: true });
    const id = await claim(ana, { statement: 'Bamako freed 206 prisoners' });
    await assess(rafael, id, 'very_likely', 'high');
    await adjudicateClaim(store, {
      actor: rafael,
      claimId: id,
      input: await decisionFor(id, 'accepted', null, undefined, {
        judgment: { likelihood: 'very_likely', confidence: 'high' },
      }),
    });
    // The owner has not assessed the claim: the decision shows, its judgment does not.
    const seen = (await getClaimDetail(store, { actor: owner, claimId: id })).review.decision;
    expect(seen).toMatchObject({ outcome: 'accepted', judgment: null });
    const historyOf = async (actor: Actor) =>
      (await getClaimHistory(store, { actor, claimId: id })).find((e) => e.summary.startsWith('accepted'))!;
    expect(JSON.stringify(await historyOf(owner))).not.toMatch(/likely|high/);
    const activity = (await listWorkspaceAuditEvents(store, { actor: owner, workspaceId: ws })).find(
      (e) => e.action === 'claim.adjudicate',
    )!;
    expect(activity.hidden).toBe(false);
    expect(activity.details).not.toHaveProperty('likelihood');
    expect(activity.details).toMatchObject({ to: 'accepted' });
    // The reviewer who recorded it sees it; so does the owner once their own assessment is in.
    expect((await getClaimDetail(store, { actor: rafael, claimId: id })).review.decision?.judgment).toBe(
      'very likely (80–95%) · high confidence',
    );
    await assess(owner, id, 'likely', 'moderate');
    expect((await getClaimDetail(store, { actor: owner, claimId: id })).review.decision?.judgment).toBe(
      'very likely (80–95%) · high confidence',
    );
    expect((await historyOf(owner)).changes).toContainEqual({
      field: 'team’s likelihood',
      from: null,
      to: 'very likely (80–95%)',
    });
    const after = (await listWorkspaceAuditEvents(store, { actor: owner, workspaceId: ws })).find(
      (e) => e.action === 'claim.adjudicate',
    )!;
    expect(after.details).toMatchObject({ likelihood: 'very_likely', confidence: 'high' });
  });
});

describe('blind assessments', () => {
  it('only owners switch them', async () => {
    for (const role of ['reviewer', 'editor', 'viewer'] as const) {
      const actor = await member(role, `A ${role}`);
      await expect(
        setBlindAssessments(store, { actor, workspaceId: ws, blind: true }),
        role,
      ).rejects.toMatchObject({
        code: 'forbidden:workspace',
      });
    }
    await setBlindAssessments(store, { actor: owner, workspaceId: ws, blind: true });
    expect((await getClaimDetail(store, { actor: owner, claimId: await claim(owner) })).blind).toBe(true);
  });

  it('hide the others’ assessments from an analyst until they record their own; viewers see them all', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const vera = await member('viewer', 'Vera Lind');
    const emil = await member('editor', 'Emil Sow');
    await setBlindAssessments(store, { actor: owner, workspaceId: ws, blind: true });
    const id = await claim(ana);
    await assess(ana, id, 'likely', 'high');

    let seen = await getClaimDetail(store, { actor: bakary, claimId: id });
    expect(seen).toMatchObject({ blind: true, assessments: [], hiddenAssessments: 1 });

    await assess(rafael, id, 'unlikely', 'low');
    seen = await getClaimDetail(store, { actor: bakary, claimId: id });
    expect(seen.assessments).toEqual([]);
    expect(seen.hiddenAssessments).toBe(2);
    expect(seen.review.reasons).toEqual([expect.objectContaining({ kind: 'analysts_disagree' })]);
    const hidden = seen.review.reasons[0]!.detail;
    expect(hidden).not.toContain('Ana Costa');
    expect(hidden).not.toContain('Rafael Mendes');
    expect(hidden).not.toMatch(/likely|unlikely/);
    const queued = await inQueue(id, bakary);
    expect(queued?.reasons[0]!.detail).toBe(hidden);
    // The REST API's record hides the same: it is the detail with the reasons alone for review.
    await expectRecordOfDetail(bakary, id);
    await expectRecordOfDetail(ana, id);

    // The analysts themselves, and a viewer, read who said what.
    for (const actor of [ana, vera]) {
      const d = await getClaimDetail(store, { actor, claimId: id });
      expect(d.hiddenAssessments).toBe(0);
      expect(d.assessments.map((a) => a.userName).sort()).toEqual(['Ana Costa', 'Rafael Mendes']);
      expect(d.review.reasons[0]!.detail).toContain('Ana Costa rates it likely (55–80%) · high confidence');
      expect((await inQueue(id, actor))?.reasons[0]!.detail).toContain('Rafael Mendes');
    }

    await assess(bakary, id, 'roughly_even_chance');
    seen = await getClaimDetail(store, { actor: bakary, claimId: id });
    expect(seen.hiddenAssessments).toBe(0);
    expect(seen.assessments.map((a) => [a.userName, a.mine]).sort()).toEqual([
      ['Ana Costa', false],
      ['Bakary Diallo', true],
      ['Rafael Mendes', false],
    ]);
    expect(seen.review.reasons[0]!.detail).toContain('Ana Costa');

    // Emil has not assessed; with blind off he sees everything.
    expect((await getClaimDetail(store, { actor: emil, claimId: id })).hiddenAssessments).toBe(3);
    await setBlindAssessments(store, { actor: owner, workspaceId: ws, blind: false });
    const open = await getClaimDetail(store, { actor: emil, claimId: id });
    expect(open).toMatchObject({ blind: false, hiddenAssessments: 0 });
    expect(open.assessments).toHaveLength(3);
    expect(open.review.reasons[0]!.detail).toContain('Rafael Mendes');
  });
});

describe('notifications', () => {
  it('tell the assignee, the author of a decided claim, the mentioned and the replied-to; each marks only their own read', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const id = await ransom(ana, 'The weekly: €10M was paid', '10m');

    // Only reviewers and owners can be assigned.
    for (const reviewerId of [bakary.userId, (await makeUser(store)).userId]) {
      await expect(assignReviewer(store, { actor: owner, claimId: id, reviewerId })).rejects.toMatchObject({
        code: 'invalid:claim',
        field: 'reviewerId',
      });
    }
    await assignReviewer(store, { actor: owner, claimId: id, reviewerId: rafael.userId });
    const mine = await getReviewQueue(store, { actor: rafael, workspaceId: ws, filters: { assignee: 'me' } });
    expect(mine.items).toEqual([]); // assigned but neither contested nor in review
    await submitForReview(store, { actor: ana, claimId: id });
    expect(
      (
        await getReviewQueue(store, { actor: rafael, workspaceId: ws, filters: { assignee: 'me' } })
      ).items.map((i) => [i.id, i.reviewer?.name]),
    ).toEqual([[id, 'Rafael Mendes']]);
    expect(
      (await getReviewQueue(store, { actor: rafael, workspaceId: ws, filters: { assignee: 'none' } })).items,
    ).toEqual([]);
    expect((await getClaimDetail(store, { actor: ana, claimId: id })).review.reviewer).toEqual({
      id: rafael.userId,
      name: 'Rafael Mendes',
    });

    await tick();
    // Assigning a reviewer does not change the claim's version (submitting did: 1 → 2).
    await adjudicateClaim(store, { actor: rafael, claimId: id, input: await decisionFor(id, 'rejected') });
    await tick();
    const { commentId } = await addComment(store, {
      actor: bakary,
      claimId: id,
      body: '@Ana Costa please check the weekly’s figure. cc @Bakary Diallo',
    });
    await tick();
    await addComment(store, {
      actor: ana,
      claimId: id,
      body: 'Checked: it counts fees.',
      parentId: commentId,
    });

    const ofAna = await listNotifications(store, { actor: ana });
    expect(ofAna.map((n) => [n.kind, n.actorName])).toEqual([
      ['mention', 'Bakary Diallo'],
      ['decision', 'Rafael Mendes'],
    ]);
    expect(ofAna[1]!.text).toMatch(
      /^Rafael Mendes rejected your claim “The weekly: €10M was paid”: The regional/,
    );
    expect(ofAna[0]).toMatchObject({ claimId: id, workspaceName: 'Sahel desk', read: false });
    const ofRafael = await listNotifications(store, { actor: rafael });
    expect(ofRafael.map((n) => [n.kind, n.text])).toEqual([
      ['assignment', 'Awa Traoré asked you to review “The weekly: €10M was paid”.'],
    ]);
    const ofBakary = await listNotifications(store, { actor: bakary });
    expect(ofBakary.map((n) => [n.kind, n.actorName])).toEqual([['reply', 'Ana Costa']]);
    expect(await listNotifications(store, { actor: owner })).toEqual([]);

    const unread = async () =>
      Promise.all([ana, bakary, rafael, owner].map((actor) => unreadNotificationCount(store, { actor })));
    expect(await unread()).toEqual([2, 1, 1, 0]);

    // Someone else's ids are ignored.
    expect(
      await markNotificationsRead(store, { actor: ana, ids: [ofRafael[0]!.id, ofBakary[0]!.id] }),
    ).toEqual({
      marked: 0,
    });
    expect(await unread()).toEqual([2, 1, 1, 0]);
    expect(await markNotificationsRead(store, { actor: ana, ids: [ofAna[0]!.id] })).toEqual({ marked: 1 });
    expect((await listNotifications(store, { actor: ana })).map((n) => n.read)).toEqual([true, false]);
    expect(await markNotificationsRead(store, { actor: rafael, ids: 'all' })).toEqual({ marked: 1 });
    expect(await unread()).toEqual([1, 1, 0, 0]);
  });

  it('a reply that mentions the parent author notifies once, as a mention; nobody is notified of their own action', async () => {
    const ana = await member('editor', 'Ana Costa');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const id = await claim(ana);
    const { commentId } = await addComment(store, {
      actor: ana,
      claimId: id,
      body: 'Is 206 the final count?',
    });
    await addComment(store, {
      actor: ana,
      claimId: id,
      body: 'Adding to my own note, @Ana Costa.',
      parentId: commentId,
    });
    await addComment(store, {
      actor: rafael,
      claimId: id,
      body: '@ana costa yes, per the ministry.',
      parentId: commentId,
    });
    expect((await listNotifications(store, { actor: ana })).map((n) => n.kind)).toEqual(['mention']);
    // The reviewer adjudicating their own claim is not notified either.
    const own = await claim(rafael);
    await adjudicateClaim(store, { actor: rafael, claimId: own, input: await decisionFor(own, 'accepted') });
    expect(await listNotifications(store, { actor: rafael })).toEqual([]);
  });
});

describe('comments', () => {
  it('are Markdown, rendered and sanitized; authors edit (with a version check) and delete their own only', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const vera = await member('viewer', 'Vera Lind');
    const id = await claim(ana);
    const { commentId } = await addComment(store, {
      actor: ana,
      claimId: id,
      body: '**Check** the weekly <script>alert("x")</script> and [this](javascript:alert(1)).',
    });
    let [thread] = (await listComments(store, { actor: bakary, claimId: id })).threads;
    expect(thread!.html).toContain('<strong>Check</strong>');
    expect(thread!.html).not.toMatch(/<script/i);
    expect(thread!.html).toContain('&lt;script&gt;');
    expect(thread!.html).not.toContain('javascript:');
    expect(thread).toMatchObject({ authorName: 'Ana Costa', mine: false, body: null, version: 1 });
    expect((await listComments(store, { actor: ana, claimId: id })).threads[0]).toMatchObject({
      mine: true,
      body: expect.any(String),
    });

    await expect(
      addComment(store, { actor: vera, claimId: id, body: 'A viewer writes.' }),
    ).rejects.toMatchObject({
      code: 'forbidden:workspace',
    });
    await expect(
      editComment(store, { actor: bakary, commentId, body: 'Hijack', expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'forbidden:comment' });
    await expect(deleteComment(store, { actor: bakary, commentId })).rejects.toMatchObject({
      code: 'forbidden:comment',
    });

    expect(
      await editComment(store, { actor: ana, commentId, body: 'Check the *weekly*.', expectedVersion: 1 }),
    ).toMatchObject({ version: 2 });
    await expect(
      editComment(store, { actor: ana, commentId, body: 'From another tab', expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'conflict:comment',
      current: { version: 2, body: 'Check the *weekly*.' },
    });
    [thread] = (await listComments(store, { actor: ana, claimId: id })).threads;
    expect(thread).toMatchObject({
      html: '<p>Check the <em>weekly</em>.</p>',
      version: 2,
      editedAt: expect.any(Date),
    });

    // Replies; a reply to a reply joins the same thread.
    const reply = await addComment(store, { actor: bakary, claimId: id, body: 'Done.', parentId: commentId });
    await addComment(store, { actor: ana, claimId: id, body: 'Thanks.', parentId: reply.commentId });
    [thread] = (await listComments(store, { actor: ana, claimId: id })).threads;
    expect(thread!.replies.map((r) => [r.authorName, r.html])).toEqual([
      ['Bakary Diallo', '<p>Done.</p>'],
      ['Ana Costa', '<p>Thanks.</p>'],
    ]);

    // Resolve and reopen the thread (from its first comment only).
    await expect(
      setCommentResolved(store, { actor: bakary, commentId: reply.commentId, resolved: true }),
    ).rejects.toMatchObject({ code: 'invalid:comment' });
    await setCommentResolved(store, { actor: bakary, commentId, resolved: true });
    expect((await listComments(store, { actor: vera, claimId: id })).threads[0]!.resolved).toMatchObject({
      byName: 'Bakary Diallo',
    });
    await setCommentResolved(store, { actor: ana, commentId, resolved: false });
    expect((await listComments(store, { actor: vera, claimId: id })).threads[0]!.resolved).toBeNull();

    // Deleting the first comment leaves its replies.
    await deleteComment(store, { actor: ana, commentId });
    [thread] = (await listComments(store, { actor: vera, claimId: id })).threads;
    expect(thread).toMatchObject({ deleted: true, html: '', body: null });
    expect(thread!.replies).toHaveLength(2);
    await expect(
      editComment(store, { actor: ana, commentId, body: 'Back', expectedVersion: 2 }),
    ).rejects.toMatchObject({ code: 'not_found:comment' });

    // A deleted comment without replies leaves nothing.
    const lone = await addComment(store, { actor: bakary, claimId: id, body: 'Typo.' });
    expect((await listComments(store, { actor: vera, claimId: id })).threads).toHaveLength(2);
    await deleteComment(store, { actor: bakary, commentId: lone.commentId });
    expect((await listComments(store, { actor: vera, claimId: id })).threads).toHaveLength(1);
  });
});

describe('history', () => {
  it('lists what happened to a claim, newest first, with what changed', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const id = await ransom(ana, 'The weekly says €10M was paid', '10m');
    await updateClaim(store, {
      actor: ana,
      claimId: id,
      expectedVersion: 1,
      fields: fieldsOf({
        statement: 'The weekly says €8–10M was paid through intermediaries',
        amount: '8m-10m',
        unit: 'EUR',
        topic: RANSOM,
      }),
    });
    await assess(bakary, id, 'unlikely');
    await evidence(ana, id, 'supports', 'European weekly');
    await submitForReview(store, { actor: ana, claimId: id });
    await adjudicateClaim(store, {
      actor: rafael,
      claimId: id,
      input: await decisionFor(id, 'rejected', null, 'One unnamed intermediary is not enough.'),
    });
    await addComment(store, { actor: bakary, claimId: id, body: 'Agreed, see the daily.' });

    const history = await getClaimHistory(store, { actor: ana, claimId: id });
    expect(history.map((h) => h.action)).toEqual([
      'comment.create',
      'claim.adjudicate',
      'claim.submit_review',
      'evidence.create',
      'assessment.create',
      'claim.update',
      'claim.create',
    ]);
    const by = (action: string) => history.find((h) => h.action === action)!;
    expect(by('claim.create')).toMatchObject({
      who: 'Ana Costa',
      summary: 'created the claim in “Sahel desk briefing”',
      note: 'ransom',
    });
    expect(by('claim.update')).toMatchObject({ summary: 'edited the claim' });
    expect(by('claim.update').changes).toEqual([
      {
        field: 'statement',
        from: 'The weekly says €10M was paid',
        to: 'The weekly says €8–10M was paid through intermediaries',
      },
      { field: 'quantity', from: '10,000,000 EUR', to: '8,000,000–10,000,000 EUR' },
    ]);
    expect(by('assessment.create')).toMatchObject({
      who: 'Bakary Diallo',
      summary: 'recorded an assessment',
      changes: [
        { field: 'likelihood', from: null, to: 'unlikely (20–45%)' },
        { field: 'confidence', from: null, to: 'moderate' },
      ],
    });
    expect(by('evidence.create')).toMatchObject({ summary: 'added evidence from European weekly' });
    expect(by('claim.adjudicate')).toMatchObject({
      who: 'Rafael Mendes',
      summary: 'rejected the claim',
      changes: [{ field: 'status', from: 'in review', to: 'rejected' }],
      note: 'One unnamed intermediary is not enough.',
    });
    expect(by('comment.create')).toMatchObject({
      who: 'Bakary Diallo',
      summary: 'commented',
      note: null, // comment text lives in the discussion, not the timeline,
    });
    const times = history.map((h) => h.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe('agreement', () => {
  it('computes Krippendorff’s alpha (ordinal) and its drivers, hiding who said what from blind analysts', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const chidi = await member('reviewer', 'Chidi Okafor');
    const dede = await member('editor', 'Dede Mensah');
    const vera = await member('viewer', 'Vera Lind');
    const freed = await claim(owner, { statement: 'Bamako freed 206 prisoners' });
    const daily = await claim(owner, { statement: 'The ransom was €2.5M', quote: '2.5 million euros' });
    const link = await claim(owner, {
      statement: 'A negotiator worked for a foreign state',
      quote: 'one negotiator was linked to a foreign state',
    });
    const lone = await claim(owner, { statement: 'Four hostages were handed over', quote: 'four hostages' });
    // Ranks on the 7-step scale: very_unlikely 1, unlikely 2, likely 4.
    await assess(ana, freed, 'likely');
    await assess(bakary, freed, 'likely');
    await assess(chidi, freed, 'likely');
    await assess(ana, daily, 'unlikely');
    await assess(bakary, daily, 'unlikely');
    await assess(chidi, daily, 'likely');
    await assess(ana, link, 'very_unlikely');
    await assess(bakary, link, 'likely');
    await assess(ana, lone, 'likely'); // one rating: not pairable

    // By hand. Pairable values: freed {4,4,4}, daily {2,2,4}, link {1,4}: n1 = 1, n2 = 2, n4 = 5, n = 8.
    // Ordinal δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²:
    //   δ²(1,2) = (3 − 1.5)² = 2.25, δ²(2,4) = (7 − 3.5)² = 12.25, δ²(1,4) = (8 − 3)² = 25.
    // Observed Σ o_ck δ²: daily 4 ordered pairs (2,4) × 12.25 / (3 − 1) = 24.5; link 2 × 25 / 1 = 50; total 74.5.
    // Expected Σ n_c n_k δ² = 2 × (1·2·2.25 + 1·5·25 + 2·5·12.25) = 504.
    // alpha = 1 − (n − 1) · 74.5 / 504 = 1 − 521.5 / 504 = −5/144 ≈ −0.0347.
    const result = await getAgreement(store, { actor: ana, workspaceId: ws });
    expect(result.alpha).toBeCloseTo(-5 / 144, 10);
    expect(result).toMatchObject({
      units: 3,
      raters: 3,
      pairableValues: 8,
      interpretation: 'no agreement beyond chance (or systematic disagreement)',
    });
    expect(result.drivers.map((d) => d.claimId)).toEqual([link, daily]);
    expect(result.drivers[0]!.share).toBeCloseTo(50 / 74.5, 10);
    expect(result.drivers[1]!.share).toBeCloseTo(24.5 / 74.5, 10);
    expect(result.drivers[0]!.spread).toBe('very unlikely (5–20%) to likely (55–80%)');
    expect(result.drivers[0]!.ratings?.map((r) => `${r.name}: ${r.label}`).sort()).toEqual([
      'Ana Costa: very unlikely (5–20%)',
      'Bakary Diallo: likely (55–80%)',
    ]);

    await setBlindAssessments(store, { actor: owner, workspaceId: ws, blind: true });
    const driversSeenBy = async (actor: Actor) =>
      (await getAgreement(store, { actor, workspaceId: ws })).drivers.map((d) => d.claimId);
    expect(await driversSeenBy(ana)).toEqual([link, daily]);
    expect(await driversSeenBy(chidi)).toEqual([daily]); // Chidi has not assessed the link claim
    expect(await driversSeenBy(dede)).toEqual([]);
    expect(await driversSeenBy(vera)).toEqual([link, daily]);
    // Blind: the number is computed over what the member may see (db/queries/agreement-blind.test.ts).
    expect((await getAgreement(store, { actor: dede, workspaceId: ws })).alpha).toBeNull();
  });
});

describe('live events', () => {
  it('are published after the write commits, naming the claims and their documents', async () => {
    const ana = await member('editor', 'Ana Costa');
    const rafael = await member('reviewer', 'Rafael Mendes');
    const inTransaction: boolean[] = [];
    const stop = subscribe(ws, () => inTransaction.push(store.connection.inTransaction));
    try {
      const id = await claim(ana);
      expect(events).toEqual([
        { type: 'claims', workspaceId: ws, claimIds: [id], documentIds: [doc.id], actorId: ana.userId },
      ]);

      events.length = 0;
      const { commentId } = await addComment(store, {
        actor: rafael,
        claimId: id,
        body: '@Ana Costa which ministry?',
      });
      // In the order the write emitted them: the notification as it was made, then the write's own.
      expect(events).toEqual([
        { type: 'notifications', workspaceId: ws, userIds: [ana.userId] },
        { type: 'comments', workspaceId: ws, claimId: id, actorId: rafael.userId },
      ]);
      expect(commentId).toEqual(expect.any(String));

      events.length = 0;
      await adjudicateClaim(store, { actor: rafael, claimId: id, input: await decisionFor(id, 'accepted') });
      expect(events).toEqual([
        { type: 'notifications', workspaceId: ws, userIds: [ana.userId] },
        { type: 'claims', workspaceId: ws, claimIds: [id], documentIds: [doc.id], actorId: rafael.userId },
      ]);
      expect(inTransaction.length).toBeGreaterThan(0);
      expect(inTransaction.every((t) => t === false)).toBe(true);
    } finally {
      stop();
    }
  });

  it('are not published by a write that fails', async () => {
    const ana = await member('editor', 'Ana Costa');
    const vera = await member('viewer', 'Vera Lind');
    const id = await claim(ana);
    events.length = 0;
    const failing: [string, () => Promise<unknown>][] = [
      [
        'adjudicate as an editor',
        async () =>
          adjudicateClaim(store, { actor: ana, claimId: id, input: await decisionFor(id, 'accepted') }),
      ],
      ['dispute as a viewer', () => disputeClaim(store, { actor: vera, claimId: id, reason: 'No.' })],
      ['comment as a viewer', () => addComment(store, { actor: vera, claimId: id, body: 'Hello' })],
      [
        'stale edit',
        () => updateClaim(store, { actor: ana, claimId: id, expectedVersion: 7, fields: fieldsOf({}) }),
      ],
      ['assign an editor', () => assignReviewer(store, { actor: ana, claimId: id, reviewerId: ana.userId })],
    ];
    for (const [what, write] of failing) {
      expect(await outcome(write()), what).not.toBe('ok');
    }
    expect(events).toEqual([]);
    expect(await getClaimDetail(store, { actor: ana, claimId: id })).toMatchObject({
      version: 1,
      status: 'draft',
    });
  });
});

describe('regressions found in review', () => {
  it('the history hides the others’ ratings from a blind analyst who has not assessed yet', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    await setBlindAssessments(store, { actor: owner, workspaceId: ws, blind: true });
    const id = await claim(ana);
    await assess(ana, id, 'likely', 'high');
    const hidden = await getClaimHistory(store, { actor: bakary, claimId: id });
    const entry = hidden.find((e) => e.action === 'assessment.create')!;
    expect(entry.who).toBe('Ana Costa');
    expect(entry.changes).toEqual([]);
    await assess(bakary, id, 'unlikely');
    const shown = await getClaimHistory(store, { actor: bakary, claimId: id });
    expect(
      shown.find((e) => e.action === 'assessment.create' && e.who === 'Ana Costa')!.changes,
    ).toContainEqual(expect.objectContaining({ field: 'likelihood', to: 'likely (55–80%)' }));
  });

  it('the agreement page does not give the range of ratings to a blind analyst', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const chidi = await member('editor', 'Chidi Okafor');
    const claims = [
      await claim(ana),
      await ransom(ana, 'Ransom was €10M', '10m'),
      await ransom(ana, 'Ransom was €2.5M', '2.5m'),
    ];
    for (const [i, id] of claims.entries()) {
      await assess(ana, id, i === 0 ? 'likely' : 'very_likely');
      await assess(bakary, id, i === 0 ? 'very_unlikely' : 'likely');
    }
    await setBlindAssessments(store, { actor: owner, workspaceId: ws, blind: true });
    const { drivers, hiddenClaims } = await getAgreement(store, { actor: chidi, workspaceId: ws });
    expect(drivers).toEqual([]);
    expect(hiddenClaims).toBe(3);
  });

  it('trashing the preferred claim frees its alternatives, which compete again', async () => {
    const ana = await member('reviewer', 'Ana Costa');
    const x = await ransom(ana, 'Ransom was €10M', '10m');
    const y = await ransom(ana, 'Ransom was €2.5M', '2.5m');
    const z = await ransom(ana, 'Ransom was €6M', '6m');
    await adjudicateClaim(store, { actor: ana, claimId: x, input: await decisionFor(x, 'disputed', y) });
    expect(await kindsOf(z)).toEqual([]);
    await tick();
    await trashClaim(store, { actor: ana, claimId: y });
    expect((await getClaimDetail(store, { actor: owner, claimId: x })).review.alternativeOf).toBeNull();
    expect(await kindsOf(x)).toContain('competing_values');
    expect(await kindsOf(z)).toContain('competing_values');
  });

  it('a claim moved to another topic is nobody’s alternative there', async () => {
    const ana = await member('reviewer', 'Ana Costa');
    const x = await ransom(ana, 'Ransom was €10M', '10m');
    const y = await ransom(ana, 'Ransom was €2.5M', '2.5m');
    await adjudicateClaim(store, { actor: ana, claimId: y, input: await decisionFor(y, 'accepted', y) });
    await tick();
    const detail = await getClaimDetail(store, { actor: owner, claimId: x });
    await updateClaim(store, {
      actor: ana,
      claimId: x,
      expectedVersion: detail.version,
      fields: fieldsOf({
        statement: 'Ransom was €10M',
        amount: '10m',
        unit: 'EUR',
        topic: 'Who paid the ransom?',
      }),
    });
    expect((await getClaimDetail(store, { actor: owner, claimId: x })).review.alternativeOf).toBeNull();
    const q = await ransom(ana, 'A state paid €1M', '1m', 'EUR', 'Who paid the ransom?');
    expect(await kindsOf(q)).toContain('competing_values');
  });

  it('a reply to a reply tells the person replied to', async () => {
    const ana = await member('editor', 'Ana Costa');
    const bakary = await member('editor', 'Bakary Diallo');
    const chidi = await member('editor', 'Chidi Okafor');
    const id = await claim(ana);
    const first = await addComment(store, { actor: ana, claimId: id, body: 'Which count is this?' });
    const reply = await addComment(store, {
      actor: bakary,
      claimId: id,
      body: 'The ministry’s.',
      parentId: first.commentId,
    });
    await addComment(store, {
      actor: chidi,
      claimId: id,
      body: 'The ministry revised it since.',
      parentId: reply.commentId,
    });
    expect((await listNotifications(store, { actor: bakary })).map((n) => n.kind)).toEqual(['reply']);
    expect((await listNotifications(store, { actor: ana })).map((n) => n.kind)).toEqual(['reply']);
  });

  it('accepting a claim while preferring another one is refused', async () => {
    const ana = await member('reviewer', 'Ana Costa');
    const x = await ransom(ana, 'Ransom was €10M', '10m');
    const y = await ransom(ana, 'Ransom was €2.5M', '2.5m');
    await expect(
      adjudicateClaim(store, { actor: ana, claimId: x, input: await decisionFor(x, 'accepted', y) }),
    ).rejects.toMatchObject({ kind: 'invalid', field: 'outcome' });
  });

  it('restoring evidence after a decision is a new fact', async () => {
    const ana = await member('reviewer', 'Ana Costa');
    const id = await claim(ana);
    await evidence(ana, id, 'supports');
    const against = await evidence(ana, id, 'contradicts');
    await trashEvidence(store, { actor: ana, evidenceId: against.evidenceId });
    await adjudicateClaim(store, { actor: ana, claimId: id, input: await decisionFor(id, 'accepted') });
    await tick();
    await restoreEvidence(store, { actor: owner, evidenceId: against.evidenceId });
    expect(await kindsOf(id)).toContain('mixed_evidence');
  });
});

describe('regressions found in the second review', () => {
  it('refuses a decision made before a dispute or new evidence arrived (the review version moved)', async () => {
    const rafael = await member('reviewer', 'Rafael Mendes');
    const ana = await member('editor', 'Ana Costa');
    const id = await claim(ana);
    const seen = await decisionFor(id, 'accepted');
    await disputeClaim(store, { actor: ana, claimId: id, reason: 'The ministry counted fewer.' });
    await expect(adjudicateClaim(store, { actor: rafael, claimId: id, input: seen })).rejects.toMatchObject({
      code: 'conflict:claim',
    });
    const again = await decisionFor(id, 'accepted');
    await evidence(ana, id, 'contradicts');
    await expect(adjudicateClaim(store, { actor: rafael, claimId: id, input: again })).rejects.toMatchObject({
      code: 'conflict:claim',
    });
    expect((await getClaimDetail(store, { actor: owner, claimId: id })).review.disputes).toHaveLength(1);
  });

  it('refuses a preferred claim that changed since the reviewer looked, and leaves alternatives’ disputes open', async () => {
    const rafael = await member('reviewer', 'Rafael Mendes');
    const ana = await member('editor', 'Ana Costa');
    const x = await ransom(ana, 'Ransom was €10M', '10m');
    const y = await ransom(ana, 'Ransom was €2.5M', '2.5m');
    const z = await ransom(ana, 'Ransom was €6M', '6m');
    await disputeClaim(store, { actor: ana, claimId: z, reason: 'The €6M comes from a rumour.' });
    const seen = await decisionFor(x, 'rejected', y);
    await evidence(ana, y, 'mentions');
    await expect(adjudicateClaim(store, { actor: rafael, claimId: x, input: seen })).rejects.toMatchObject({
      code: 'conflict:claim',
    });
    await adjudicateClaim(store, { actor: rafael, claimId: x, input: await decisionFor(x, 'rejected', y) });
    const dz = await getClaimDetail(store, { actor: owner, claimId: z });
    expect(dz.review.alternativeOf?.id).toBe(y);
    expect(dz.review.disputes).toHaveLength(1);
    expect(await kindsOf(z)).toEqual(['disputed']);
  });

  it('a preferred claim that leaves its topic frees its alternatives', async () => {
    const rafael = await member('reviewer', 'Rafael Mendes');
    const x = await ransom(rafael, 'Ransom was €10M', '10m');
    const y = await ransom(rafael, 'Ransom was €2.5M', '2.5m');
    const z = await ransom(rafael, 'Ransom was €5M', '5m');
    await adjudicateClaim(store, { actor: rafael, claimId: y, input: await decisionFor(y, 'accepted', y) });
    expect(await kindsOf(x)).toEqual([]);
    await tick();
    const detail = await getClaimDetail(store, { actor: owner, claimId: y });
    await updateClaim(store, {
      actor: rafael,
      claimId: y,
      expectedVersion: detail.version,
      fields: fieldsOf({ statement: 'Ransom was €2.5M', amount: '2.5m', unit: 'EUR', topic: 'Who paid?' }),
    });
    expect((await getClaimDetail(store, { actor: owner, claimId: x })).review.alternativeOf).toBeNull();
    expect(await kindsOf(x)).toContain('competing_values');
    expect(await kindsOf(z)).toContain('competing_values');
  });

  it('editing the substance of a decided claim sends it back to review', async () => {
    const rafael = await member('reviewer', 'Rafael Mendes');
    const id = await claim(rafael, { statement: 'Mali freed 206 prisoners' });
    await adjudicateClaim(store, { actor: rafael, claimId: id, input: await decisionFor(id, 'accepted') });
    const decided = await getClaimDetail(store, { actor: owner, claimId: id });
    expect(decided.status).toBe('accepted');
    // Tags are not the substance: the decision stands.
    await updateClaim(store, {
      actor: rafael,
      claimId: id,
      expectedVersion: decided.version,
      fields: claimFieldsSchema.parse({
        statement: 'Mali freed 206 prisoners',
        typeId,
        kind: 'reported',
        tags: 'Mali',
      }),
    });
    const tagged = await getClaimDetail(store, { actor: owner, claimId: id });
    expect(tagged.status).toBe('accepted');
    await updateClaim(store, {
      actor: rafael,
      claimId: id,
      expectedVersion: tagged.version,
      fields: fieldsOf({ statement: 'Mali freed no prisoners at all' }),
    });
    expect((await getClaimDetail(store, { actor: owner, claimId: id })).status).toBe('in_review');
    expect(await inQueue(id)).toBeDefined();
  });

  it('editing a note of old evidence does not bring a settled reason back; changing its stance does', async () => {
    const rafael = await member('reviewer', 'Rafael Mendes');
    const id = await claim(rafael);
    await evidence(rafael, id, 'supports');
    const against = await evidence(rafael, id, 'contradicts');
    await adjudicateClaim(store, { actor: rafael, claimId: id, input: await decisionFor(id, 'accepted') });
    await tick();
    await updateEvidence(store, {
      actor: rafael,
      evidenceId: against.evidenceId,
      expectedVersion: 1,
      fields: evidenceFieldsSchema.parse({ stance: 'contradicts', credibility: '3', note: 'Typo fixed.' }),
    });
    expect(await kindsOf(id)).toEqual([]);
    await updateEvidence(store, {
      actor: rafael,
      evidenceId: against.evidenceId,
      expectedVersion: 2,
      fields: evidenceFieldsSchema.parse({ stance: 'qualifies', credibility: '3' }),
    });
    const supporting = await evidence(rafael, id, 'contradicts');
    expect(supporting.evidenceId).toBeTruthy();
    expect(await kindsOf(id)).toContain('mixed_evidence');
  });

  it('the queue and the visibility check take more claims than SQLite has bound variables', async () => {
    const many = Array.from({ length: 40_000 }, (_, i) => `missing-${i}`);
    const { assessmentVisibility } = await import('./review-queue');
    await expect(assessmentVisibility(store.db, owner, 'owner', ws, many)).resolves.toBeTypeOf('function');
    const { refreshContested } = await import('./contested');
    expect(await store.transaction((tx) => refreshContested(tx, many))).toEqual([]);
  });
});
