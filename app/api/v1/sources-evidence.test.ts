import { beforeEach, describe, expect, it } from 'vitest';
import { call, freshWorkspace, member, outsider, type Member, importBrief } from './_testing/client';
import * as claimEvidence from './claims/[claimId]/evidence/route';
import * as claims from './documents/[documentId]/claims/route';
import * as evidenceRoute from './evidence/[evidenceId]/route';
import * as sourceRoute from './sources/[sourceId]/route';
import * as sources from './workspaces/[workspaceId]/sources/route';

import type { Store } from '@/db/store';

let store: Store;
let owner: Member;
let workspaceId: string;
let claimId: string;

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
  const doc = await importBrief(owner, workspaceId);
  const claim = await call('POST', claims.POST, `/documents/${doc.json.id}/claims`, {
    token: owner.token,
    params: { documentId: doc.json.id },
    body: {
      statement: 'The ransom was 10 million euros',
      type: 'Figure',
      kind: 'reported',
      target: { selector: { exact: '10 million euros' } },
    },
  });
  claimId = claim.json.id;
});

const RFI = { name: 'RFI', kind: 'outlet', url: 'https://www.rfi.fr', reliability: 'B' };
const addSource = (token: string, body: unknown = RFI) =>
  call('POST', sources.POST, `/workspaces/${workspaceId}/sources`, { token, body, params: { workspaceId } });
const patchSource = (token: string, sourceId: string, body: unknown, ifMatch?: string) =>
  call('PATCH', sourceRoute.PATCH, `/sources/${sourceId}`, {
    token,
    body,
    params: { sourceId },
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });
const addEvidence = (token: string, body: unknown) =>
  call('POST', claimEvidence.POST, `/claims/${claimId}/evidence`, { token, body, params: { claimId } });
const patchEvidence = (token: string, evidenceId: string, body: unknown, ifMatch?: string) =>
  call('PATCH', evidenceRoute.PATCH, `/evidence/${evidenceId}`, {
    token,
    body,
    params: { evidenceId },
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });

describe('sources over the REST API', () => {
  it('adds, lists, reads (ETag, rating history) and edits a source with If-Match', async () => {
    const made = await addSource(owner.token);
    expect(made.status).toBe(201);
    const id = made.json.id;
    expect(made.headers.get('etag')).toBe(`"source-${id}-v1"`);
    expect(made.json).toMatchObject({ name: 'RFI', reliability: 'B', reliabilityLabel: 'Usually reliable' });

    const listed = await call('GET', sources.GET, `/workspaces/${workspaceId}/sources`, {
      token: owner.token,
      params: { workspaceId },
      query: 'q=rf',
    });
    expect(listed.json.sources.map((s: { id: string }) => s.id)).toEqual([id]);

    expect((await patchSource(owner.token, id, { description: 'French public radio' })).status).toBe(428);
    const noReason = await patchSource(owner.token, id, { reliability: 'C' }, `"source-${id}-v1"`);
    expect(noReason).toMatchObject({ status: 422, json: { error: { field: 'reason' } } });
    const rated = await patchSource(
      owner.token,
      id,
      { reliability: 'C', reason: 'Relied on one unnamed official' },
      `"source-${id}-v1"`,
    );
    expect(rated.status).toBe(200);
    expect(rated.json).toMatchObject({
      reliability: 'C',
      name: 'RFI',
      url: 'https://www.rfi.fr',
      version: 2,
    });
    expect(rated.json.ratingHistory.map((h: { reliability: string }) => h.reliability)).toEqual(['C', 'B']);

    const stale = await patchSource(
      owner.token,
      id,
      { name: 'Radio France Internationale' },
      `"source-${id}-v1"`,
    );
    expect(stale.status).toBe(412);
    expect(stale.json.current).toMatchObject({ reliability: 'C', version: 2 });

    const read = await call('GET', sourceRoute.GET, `/sources/${id}`, {
      token: owner.token,
      params: { sourceId: id },
    });
    expect(read.headers.get('etag')).toBe(`"source-${id}-v2"`);

    const bad = await addSource(owner.token, { ...RFI, reliability: 'Z' });
    expect(bad).toMatchObject({ status: 422, json: { error: { field: 'reliability' } } });

    const del = await call('DELETE', sourceRoute.DELETE, `/sources/${id}`, {
      token: owner.token,
      params: { sourceId: id },
    });
    expect(del.status).toBe(204);
    expect(
      (await call('GET', sourceRoute.GET, `/sources/${id}`, { token: owner.token, params: { sourceId: id } }))
        .status,
    ).toBe(404);
  });

  it('refuses a viewer (403) and an outsider (404)', async () => {
    const id = (await addSource(owner.token)).json.id;
    const viewer = await member(store, owner, workspaceId, 'viewer');
    expect((await addSource(viewer.token)).status).toBe(403);
    expect((await patchSource(viewer.token, id, { name: 'X' }, `"source-${id}-v1"`)).status).toBe(403);
    const other = await outsider(store);
    expect((await addSource(other.token)).status).toBe(404);
    const read = await call('GET', sourceRoute.GET, `/sources/${id}`, {
      token: other.token,
      params: { sourceId: id },
    });
    expect(read).toMatchObject({ status: 404, json: { error: { code: 'not_found:source' } } });
    expect((await patchSource(other.token, id, { name: 'X' }, `"source-${id}-v1"`)).status).toBe(404);
  });
});

describe('evidence over the REST API', () => {
  it('links a registry source or a new one, lists, reads and edits evidence with If-Match', async () => {
    const sourceId = (await addSource(owner.token)).json.id;
    const linked = await addEvidence(owner.token, {
      source: { id: sourceId },
      stance: 'supports',
      credibility: 2,
      quote: 'dix millions d’euros',
      locator: 'para 4',
    });
    expect(linked.status).toBe(201);
    const id = linked.json.id;
    expect(linked.headers.get('etag')).toBe(`"evidence-${id}-v1"`);
    expect(linked.json).toMatchObject({ claimId, source: { id: sourceId, name: 'RFI' }, rating: 'B2' });

    const created = await addEvidence(owner.token, {
      source: { create: { name: 'Le Point', kind: 'outlet', reliability: 'C' } },
      stance: 'contradicts',
      credibility: 3,
    });
    expect(created.status).toBe(201);
    expect(created.json.rating).toBe('C3');

    const listed = await call('GET', claimEvidence.GET, `/claims/${claimId}/evidence`, {
      token: owner.token,
      params: { claimId },
    });
    expect(listed.json.evidence.map((e: { stance: string }) => e.stance)).toEqual([
      'supports',
      'contradicts',
    ]);

    expect((await patchEvidence(owner.token, id, { credibility: 1 })).status).toBe(428);
    const edited = await patchEvidence(
      owner.token,
      id,
      { credibility: 1, note: 'Confirmed by AFP' },
      `"evidence-${id}-v1"`,
    );
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toBe(`"evidence-${id}-v2"`);
    expect(edited.json).toMatchObject({
      credibility: 1,
      rating: 'B1',
      note: 'Confirmed by AFP',
      quote: 'dix millions d’euros',
      stance: 'supports',
    });
    const stale = await patchEvidence(owner.token, id, { stance: 'qualifies' }, `"evidence-${id}-v1"`);
    expect(stale).toMatchObject({ status: 412, json: { current: { credibility: 1, version: 2 } } });
    const invalid = await patchEvidence(owner.token, id, { credibility: 9 }, `"evidence-${id}-v2"`);
    expect(invalid).toMatchObject({ status: 422, json: { error: { field: 'credibility' } } });

    const read = await call('GET', evidenceRoute.GET, `/evidence/${id}`, {
      token: owner.token,
      params: { evidenceId: id },
    });
    expect(read).toMatchObject({ status: 200, json: { id, version: 2 } });
    const del = await call('DELETE', evidenceRoute.DELETE, `/evidence/${id}`, {
      token: owner.token,
      params: { evidenceId: id },
    });
    expect(del.status).toBe(204);
    expect(
      (
        await call('GET', evidenceRoute.GET, `/evidence/${id}`, {
          token: owner.token,
          params: { evidenceId: id },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a source of another workspace, a viewer (403) and an outsider (404)', async () => {
    const other = await outsider(store);
    const foreign = await call('POST', sources.POST, `/workspaces/${other.workspaceId}/sources`, {
      token: other.token,
      params: { workspaceId: other.workspaceId },
      body: RFI,
    });
    const r = await addEvidence(owner.token, {
      source: { id: foreign.json.id },
      stance: 'supports',
      credibility: 2,
    });
    expect(r).toMatchObject({ status: 404, json: { error: { code: 'not_found:source' } } });

    const sourceId = (await addSource(owner.token)).json.id;
    const body = { source: { id: sourceId }, stance: 'supports', credibility: 2 };
    const id = (await addEvidence(owner.token, body)).json.id;
    const viewer = await member(store, owner, workspaceId, 'viewer');
    expect((await addEvidence(viewer.token, body)).status).toBe(403);
    expect((await patchEvidence(viewer.token, id, { credibility: 1 }, `"evidence-${id}-v1"`)).status).toBe(
      403,
    );
    expect((await addEvidence(other.token, body)).status).toBe(404);
    const read = await call('GET', evidenceRoute.GET, `/evidence/${id}`, {
      token: other.token,
      params: { evidenceId: id },
    });
    expect(read).toMatchObject({ status: 404, json: { error: { code: 'not_found:evidence' } } });
    expect((await patchEvidence(other.token, id, { credibility: 1 }, `"evidence-${id}-v1"`)).status).toBe(
      404,
    );
    const del = await call('DELETE', evidenceRoute.DELETE, `/evidence/${id}`, {
      token: other.token,
      params: { evidenceId: id },
    });
    expect(del.status).toBe(404);
  });
});
