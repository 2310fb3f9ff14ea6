import { beforeEach, describe, expect, it } from 'vitest';
import { call, freshWorkspace, member, outsider, TEXT, type Member } from './_testing/client';
import * as documentRoute from './documents/[documentId]/route';
import * as revisions from './documents/[documentId]/revisions/route';
import * as claims from './documents/[documentId]/claims/route';
import * as documents from './workspaces/[workspaceId]/documents/route';

import type { Store } from '@/db/store';

let store: Store;
let owner: Member;
let workspaceId: string;

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
});

const importDoc = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call('POST', documents.POST, `/workspaces/${workspaceId}/documents`, {
    token,
    body,
    headers,
    params: { workspaceId },
  });

const BRIEF = { title: 'Brief', format: 'text', content: TEXT, outlet: 'RFI', publishedOn: '2020-10-09' };

describe('documents over the REST API', () => {
  it('imports a document (201, Location), lists it and reads it with its canonical text', async () => {
    const made = await importDoc(owner.token, { ...BRIEF, language: 'en' });
    expect(made.status).toBe(201);
    const id = made.json.id;
    expect(made.headers.get('location')).toBe(`/api/v1/documents/${id}`);
    expect(made.json).toMatchObject({
      workspaceId,
      title: 'Brief',
      outlet: 'RFI',
      publishedOn: '2020-10-09',
      language: 'en',
      revisionCount: 1,
      currentRevision: { number: 1, format: 'text' },
    });
    expect(made.json.text).toBeUndefined();

    const listed = await call('GET', documents.GET, `/workspaces/${workspaceId}/documents`, {
      token: owner.token,
      params: { workspaceId },
      query: 'q=brief&sort=title',
    });
    expect(listed.status).toBe(200);
    expect(listed.json.documents).toEqual([expect.objectContaining({ id, title: 'Brief', claimCount: 0 })]);

    const read = await call('GET', documentRoute.GET, `/documents/${id}`, {
      token: owner.token,
      params: { documentId: id },
    });
    expect(read.status).toBe(200);
    expect(read.json.text).toBe(TEXT);
    expect(read.json.currentRevision.id).toBe(made.json.currentRevision.id);
  });

  it('converts Markdown and sanitizes HTML as the app does', async () => {
    const md = await importDoc(owner.token, {
      title: 'Md',
      format: 'markdown',
      content: '# Head\n\nSome *text*.',
    });
    const html = await importDoc(owner.token, {
      title: 'Html',
      format: 'html',
      content: '<p>Safe<script>alert(1)</script> text</p><img src=x onerror=alert(1)>',
    });
    const text = async (id: string) =>
      (
        await call('GET', documentRoute.GET, `/documents/${id}`, {
          token: owner.token,
          params: { documentId: id },
        })
      ).json.text;
    expect(await text(md.json.id)).toBe('Head\n\nSome text.');
    expect(await text(html.json.id)).toBe('Safe text');
  });

  it.each([
    ['malformed JSON', { raw: '{"title": ' }, 400, 'bad_request:json', undefined],
    [
      'a form body',
      { raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_type:request',
      undefined,
    ],
    ['no title', { body: { format: 'text', content: 'x' } }, 422, 'invalid:input', 'title'],
    ['a bad date', { body: { ...BRIEF, publishedOn: 'yesterday' } }, 422, 'invalid:input', 'publishedOn'],
    ['an unknown format', { body: { ...BRIEF, format: 'pdf' } }, 422, 'invalid:input', 'format'],
    ['an unknown field', { body: { ...BRIEF, colour: 'red' } }, 422, 'invalid:input', 'colour'],
    [
      'a javascript: URL',
      { body: { ...BRIEF, sourceUrl: 'javascript:alert(1)' } },
      422,
      'invalid:input',
      'sourceUrl',
    ],
  ])('refuses %s', async (_name, request, status, code, field) => {
    const r = await call('POST', documents.POST, `/workspaces/${workspaceId}/documents`, {
      token: owner.token,
      params: { workspaceId },
      ...(request as object),
    });
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBe(code);
    expect(r.json.error.field).toBe(field);
    expect(JSON.stringify(r.json)).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('refuses a viewer (403) and an outsider (404)', async () => {
    const viewer = await member(store, owner, workspaceId, 'viewer');
    const r = await importDoc(viewer.token, BRIEF);
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('forbidden:workspace');
    const other = await outsider(store);
    expect((await importDoc(other.token, BRIEF)).status).toBe(404);

    const made = await importDoc(owner.token, BRIEF);
    const read = await call('GET', documentRoute.GET, `/documents/${made.json.id}`, {
      token: other.token,
      params: { documentId: made.json.id },
    });
    expect(read.status).toBe(404);
    expect(read.json.error.code).toBe('not_found:document');
    // A viewer reads.
    const asViewer = await call('GET', documentRoute.GET, `/documents/${made.json.id}`, {
      token: viewer.token,
      params: { documentId: made.json.id },
    });
    expect(asViewer.status).toBe(200);
  });
});

describe('revisions over the REST API', () => {
  let doc: { id: string; revisionId: string };
  const revise = (token: string, body: Record<string, unknown>, documentId = doc.id) =>
    call('POST', revisions.POST, `/documents/${documentId}/revisions`, {
      token,
      body,
      params: { documentId },
    });

  beforeEach(async () => {
    const made = await importDoc(owner.token, BRIEF);
    doc = { id: made.json.id, revisionId: made.json.currentRevision.id };
    const claim = await call('POST', claims.POST, `/documents/${doc.id}/claims`, {
      token: owner.token,
      params: { documentId: doc.id },
      body: {
        statement: 'Mali released 206 prisoners',
        type: 'Figure',
        kind: 'reported',
        target: { selector: { type: 'TextQuoteSelector', exact: '206' } },
      },
    });
    expect(claim.status).toBe(201);
  });

  it('adds a revision on the current one and re-anchors the passages', async () => {
    const r = await revise(owner.token, {
      format: 'text',
      content: `A new first paragraph.\n\n${TEXT}`,
      note: 'Added a lead',
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      created: true,
      revision: { number: 2, note: 'Added a lead', format: 'text' },
      anchors: { exact: 1, fuzzy: 0, orphaned: 0 },
    });
    const same = await revise(owner.token, { format: 'text', content: `A new first paragraph.\n\n${TEXT}` });
    expect(same.status).toBe(200);
    expect(same.json).toMatchObject({ created: false, revision: { number: 2 } });
  });

  it('counts orphaned passages and refuses a stale base revision (409)', async () => {
    const r = await revise(owner.token, {
      format: 'text',
      content: TEXT.replace('Most counts put the number at 206, although', 'Tallies vary widely;'),
      baseRevisionId: doc.revisionId,
    });
    expect(r.status).toBe(201);
    expect(r.json.anchors.orphaned).toBe(1);
    const stale = await revise(owner.token, {
      format: 'text',
      content: 'Late edit.',
      baseRevisionId: doc.revisionId,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('conflict:document');
  });

  it('refuses a viewer (403), an outsider (404) and an invalid body (422)', async () => {
    const viewer = await member(store, owner, workspaceId, 'viewer');
    expect((await revise(viewer.token, { format: 'text', content: 'x' })).status).toBe(403);
    const other = await outsider(store);
    expect((await revise(other.token, { format: 'text', content: 'x' })).status).toBe(404);
    const bad = await revise(owner.token, { format: 'text' });
    expect(bad).toMatchObject({ status: 422, json: { error: { code: 'invalid:input', field: 'content' } } });
  });
});
