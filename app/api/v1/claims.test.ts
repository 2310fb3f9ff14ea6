import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@/db/store';
import { listClaimTypes } from '@/db/queries/claim-types';
import { call, freshWorkspace, member, outsider, TEXT, type Member, importBrief } from './_testing/client';
import * as claimRoute from './claims/[claimId]/route';
import * as claims from './documents/[documentId]/claims/route';

let store: Store;
let owner: Member;
let workspaceId: string;
let documentId: string;
let figureTypeId: string;

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
  const made = await importBrief(owner, workspaceId);
  documentId = made.json.id;
  figureTypeId = (await listClaimTypes(store, { actor: owner, workspaceId })).find(
    (t) => t.name === 'Figure',
  )!.id;
});

const CLAIM = {
  statement: 'Mali released 206 prisoners',
  typeId: '',
  kind: 'reported',
  tags: ['prisoners', 'Mali'],
  quantity: { amount: 206, unit: 'persons' },
  topic: 'How many prisoners were released?',
  target: { selector: [{ type: 'TextQuoteSelector', exact: '206', prefix: 'number at ' }] },
};

const create = (token: string, body: Record<string, unknown>, docId = documentId) =>
  call('POST', claims.POST, `/documents/${docId}/claims`, { token, body, params: { documentId: docId } });
const get = (token: string, claimId: string) =>
  call('GET', claimRoute.GET, `/claims/${claimId}`, { token, params: { claimId } });
const patch = (token: string, claimId: string, body: unknown, ifMatch?: string) =>
  call('PATCH', claimRoute.PATCH, `/claims/${claimId}`, {
    token,
    body,
    params: { claimId },
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });

describe('claims over the REST API', () => {
  it('makes a claim from a quote target (201, ETag, Location) and lists and reads it', async () => {
    const r = await create(owner.token, { ...CLAIM, typeId: figureTypeId });
    expect(r.status).toBe(201);
    const id = r.json.id;
    expect(r.headers.get('etag')).toBe(`"claim-${id}-v1"`);
    expect(r.headers.get('location')).toBe(`/api/v1/claims/${id}`);
    const start = TEXT.indexOf('206');
    expect(r.json).toMatchObject({
      statement: 'Mali released 206 prisoners',
      type: { id: figureTypeId, name: 'Figure' },
      kind: 'reported',
      tags: ['Mali', 'prisoners'],
      quantity: { amount: '206', unit: 'persons', text: '206 persons' },
      topic: { question: 'How many prisoners were released?' },
      version: 1,
      anchors: [
        {
          documentId,
          status: 'exact',
          selector: [
            { type: 'TextQuoteSelector', exact: '206' },
            { type: 'TextPositionSelector', start, end: start + 3 },
          ],
        },
      ],
    });

    const listed = await call('GET', claims.GET, `/documents/${documentId}/claims`, {
      token: owner.token,
      params: { documentId },
    });
    expect(listed.status).toBe(200);
    expect(listed.json.claims).toEqual([expect.objectContaining({ id, quantity: '206 persons' })]);

    const read = await get(owner.token, id);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"claim-${id}-v1"`);
    expect(read.json.id).toBe(id);
  });

  it('takes the claim type by name and a position target', async () => {
    const start = TEXT.indexOf('10 million euros');
    const r = await create(owner.token, {
      statement: 'The ransom was 10 million euros',
      type: 'figure',
      kind: 'reported',
      target: { selector: { type: 'TextPositionSelector', start, end: start + 16 } },
    });
    expect(r.status).toBe(201);
    expect(r.json.type.name).toBe('Figure');
    expect(r.json.anchors[0].selector[0].exact).toBe('10 million euros');
  });

  it.each([
    ['an ambiguous quote', { target: { selector: { exact: 'the ransom' } } }, 'invalid:target', 'target'],
    [
      'a quote not in the text',
      { target: { selector: { exact: '207 prisoners' } } },
      'invalid:target',
      'target',
    ],
    [
      'a position past the end',
      { target: { selector: { start: 0, end: TEXT.length + 5 } } },
      'invalid:target',
      'target',
    ],
    ['no target', { target: undefined }, 'invalid:input', 'target'],
    ['an unknown type name', { typeId: undefined, type: 'Rumour' }, 'invalid:input', 'type'],
    ['another workspace’s type id', { typeId: 'not-a-type' }, 'invalid:claim', 'typeId'],
    ['a bad kind', { kind: 'gossip' }, 'invalid:input', 'kind'],
    ['a short statement', { statement: 'x' }, 'invalid:input', 'statement'],
    ['a bad quantity', { quantity: { amount: 'many' } }, 'invalid:input', 'quantity.amount'],
    ['an unknown field', { colour: 'red' }, 'invalid:input', 'colour'],
  ])('refuses %s with 422', async (_name, over, code, field) => {
    const r = await create(owner.token, { ...CLAIM, typeId: figureTypeId, ...over });
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({ code, field });
  });

  it('edits with If-Match: 428 without, 412 when stale (with the current claim), partial fields merged', async () => {
    const id = (await create(owner.token, { ...CLAIM, typeId: figureTypeId })).json.id;
    const tag1 = `"claim-${id}-v1"`;

    const missing = await patch(owner.token, id, { statement: 'Mali freed 206 prisoners' });
    expect(missing.status).toBe(428);
    expect(missing.json.error.code).toBe('precondition_required:claim');

    const ok = await patch(
      owner.token,
      id,
      { statement: 'Mali freed 206 prisoners', tags: ['release'] },
      tag1,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe(`"claim-${id}-v2"`);
    expect(ok.json).toMatchObject({
      statement: 'Mali freed 206 prisoners',
      tags: ['release'],
      kind: 'reported',
      typeId: figureTypeId,
      quantity: { amount: '206', unit: 'persons' },
      topic: { question: 'How many prisoners were released?' },
      version: 2,
    });

    const stale = await patch(owner.token, id, { statement: 'Someone else’s older edit' }, tag1);
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('precondition_failed:claim');
    expect(stale.json.current).toMatchObject({ id, statement: 'Mali freed 206 prisoners', version: 2 });
    expect(stale.headers.get('etag')).toBe(`"claim-${id}-v2"`);

    const cleared = await patch(owner.token, id, { quantity: null, topic: null }, `W/"claim-${id}-v2"`);
    expect(cleared.status).toBe(200);
    expect(cleared.json).toMatchObject({
      quantity: null,
      topic: null,
      statement: 'Mali freed 206 prisoners',
    });

    const invalid = await patch(owner.token, id, { kind: 'gossip' }, '*');
    expect(invalid).toMatchObject({ status: 422, json: { error: { code: 'invalid:input', field: 'kind' } } });
    const malformed = await call('PATCH', claimRoute.PATCH, `/claims/${id}`, {
      token: owner.token,
      raw: '{statement:',
      params: { claimId: id },
      headers: { 'if-match': '*' },
    });
    expect(malformed.status).toBe(400);
  });

  it('moves a claim to the trash (204), after which it is not found', async () => {
    const id = (await create(owner.token, { ...CLAIM, typeId: figureTypeId })).json.id;
    const r = await call('DELETE', claimRoute.DELETE, `/claims/${id}`, {
      token: owner.token,
      params: { claimId: id },
    });
    expect(r.status).toBe(204);
    expect(r.json).toBeNull();
    expect((await get(owner.token, id)).status).toBe(404);
  });

  it('lets a viewer read but not write (403), and an outsider nothing (404)', async () => {
    const id = (await create(owner.token, { ...CLAIM, typeId: figureTypeId })).json.id;
    const viewer = await member(store, owner, workspaceId, 'viewer');
    expect((await get(viewer.token, id)).status).toBe(200);
    expect((await create(viewer.token, { ...CLAIM, typeId: figureTypeId })).status).toBe(403);
    const edit = await patch(viewer.token, id, { statement: 'Viewer edit' }, `"claim-${id}-v1"`);
    expect(edit).toMatchObject({ status: 403, json: { error: { code: 'forbidden:workspace' } } });
    const del = await call('DELETE', claimRoute.DELETE, `/claims/${id}`, {
      token: viewer.token,
      params: { claimId: id },
    });
    expect(del.status).toBe(403);

    const other = await outsider(store);
    const read = await get(other.token, id);
    expect(read).toMatchObject({ status: 404, json: { error: { code: 'not_found:claim' } } });
    expect((await patch(other.token, id, { statement: 'Outsider edit' }, `"claim-${id}-v1"`)).status).toBe(
      404,
    );
    expect(
      (
        await call('DELETE', claimRoute.DELETE, `/claims/${id}`, {
          token: other.token,
          params: { claimId: id },
        })
      ).status,
    ).toBe(404);
    expect((await create(other.token, { ...CLAIM, typeId: figureTypeId })).status).toBe(404);
    expect(
      (
        await call('GET', claims.GET, `/documents/${documentId}/claims`, {
          token: other.token,
          params: { documentId },
        })
      ).status,
    ).toBe(404);
    expect((await get(owner.token, id)).json.statement).toBe(CLAIM.statement);
  });
});
