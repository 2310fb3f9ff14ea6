import { beforeEach, describe, expect, it } from 'vitest';
import { setBlindAssessments } from '@/db/queries/review';
import type { Store } from '@/db/store';
import { call, freshWorkspace, importBrief, member, outsider, type Member } from './_testing/client';
import * as assessment from './claims/[claimId]/assessment/route';
import * as claimComments from './claims/[claimId]/comments/route';
import * as decisions from './claims/[claimId]/decisions/route';
import * as disputes from './claims/[claimId]/disputes/route';
import * as history from './claims/[claimId]/history/route';
import * as reviewer from './claims/[claimId]/reviewer/route';
import * as claimRoute from './claims/[claimId]/route';
import * as submit from './claims/[claimId]/submit/route';
import * as resolution from './comments/[commentId]/resolution/route';
import * as comment from './comments/[commentId]/route';
import * as claims from './documents/[documentId]/claims/route';

let store: Store;
let owner: Member;
let workspaceId: string;
let claimId: string;
let rhea: Member;
let ezra: Member;
let vera: Member;

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
  rhea = await member(store, owner, workspaceId, 'reviewer', 'Rhea Reviewer');
  ezra = await member(store, owner, workspaceId, 'editor', 'Ezra Editor');
  vera = await member(store, owner, workspaceId, 'viewer', 'Vera Viewer');
  const doc = await importBrief(owner, workspaceId);
  claimId = (
    await call('POST', claims.POST, `/documents/${doc.json.id}/claims`, {
      token: ezra.token,
      params: { documentId: doc.json.id },
      body: {
        statement: 'Mali released 206 prisoners',
        type: 'Figure',
        kind: 'reported',
        target: { selector: { exact: '206' } },
      },
    })
  ).json.id;
});

type Opts = { body?: unknown; headers?: Record<string, string>; query?: string; id?: string };
const onClaim =
  (method: string, handler: unknown, tail: string) =>
  (token: string | null, { body, headers, query, id = claimId }: Opts = {}) =>
    call(method, handler, `/claims/${id}${tail}`, { token, body, headers, query, params: { claimId: id } });
const onComment =
  (method: string, handler: unknown, tail = '') =>
  (token: string | null, id: string, { body, headers }: Opts = {}) =>
    call(method, handler, `/comments/${id}${tail}`, { token, body, headers, params: { commentId: id } });

const getHistory = onClaim('GET', history.GET, '/history');
const listComments = onClaim('GET', claimComments.GET, '/comments');
const postComment = onClaim('POST', claimComments.POST, '/comments');
const listDisputes = onClaim('GET', disputes.GET, '/disputes');
const postDispute = onClaim('POST', disputes.POST, '/disputes');
const listDecisions = onClaim('GET', decisions.GET, '/decisions');
const postDecision = onClaim('POST', decisions.POST, '/decisions');
const postSubmit = onClaim('POST', submit.POST, '/submit');
const putReviewer = onClaim('PUT', reviewer.PUT, '/reviewer');
const getClaim = onClaim('GET', claimRoute.GET, '');
const putAssessment = onClaim('PUT', assessment.PUT, '/assessment');
const getComment = onComment('GET', comment.GET);
const patchComment = onComment('PATCH', comment.PATCH);
const deleteComment = onComment('DELETE', comment.DELETE);
const putResolution = onComment('PUT', resolution.PUT, '/resolution');

const JUDGMENT = { likelihood: 'likely', confidence: 'moderate' };

/** The claim's current review version, as a reviewer reads it before deciding. */
const reviewVersion = async (token = rhea.token) => (await listDecisions(token)).json.reviewVersion as number;

describe('a claim’s review over the REST API', () => {
  it('runs a reviewer’s whole flow: submit, dispute, comment, assign, decide with a judgment, history', async () => {
    const submitted = await postSubmit(ezra.token);
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ claimId, status: 'in_review', version: 2, reviewer: null });
    expect(submitted.headers.get('etag')).toBe(`"claim-${claimId}-v2"`);
    expect(submitted.json.etag).toBe(submitted.headers.get('etag'));
    expect((await getClaim(ezra.token)).headers.get('etag')).toBe(`"claim-${claimId}-v2"`);
    expect(await postSubmit(ezra.token)).toMatchObject({
      status: 409,
      json: { error: { code: 'conflict:claim' } },
    });

    const disputed = await postDispute(ezra.token, {
      body: { reason: 'The ministry figure is lower.' },
    });
    expect(disputed.status).toBe(201);
    expect(disputed.json).toMatchObject({
      claimId,
      user: { id: ezra.userId, name: 'Ezra Editor' },
      reason: 'The ministry figure is lower.',
      resolvedAt: null,
    });
    expect((await listDisputes(rhea.token)).json).toMatchObject({
      claimId,
      open: 1,
      disputes: [disputed.json],
    });

    const thread = await postComment(ezra.token, { body: { body: 'Which **ministry**, @Rhea Reviewer?' } });
    expect(thread.status).toBe(201);
    expect(thread.headers.get('location')).toBe(`/api/v1/comments/${thread.json.id}`);
    expect(thread.headers.get('etag')).toBe(`"comment-${thread.json.id}-v1"`);
    expect(thread.json).toMatchObject({
      claimId,
      parentId: null,
      author: { id: ezra.userId, name: 'Ezra Editor' },
      body: 'Which **ministry**, @Rhea Reviewer?',
      mine: true,
      resolved: null,
      version: 1,
    });
    expect(thread.json.html).toContain('<strong>ministry</strong>');
    expect(thread.json.html).toContain(`data-user-id="${rhea.userId}"`);
    const reply = await postComment(rhea.token, { body: { body: 'Interior.', parentId: thread.json.id } });
    expect(reply).toMatchObject({
      status: 201,
      json: { parentId: thread.json.id, author: { name: 'Rhea Reviewer' } },
    });
    // A reply to a reply joins the same thread.
    const nested = await postComment(ezra.token, { body: { body: 'Thanks.', parentId: reply.json.id } });
    expect(nested.json.parentId).toBe(thread.json.id);
    const discussion = await listComments(rhea.token);
    expect(discussion.status).toBe(200);
    expect(discussion.json.nextCursor).toBeNull();
    expect(discussion.json.threads).toHaveLength(1);
    expect(discussion.json.threads[0]).toMatchObject({
      id: thread.json.id,
      body: null, // the Markdown is its author's, to edit
      mine: false,
      replies: [
        { id: reply.json.id, body: 'Interior.', mine: true },
        { id: nested.json.id, parentId: thread.json.id },
      ],
    });

    const assigned = await putReviewer(ezra.token, { body: { userId: rhea.userId } });
    expect(assigned).toMatchObject({
      status: 200,
      json: { claimId, status: 'in_review', reviewer: { id: rhea.userId, name: 'Rhea Reviewer' } },
    });

    const before = await listDecisions(rhea.token);
    expect(before.json).toMatchObject({ claimId, status: 'in_review', canAdjudicate: true, decisions: [] });
    expect((await listDecisions(ezra.token)).json.canAdjudicate).toBe(false);
    const decided = await postDecision(rhea.token, {
      body: {
        outcome: 'accepted',
        rationale: 'Two counts agree on 206.',
        version: before.json.reviewVersion,
        ...JUDGMENT,
      },
    });
    expect(decided.status).toBe(201);
    expect(decided.json).toMatchObject({
      decision: {
        claimId,
        outcome: 'accepted',
        label: 'Accepted',
        rationale: 'Two counts agree on 206.',
        likelihood: 'likely',
        confidence: 'moderate',
        judgment: 'likely (55–80%) · moderate confidence',
        judgmentHidden: false,
        decidedBy: { id: rhea.userId, name: 'Rhea Reviewer' },
        current: true,
      },
      claim: { claimId, status: 'accepted', version: 3 },
      alternatives: 0,
    });
    // The claim's new ETag, as its own GET answers it: ready for a PATCH.
    expect(decided.json.claim.etag).toBe((await getClaim(rhea.token)).headers.get('etag'));
    expect((await listDisputes(ezra.token)).json.open).toBe(0);
    const listed = await listDecisions(ezra.token);
    expect(listed.json.decisions).toEqual([decided.json.decision]);

    // The same picture twice: the second decision names a review version that is gone.
    const stale = await postDecision(rhea.token, {
      body: { outcome: 'rejected', rationale: 'Changed my mind.', version: before.json.reviewVersion },
    });
    expect(stale).toMatchObject({ status: 409, json: { error: { code: 'conflict:claim' } } });

    const timeline = await getHistory(vera.token);
    expect(timeline.status).toBe(200);
    expect(timeline.json.claimId).toBe(claimId);
    const actions = timeline.json.entries.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 1)).toEqual(['claim.adjudicate']);
    for (const a of [
      'claim.assign',
      'comment.create',
      'claim.dispute',
      'claim.submit_review',
      'claim.create',
    ])
      expect(actions).toContain(a);
    const decision = timeline.json.entries[0];
    expect(decision).toMatchObject({ who: 'Rhea Reviewer', note: 'Two counts agree on 206.' });
    expect(JSON.stringify(decision)).toContain('likely');
    // Comments are read in the discussion, not quoted in the history.
    expect(JSON.stringify(timeline.json)).not.toContain('Which **ministry**');

    const unassigned = await putReviewer(owner.token, { body: { userId: null } });
    expect(unassigned).toMatchObject({ status: 200, json: { reviewer: null } });
  });

  it('withholds the team’s judgment from an analyst without an assessment (blind assessments)', async () => {
    await setBlindAssessments(store, { actor: owner, workspaceId, blind: true });
    const decided = await postDecision(rhea.token, {
      body: {
        outcome: 'rejected',
        rationale: 'The ministry figure stands.',
        version: await reviewVersion(),
        likelihood: 'unlikely',
        confidence: 'high',
      },
    });
    expect(decided.status).toBe(201);
    // The decider sees their own judgment.
    expect(decided.json.decision).toMatchObject({ likelihood: 'unlikely', judgmentHidden: false });

    const hidden = await listDecisions(ezra.token);
    expect(hidden.json.decisions[0]).toMatchObject({
      outcome: 'rejected',
      rationale: 'The ministry figure stands.',
      likelihood: null,
      confidence: null,
      judgment: null,
      judgmentHidden: true,
    });
    const entry = (await getHistory(ezra.token)).json.entries.find(
      (e: { action: string }) => e.action === 'claim.adjudicate',
    );
    expect(entry.note).toBe('The ministry figure stands.');
    expect(JSON.stringify(entry)).not.toMatch(/unlikely|high confidence/i);

    // A viewer never assesses, so is never anchored: sees it.
    expect((await listDecisions(vera.token)).json.decisions[0]).toMatchObject({
      likelihood: 'unlikely',
      judgmentHidden: false,
    });
    // The analyst's own assessment in, the judgment shows.
    expect(
      (
        await putAssessment(ezra.token, {
          body: { likelihood: 'likely', confidence: 'low', rationale: 'Two outlets.' },
        })
      ).status,
    ).toBe(201);
    expect((await listDecisions(ezra.token)).json.decisions[0]).toMatchObject({
      likelihood: 'unlikely',
      confidence: 'high',
      judgmentHidden: false,
    });
    const after = (await getHistory(ezra.token)).json.entries.find(
      (e: { action: string }) => e.action === 'claim.adjudicate',
    );
    expect(JSON.stringify(after)).toMatch(/unlikely/);
  });

  it('edits a comment only with If-Match (428, 412), resolves and reopens a thread, deletes', async () => {
    const made = await postComment(ezra.token, { body: { body: 'First take.' } });
    const id = made.json.id;
    const got = await getComment(vera.token, id);
    expect(got).toMatchObject({ status: 200, json: { id, body: null, mine: false, canDelete: false } });
    expect(got.headers.get('etag')).toBe(`"comment-${id}-v1"`);

    expect(await patchComment(ezra.token, id, { body: { body: 'Second take.' } })).toMatchObject({
      status: 428,
      json: { error: { code: 'precondition_required:comment' } },
    });
    const edited = await patchComment(ezra.token, id, {
      body: { body: 'Second take.' },
      headers: { 'if-match': `"comment-${id}-v1"` },
    });
    expect(edited).toMatchObject({ status: 200, json: { body: 'Second take.', version: 2 } });
    expect(edited.json.editedAt).not.toBeNull();
    expect(edited.headers.get('etag')).toBe(`"comment-${id}-v2"`);
    const stale = await patchComment(ezra.token, id, {
      body: { body: 'Third take.' },
      headers: { 'if-match': `"comment-${id}-v1"` },
    });
    expect(stale).toMatchObject({
      status: 412,
      json: { error: { code: 'precondition_failed:comment' }, current: { body: 'Second take.', version: 2 } },
    });
    expect(stale.headers.get('etag')).toBe(`"comment-${id}-v2"`);
    // Only its author edits it (a member who may comment: 403; a viewer too).
    expect(
      (await patchComment(rhea.token, id, { body: { body: 'Mine now.' }, headers: { 'if-match': '*' } }))
        .status,
    ).toBe(403);

    const resolved = await putResolution(rhea.token, id, { body: { resolved: true } });
    expect(resolved).toMatchObject({
      status: 200,
      json: { id, resolved: { byName: 'Rhea Reviewer' }, version: 2 },
    });
    expect((await listComments(ezra.token)).json.threads[0].resolved).toMatchObject({
      byName: 'Rhea Reviewer',
    });
    expect((await putResolution(ezra.token, id, { body: { resolved: false } })).json.resolved).toBeNull();
    const reply = await postComment(rhea.token, { body: { body: 'A reply.', parentId: id } });
    expect(await putResolution(ezra.token, reply.json.id, { body: { resolved: true } })).toMatchObject({
      status: 422,
      json: { error: { code: 'invalid:comment' } },
    });
    expect((await putResolution(vera.token, id, { body: { resolved: true } })).status).toBe(403);

    // Another member's comment: not theirs to delete; an owner's to moderate.
    expect((await deleteComment(rhea.token, id)).status).toBe(403);
    expect((await deleteComment(vera.token, reply.json.id)).status).toBe(403);
    expect((await deleteComment(rhea.token, reply.json.id)).status).toBe(204);
    expect((await deleteComment(owner.token, id)).status).toBe(204);
    expect((await getComment(ezra.token, id)).status).toBe(404);
    expect((await listComments(ezra.token)).json.threads).toEqual([]);
  });

  it('pages the discussion by threads', async () => {
    for (const n of [1, 2, 3]) {
      await postComment(ezra.token, { body: { body: `Thread ${n}` } });
      // Threads are ordered by when they were started (to the millisecond): one apart.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const newest = await listComments(ezra.token, { query: 'limit=2' });
    expect(newest.json.threads.map((t: { body: string }) => t.body)).toEqual(['Thread 2', 'Thread 3']);
    expect(newest.json.nextCursor).toEqual(expect.any(String));
    const earlier = await listComments(ezra.token, {
      query: `limit=2&cursor=${encodeURIComponent(newest.json.nextCursor)}`,
    });
    expect(earlier.json).toMatchObject({ threads: [{ body: 'Thread 1' }], nextCursor: null });
  });

  it('refuses roles that may not (403), strangers (404) and requests without a token (401)', async () => {
    const version = await reviewVersion();
    const decision = { outcome: 'accepted', rationale: 'Fine.', version };
    expect((await postDecision(ezra.token, { body: decision })).status).toBe(403);
    expect((await postDecision(vera.token, { body: decision })).status).toBe(403);
    expect((await postSubmit(vera.token)).status).toBe(403);
    expect((await postDispute(vera.token, { body: { reason: 'No.' } })).status).toBe(403);
    expect((await postComment(vera.token, { body: { body: 'Hello.' } })).status).toBe(403);
    expect((await putReviewer(vera.token, { body: { userId: rhea.userId } })).status).toBe(403);
    for (const read of [getHistory, listComments, listDisputes, listDecisions])
      expect((await read(vera.token)).status).toBe(200);

    const made = await postComment(ezra.token, { body: { body: 'Ours.' } });
    const other = await outsider(store);
    for (const read of [getHistory, listComments, listDisputes, listDecisions])
      expect(await read(other.token)).toMatchObject({
        status: 404,
        json: { error: { code: 'not_found:claim' } },
      });
    expect((await postDecision(other.token, { body: decision })).status).toBe(404);
    expect((await postSubmit(other.token)).status).toBe(404);
    expect((await postDispute(other.token, { body: { reason: 'No.' } })).status).toBe(404);
    expect((await postComment(other.token, { body: { body: 'Hi.' } })).status).toBe(404);
    expect((await putReviewer(other.token, { body: { userId: null } })).status).toBe(404);
    expect(await getComment(other.token, made.json.id)).toMatchObject({
      status: 404,
      json: { error: { code: 'not_found:comment' } },
    });
    expect(
      (await patchComment(other.token, made.json.id, { body: { body: 'x' }, headers: { 'if-match': '*' } }))
        .status,
    ).toBe(404);
    expect((await deleteComment(other.token, made.json.id)).status).toBe(404);
    expect((await putResolution(other.token, made.json.id, { body: { resolved: true } })).status).toBe(404);
    // A member of another workspace may not be assigned.
    expect(await putReviewer(owner.token, { body: { userId: other.userId } })).toMatchObject({
      status: 422,
      json: { error: { field: 'userId' } },
    });

    const anonymous = await getHistory(null);
    expect(anonymous).toMatchObject({ status: 401, json: { error: { code: 'unauthenticated:token' } } });
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await postDecision(null, { body: decision })).status).toBe(401);
    expect((await getComment('wrn_not-a-real-token-at-all-0000000', made.json.id)).status).toBe(401);
  });

  it('refuses invalid bodies with 422 naming the field', async () => {
    const version = await reviewVersion();
    const field = async (answer: Promise<{ status: number; json: { error: { field?: string } } }>) => {
      const a = await answer;
      expect(a.status).toBe(422);
      return a.json.error.field;
    };
    expect(
      await field(
        postDecision(rhea.token, {
          body: { outcome: 'accepted', rationale: 'ok', version, likelihood: 'likely' },
        }),
      ),
    ).toBe('confidence');
    expect(
      await field(
        postDecision(rhea.token, { body: { outcome: 'disputed', rationale: 'ok', version, ...JUDGMENT } }),
      ),
    ).toBe('likelihood');
    expect(
      await field(postDecision(rhea.token, { body: { outcome: 'maybe', rationale: 'ok', version } })),
    ).toBe('outcome');
    expect(
      await field(postDecision(rhea.token, { body: { outcome: 'accepted', rationale: '  ', version } })),
    ).toBe('rationale');
    expect(await field(postDecision(rhea.token, { body: { outcome: 'accepted', rationale: 'ok' } }))).toBe(
      'version',
    );
    expect(
      await field(
        postDecision(rhea.token, { body: { outcome: 'accepted', rationale: 'ok', version, reason: 'x' } }),
      ),
    ).toBe('reason');
    expect(
      await field(
        postDecision(rhea.token, {
          body: { outcome: 'accepted', rationale: 'ok', version, preferredClaimId: claimId },
        }),
      ),
    ).toBe('preferredClaimId');
    expect(await field(postDispute(ezra.token, { body: {} }))).toBe('reason');
    expect(await field(postComment(ezra.token, { body: { body: '   ' } }))).toBe('body');
    expect(await field(postComment(ezra.token, { body: { body: 'ok', replyTo: 'x' } }))).toBe('replyTo');
    expect(await field(putReviewer(ezra.token, { body: { userId: vera.userId } }))).toBe('userId');
    expect(await field(putReviewer(ezra.token, { body: {} }))).toBe('userId');
    expect(await field(listComments(ezra.token, { query: 'limit=0' }))).toBe('limit');
    expect(await field(listComments(ezra.token, { query: 'cursor=nonsense' }))).toBe('cursor');
    const made = await postComment(ezra.token, { body: { body: 'ok' } });
    expect(
      await field(
        patchComment(ezra.token, made.json.id, { body: { body: '' }, headers: { 'if-match': '*' } }),
      ),
    ).toBe('body');
    expect(await field(putResolution(ezra.token, made.json.id, { body: { resolved: 'yes' } }))).toBe(
      'resolved',
    );
    // A reply to a comment that does not exist: 404.
    expect((await postComment(ezra.token, { body: { body: 'ok', parentId: 'nope' } })).status).toBe(404);
    // Not JSON: 400.
    const raw = await call('POST', disputes.POST, `/claims/${claimId}/disputes`, {
      token: ezra.token,
      raw: '{"reason":',
      params: { claimId },
    });
    expect(raw.status).toBe(400);
  });
});
