/**
 * GET /api/v1/workspaces/{id}/search: the data layer's results (db/queries/search.test.ts covers
 * what is found) as the API presents them, its parameters validated, and membership.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@/db/store';
import { call, freshWorkspace, importBrief, member, outsider, type Member } from './_testing/client';
import * as claims from './documents/[documentId]/claims/route';
import * as search from './workspaces/[workspaceId]/search/route';

let store: Store;
let owner: Member;
let workspaceId: string;
let documentId: string;

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
  documentId = (await importBrief(owner, workspaceId)).json.id;
  await call('POST', claims.POST, `/documents/${documentId}/claims`, {
    token: owner.token,
    params: { documentId },
    body: {
      statement: 'The ransom was 10 million euros',
      type: 'Figure',
      kind: 'reported',
      target: { selector: { exact: 'the ransom was 10 million euros' } },
    },
  });
});

const find = (token: string, query: string, id = workspaceId) =>
  call('GET', search.GET, `/workspaces/${id}/search`, { token, query, params: { workspaceId: id } });

describe('search over the REST API', () => {
  it('answers results grouped by kind, with snippets in parts and where each opens', async () => {
    const found = await find(owner.token, 'q=ransom%20million%20-2.5');
    expect(found.status).toBe(200);
    expect(found.json.query).toBe('ransom million -"2 5"');
    expect(found.json.groups.map((g: { kind: string }) => g.kind)).toEqual(['claim']);
    const all = await find(owner.token, 'q=ransom%20million');
    expect(all.json.groups.map((g: { kind: string }) => g.kind)).toEqual(['passage', 'claim']);
    const [passage] = all.json.groups[0].results;
    expect(passage).toMatchObject({
      kind: 'passage',
      documentId,
      context: 'Brief',
      url: expect.stringMatching(`/documents/${documentId}\\?at=\\d+-\\d+$`),
    });
    expect(passage.snippet).toContainEqual({ text: 'ransom', match: true });
    expect(passage.snippet.map((p: { text: string }) => p.text).join('')).toContain('10 million euros');
    const claim = all.json.groups[1].results[0];
    expect(claim).toMatchObject({
      kind: 'claim',
      context: 'The ransom was 10 million euros',
      url: `/w/${workspaceId}/claims/${claim.claimId}`,
    });
  });

  it('takes kinds and limits, and refuses bad parameters with a clear message', async () => {
    const claimsOnly = await find(owner.token, 'q=ransom&kind=claim,comment&limit=1');
    expect(claimsOnly.json.groups).toHaveLength(1);
    expect(claimsOnly.json.groups[0]).toMatchObject({ kind: 'claim', more: false });
    const bad = await find(owner.token, 'q=ransom&kind=assessment');
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toContain('Choose kinds among passage');
    expect((await find(owner.token, 'q=x&from=yesterday')).status).toBe(422);
    expect((await find(owner.token, 'q=')).json.groups).toEqual([]);
  });

  it('is open to every member and to no one else', async () => {
    const viewer = await member(store, owner, workspaceId, 'viewer');
    expect((await find(viewer.token, 'q=ransom')).json.groups.length).toBe(2);
    const stranger = await outsider(store);
    expect((await find(stranger.token, 'q=ransom')).status).toBe(404);
    expect((await find(stranger.token, 'q=ransom', stranger.workspaceId)).json.groups).toEqual([]);
  });
});
