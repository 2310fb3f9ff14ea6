import { beforeEach, describe, expect, it } from 'vitest';
import { setBlindAssessments } from '@/db/queries/review';
import type { Store } from '@/db/store';
import { call, freshWorkspace, member, outsider, type Member, importBrief } from './_testing/client';
import * as assessment from './claims/[claimId]/assessment/route';
import * as assessments from './claims/[claimId]/assessments/route';
import * as claims from './documents/[documentId]/claims/route';

let store: Store;
let owner: Member;
let workspaceId: string;
let claimId: string;

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
  const doc = await importBrief(owner, workspaceId);
  claimId = (
    await call('POST', claims.POST, `/documents/${doc.json.id}/claims`, {
      token: owner.token,
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

const JUDGMENT = { likelihood: 'likely', confidence: 'moderate', rationale: 'Two outlets agree on 206.' };
const put = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  call('PUT', assessment.PUT, `/claims/${claimId}/assessment`, { token, body, headers, params: { claimId } });
const list = (token: string) =>
  call('GET', assessments.GET, `/claims/${claimId}/assessments`, { token, params: { claimId } });

describe('assessments over the REST API', () => {
  it('records (201) and revises (200) one’s own assessment, with conditional requests', async () => {
    const first = await put(owner.token, JUDGMENT, { 'if-none-match': '*' });
    expect(first.status).toBe(201);
    expect(first.headers.get('etag')).toBe(`"assessment-${claimId}-v1"`);
    expect(first.json).toMatchObject({
      mine: true,
      likelihood: 'likely',
      label: 'likely (55–80%) · moderate confidence',
    });

    const again = await put(owner.token, JUDGMENT, { 'if-none-match': '*' });
    expect(again.status).toBe(412);

    const revised = await put(
      owner.token,
      { ...JUDGMENT, confidence: 'high' },
      { 'if-match': `"assessment-${claimId}-v1"` },
    );
    expect(revised.status).toBe(200);
    expect(revised.json).toMatchObject({ confidence: 'high', version: 2 });

    const stale = await put(
      owner.token,
      { ...JUDGMENT, confidence: 'low' },
      { 'if-match': `"assessment-${claimId}-v1"` },
    );
    expect(stale).toMatchObject({ status: 412, json: { current: { confidence: 'high', version: 2 } } });

    const lastWriteWins = await put(owner.token, { ...JUDGMENT, likelihood: 'very_likely' });
    expect(lastWriteWins).toMatchObject({ status: 200, json: { likelihood: 'very_likely', version: 3 } });

    const invalid = await put(owner.token, { ...JUDGMENT, likelihood: 'probable' });
    expect(invalid).toMatchObject({
      status: 422,
      json: { error: { code: 'invalid:input', field: 'likelihood' } },
    });
  });

  it('respects blind assessments: the others’ are hidden until one records one’s own', async () => {
    await put(owner.token, JUDGMENT);
    await setBlindAssessments(store, { actor: owner, workspaceId, blind: true });
    const analyst = await member(store, owner, workspaceId, 'editor', 'Binta');
    const before = await list(analyst.token);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ blind: true, hiddenCount: 1, assessments: [] });
    await put(analyst.token, { ...JUDGMENT, likelihood: 'unlikely' });
    const after = await list(analyst.token);
    expect(after.json.hiddenCount).toBe(0);
    expect(after.json.assessments.map((a: { user: { name: string } }) => a.user.name).sort()).toEqual([
      'Awa',
      'Binta',
    ]);
    // A viewer may not assess, so is never anchored: sees them all.
    const viewer = await member(store, owner, workspaceId, 'viewer');
    expect((await list(viewer.token)).json.assessments).toHaveLength(2);
  });

  it('refuses a viewer (403) and an outsider (404)', async () => {
    const viewer = await member(store, owner, workspaceId, 'viewer');
    expect((await put(viewer.token, JUDGMENT)).status).toBe(403);
    const other = await outsider(store);
    expect((await put(other.token, JUDGMENT)).status).toBe(404);
    expect((await list(other.token)).status).toBe(404);
    expect((await list('wrn_not-a-real-token-at-all-0000000')).status).toBe(401);
  });
});
