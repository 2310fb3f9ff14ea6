import { beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { assignReviewer, setBlindAssessments } from '@/db/queries/review';
import type { Store } from '@/db/store';
import {
  Agreement,
  ClaimTypeList,
  MemberList,
  NotificationList,
  NotificationsMarked,
  ReviewQueue,
  TopicList,
} from '@/lib/api/contract/workspace-review';
import { call, freshWorkspace, importBrief, member, outsider, type Member } from './_testing/client';
import * as assessment from './claims/[claimId]/assessment/route';
import * as claims from './documents/[documentId]/claims/route';
import * as notificationsRead from './notifications/read/route';
import * as notifications from './notifications/route';
import * as agreement from './workspaces/[workspaceId]/agreement/route';
import * as claimTypes from './workspaces/[workspaceId]/claim-types/route';
import * as members from './workspaces/[workspaceId]/members/route';
import * as reviewQueue from './workspaces/[workspaceId]/review-queue/route';
import * as topics from './workspaces/[workspaceId]/topics/route';

let store: Store;
let owner: Member;
let reviewer: Member;
let analyst: Member;
let viewer: Member;
let workspaceId: string;
let documentId: string;

const PRISONERS = 'How many prisoners were released?';
const RANSOM = 'How much was the ransom?';

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
  reviewer = await member(store, owner, workspaceId, 'reviewer', 'Rhea');
  analyst = await member(store, owner, workspaceId, 'editor', 'Binta');
  viewer = await member(store, owner, workspaceId, 'viewer', 'Vera');
  documentId = (await importBrief(owner, workspaceId)).json.id;
});

/** Answers of the workspace-level reads, as `token` calls them. */
const WORKSPACE_READS = {
  'claim-types': claimTypes.GET,
  members: members.GET,
  topics: topics.GET,
  'review-queue': reviewQueue.GET,
  agreement: agreement.GET,
} as const;

const read = (name: keyof typeof WORKSPACE_READS, token: string | null, query = '', ws = workspaceId) =>
  call('GET', WORKSPACE_READS[name], `/workspaces/${ws}/${name}`, {
    token,
    params: { workspaceId: ws },
    query,
  });

/** The answer, checked against its contract schema. */
function shaped<S extends z.ZodType>(schema: S, json: unknown): z.output<S> {
  const parsed = schema.safeParse(json);
  expect(parsed.success ? null : parsed.error.issues).toBeNull();
  return parsed.data!;
}

async function makeClaim(body: Record<string, unknown>): Promise<string> {
  const r = await call('POST', claims.POST, `/documents/${documentId}/claims`, {
    token: owner.token,
    params: { documentId },
    body: { type: 'Figure', kind: 'reported', ...body },
  });
  expect(r.status).toBe(201);
  return r.json.id;
}

async function assess(who: Member, claimId: string, likelihood: string) {
  const r = await call('PUT', assessment.PUT, `/claims/${claimId}/assessment`, {
    token: who.token,
    params: { claimId },
    body: { likelihood, confidence: 'moderate', rationale: 'Read the brief.' },
  });
  expect(r.status).toBeLessThan(300);
}

/**
 * Two competing counts on one topic (contested: competing values) and a ransom figure the owner
 * rates likely and the analyst unlikely (contested: analysts disagree); both rate the 206 likely.
 */
async function contestedWorld() {
  const count206 = await makeClaim({
    statement: 'Mali released 206 prisoners',
    quantity: { amount: 206, unit: 'persons' },
    topic: PRISONERS,
    target: { selector: { exact: '206' } },
  });
  const count150 = await makeClaim({
    statement: 'A ministry said 150 prisoners were released',
    quantity: { amount: 150, unit: 'persons' },
    topic: PRISONERS,
    target: { selector: { exact: 'one ministry figure was lower' } },
  });
  const ransom = await makeClaim({
    statement: 'The ransom was 10 million euros',
    quantity: { amount: 10_000_000, unit: 'EUR' },
    topic: RANSOM,
    target: { selector: { exact: '10 million euros' } },
  });
  await assess(owner, count206, 'likely');
  await assess(analyst, count206, 'likely');
  await assess(owner, ransom, 'likely');
  await assess(analyst, ransom, 'unlikely');
  return { count206, count150, ransom };
}

describe('workspace reads over the REST API', () => {
  it('lists the claim types and kinds a claim may send, and makes a claim with one', async () => {
    const r = await read('claim-types', viewer.token);
    expect(r.status).toBe(200);
    const body = shaped(ClaimTypeList, r.json);
    const figure = body.claimTypes.find((t) => t.name === 'Figure')!;
    expect(figure).toMatchObject({
      id: expect.any(String),
      color: expect.stringMatching(/^#/),
      claimCount: 0,
    });
    expect(body.kinds.map((k) => k.key)).toEqual(['reported', 'assumption', 'judgment']);

    await makeClaim({
      statement: 'Mali released 206 prisoners',
      type: undefined,
      typeId: figure.id,
      kind: body.kinds[0]!.key,
      target: { selector: { exact: '206' } },
    });
    const after = shaped(ClaimTypeList, (await read('claim-types', viewer.token)).json);
    expect(after.claimTypes.find((t) => t.id === figure.id)?.claimCount).toBe(1);
  });

  it('lists the members with roles and join dates; emails only to owners and for one’s own row', async () => {
    const asOwner = shaped(MemberList, (await read('members', owner.token)).json);
    expect(asOwner.members.map((m) => [m.name, m.role])).toEqual([
      ['Awa', 'owner'],
      ['Binta', 'editor'],
      ['Rhea', 'reviewer'],
      ['Vera', 'viewer'],
    ]);
    expect(asOwner.members.every((m) => m.email?.includes('@'))).toBe(true);
    expect(asOwner.members.find((m) => m.isYou)?.id).toBe(owner.userId);
    expect(Date.parse(asOwner.members[0]!.joinedAt)).not.toBeNaN();

    const asEditor = await read('members', analyst.token);
    expect(asEditor.status).toBe(200);
    const seen = shaped(MemberList, asEditor.json).members;
    expect(seen.filter((m) => m.email !== null).map((m) => m.name)).toEqual(['Binta']);
    expect(JSON.stringify(asEditor.json)).not.toContain(owner.email);
    expect(JSON.stringify(asEditor.json)).not.toMatch(/password|hash/i);
  });

  it('lists the topics with claim counts and their contested state', async () => {
    await contestedWorld();
    const r = await read('topics', viewer.token);
    expect(r.status).toBe(200);
    const list = shaped(TopicList, r.json).topics;
    expect(
      list.map((t) => [t.question, t.claimCount, t.withQuantity, t.contestedCount, t.contested]),
    ).toEqual([
      [PRISONERS, 2, 2, 2, true],
      [RANSOM, 1, 1, 1, true],
    ]);
  });

  it('answers the review queue with its reasons, filters and pages', async () => {
    const { count206, count150, ransom } = await contestedWorld();
    await assignReviewer(store, { actor: owner, claimId: ransom, reviewerId: reviewer.userId });

    const r = await read('review-queue', reviewer.token);
    expect(r.status).toBe(200);
    const queue = shaped(ReviewQueue, r.json);
    expect(queue.counts).toEqual({ total: 3, contested: 3, awaitingReview: 0 });
    expect(queue.items.map((i) => i.id)).toEqual([count206, count150, ransom]);
    const competing = queue.items[0]!.reasons;
    expect(competing).toEqual([
      expect.objectContaining({ kind: 'competing_values', label: 'competing values', claimIds: [count150] }),
    ]);
    const ransomItem = queue.items[2]!;
    expect(ransomItem).toMatchObject({
      statement: 'The ransom was 10 million euros',
      type: { name: 'Figure' },
      topic: { question: RANSOM },
      reviewer: { id: reviewer.userId, name: 'Rhea' },
      authorName: 'Awa',
      documents: [{ id: documentId, title: 'Brief' }],
    });
    // Not blind: the reasons name who said what.
    expect(ransomItem.reasons[0]).toMatchObject({ kind: 'analysts_disagree' });
    expect(ransomItem.reasons[0]!.detail).toContain('Binta rates it unlikely');
    expect(queue.facets.reviewers).toEqual([{ id: reviewer.userId, name: 'Rhea' }]);

    const mine = shaped(ReviewQueue, (await read('review-queue', reviewer.token, 'assignee=me')).json);
    expect(mine.items.map((i) => i.id)).toEqual([ransom]);
    expect(mine.matched).toBe(1);
    const why = shaped(
      ReviewQueue,
      (await read('review-queue', owner.token, 'reason=analysts_disagree')).json,
    );
    expect(why.items.map((i) => i.id)).toEqual([ransom]);
    const paged = shaped(ReviewQueue, (await read('review-queue', owner.token, 'offset=1&limit=1')).json);
    expect(paged).toMatchObject({ matched: 3, offset: 1, limit: 1, counts: { total: 3 } });
    expect(paged.items.map((i) => i.id)).toEqual([count150]);
  });

  it('hides who said what in the queue under blind assessments, as the app does', async () => {
    const { ransom } = await contestedWorld();
    await setBlindAssessments(store, { actor: owner, workspaceId, blind: true });
    const detail = async (who: Member) =>
      shaped(ReviewQueue, (await read('review-queue', who.token)).json).items.find((i) => i.id === ransom)!
        .reasons[0]!.detail;
    // The reviewer has not assessed it: only that analysts disagree.
    expect(await detail(reviewer)).toBe(
      'Analysts disagree. Record your own assessment to see who said what (blind assessments).',
    );
    // Those who assessed it, and viewers (who never rate), see who said what.
    expect(await detail(analyst)).toContain('Awa rates it likely');
    expect(await detail(viewer)).toContain('Binta rates it unlikely');
    await assess(reviewer, ransom, 'roughly_even_chance');
    expect(await detail(reviewer)).toContain('Binta rates it unlikely');
  });

  it('answers agreement overall, per topic and for one topic, under the blind rule', async () => {
    await contestedWorld();
    const open = await read('agreement', reviewer.token);
    expect(open.status).toBe(200);
    const all = shaped(Agreement, open.json);
    expect(all).toMatchObject({ topic: null, units: 2, raters: 2, pairableValues: 4, hiddenClaims: 0 });
    expect(all.alpha).not.toBeNull();
    expect(all.drivers).toEqual([
      expect.objectContaining({
        statement: 'The ransom was 10 million euros',
        share: 1,
        spread: 'unlikely (20–45%) to likely (55–80%)',
        ratings: expect.arrayContaining([{ name: 'Binta', label: 'unlikely (20–45%)' }]),
      }),
    ]);
    expect(all.byTopic.topics.map((t) => [t.question, t.units])).toEqual([
      [PRISONERS, 1],
      [RANSOM, 1],
    ]);
    const ransomTopic = all.topics.find((t) => t.question === RANSOM)!;
    const one = shaped(Agreement, (await read('agreement', reviewer.token, `topic=${ransomTopic.id}`)).json);
    expect(one).toMatchObject({ topic: ransomTopic, units: 1 });

    // Blind: the reviewer assessed nothing, so nothing counts for them; the viewer sees it all.
    await setBlindAssessments(store, { actor: owner, workspaceId, blind: true });
    const blind = shaped(Agreement, (await read('agreement', reviewer.token)).json);
    expect(blind).toMatchObject({ alpha: null, units: 0, hiddenClaims: 2, drivers: [] });
    expect(blind.byTopic.topics).toEqual([]);
    expect(JSON.stringify(blind)).not.toContain('Binta');
    const asViewer = shaped(Agreement, (await read('agreement', viewer.token)).json);
    expect(asViewer).toMatchObject({ units: 2, hiddenClaims: 0 });

    // A topic of another workspace is not found.
    const other = await outsider(store);
    const theirs = await read('agreement', reviewer.token, `topic=${other.workspaceId}`);
    expect(theirs).toMatchObject({ status: 404, json: { error: { code: 'not_found:topic' } } });
  });

  it.each(Object.keys(WORKSPACE_READS) as (keyof typeof WORKSPACE_READS)[])(
    '%s: 401 without a token, 404 for a member of another workspace',
    async (name) => {
      const anonymous = await read(name, null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.json.error.code).toBe('unauthenticated:token');
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const other = await outsider(store);
      const r = await read(name, other.token);
      expect(r).toMatchObject({ status: 404, json: { error: { code: 'not_found:workspace' } } });
      expect((await read(name, other.token, '', other.workspaceId)).status).toBe(200);
    },
  );

  it.each([
    ['review-queue', 'limit=0', 'limit', 'limit must be a whole number from 1 to 500.'],
    ['review-queue', 'limit=many', 'limit', 'limit must be a whole number from 1 to 500.'],
    ['review-queue', 'offset=-1', 'offset', 'offset must be a whole number from 0 to 1000000.'],
    [
      'review-queue',
      'reason=gossip',
      'reason',
      'reason must be one of: competing_values, mixed_evidence, analysts_disagree, disputed, in_review.',
    ],
    ['review-queue', `topic=${'x'.repeat(101)}`, 'topic', 'topic is at most 100 characters.'],
    ['agreement', 'topic=', 'topic', 'topic must not be empty.'],
  ] as const)('%s?%s is 422 naming the parameter', async (name, query, field, message) => {
    const r = await read(name, owner.token, query);
    expect(r.status).toBe(422);
    expect(r.json).toEqual({ error: { code: 'invalid:input', field, message } });
  });
});

describe('notifications over the REST API', () => {
  const list = (who: Member | null, query = '') =>
    call('GET', notifications.GET, '/notifications', { token: who?.token ?? null, query });
  const markRead = (who: Member | null, body: unknown) =>
    call('POST', notificationsRead.POST, '/notifications/read', { token: who?.token ?? null, body });

  it('lists one’s own notifications and marks them read', async () => {
    const { ransom, count206 } = await contestedWorld();
    await assignReviewer(store, { actor: owner, claimId: ransom, reviewerId: reviewer.userId });
    await assignReviewer(store, { actor: owner, claimId: count206, reviewerId: reviewer.userId });

    const r = await list(reviewer);
    expect(r.status).toBe(200);
    const body = shaped(NotificationList, r.json);
    expect(body.unread).toBe(2);
    expect(body.notifications).toHaveLength(2);
    expect(body.notifications[0]).toMatchObject({
      kind: 'assignment',
      workspaceId,
      workspaceName: 'Sahel desk',
      actorName: 'Awa',
      read: false,
    });
    expect(body.notifications.map((n) => n.claimId).sort()).toEqual([ransom, count206].sort());
    expect(body.notifications[0]!.text).toContain('Awa asked you to review');

    // The owner's claim became contested by the analyst's assessment.
    const owners = shaped(NotificationList, (await list(owner)).json);
    expect(owners.notifications.map((n) => [n.kind, n.claimId])).toContainEqual(['contested', ransom]);

    const limited = shaped(NotificationList, (await list(reviewer, 'limit=1')).json);
    expect(limited).toMatchObject({ unread: 2, notifications: [{ id: body.notifications[0]!.id }] });

    // Another member's ids are ignored.
    const ignored = await markRead(owner, { ids: [body.notifications[0]!.id] });
    expect(ignored).toMatchObject({ status: 200, json: { marked: 0 } });
    const one = await markRead(reviewer, { ids: [body.notifications[0]!.id] });
    expect(shaped(NotificationsMarked, one.json)).toEqual({ marked: 1, unread: 1 });
    expect(shaped(NotificationList, (await list(reviewer)).json).notifications.map((n) => n.read)).toEqual([
      true,
      false,
    ]);
    expect((await markRead(reviewer, { ids: 'all' })).json).toEqual({ marked: 1, unread: 0 });
  });

  it('answers 401 without a token and refuses bad input with 422', async () => {
    expect((await list(null)).status).toBe(401);
    expect((await markRead(null, { ids: 'all' })).status).toBe(401);
    expect(await list(owner, 'limit=501')).toMatchObject({
      status: 422,
      json: { error: { field: 'limit', message: 'limit must be a whole number from 1 to 500.' } },
    });
    for (const [body, field] of [
      [{ ids: 'some' }, 'ids'],
      [{ ids: [] }, 'ids'],
      [{}, 'ids'],
      [{ ids: 'all', also: 1 }, 'also'],
    ] as const) {
      const r = await markRead(owner, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json.error).toMatchObject({ code: 'invalid:input', field });
    }
    const notJson = await call('POST', notificationsRead.POST, '/notifications/read', {
      token: owner.token,
      raw: '{ids:',
    });
    expect(notJson).toMatchObject({ status: 400, json: { error: { code: 'bad_request:json' } } });
  });
});
