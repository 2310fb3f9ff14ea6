import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@/db/store';
import { closeJobPool } from '@/lib/jobs/pool';
import { PDF_LIMITS } from '@/lib/documents/pdf';
import { makeBlankPdf, makePdf, reportPdf } from '@/lib/documents/pdf-fixture';
import { parse } from 'csv-parse/sync';
import { call, freshWorkspace, member, type Member } from './_testing/client';
import { checkAnswer } from './_testing/openapi-check';
import * as exportRoute from './workspaces/[workspaceId]/export/route';
import * as claimRoute from './claims/[claimId]/route';
import * as documentRoute from './documents/[documentId]/route';
import * as claims from './documents/[documentId]/claims/route';
import * as documents from './workspaces/[workspaceId]/documents/route';

let store: Store;
let owner: Member;
let workspaceId: string;

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
});
afterAll(closeJobPool);

/** POST a file as multipart/form-data, as a client uploading a PDF does. */
async function upload(token: string, file: Uint8Array, name = 'report.pdf', type = 'application/pdf') {
  const form = new FormData();
  form.set('title', 'Port incident report');
  form.set('file', new File([file as BlobPart], name, { type }));
  const request = new Request(`http://localhost/api/v1/workspaces/${workspaceId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const response = await documents.POST(request, { params: Promise.resolve({ workspaceId }) as never });
  const json = JSON.parse(await response.text());
  checkAnswer(
    'POST',
    `/workspaces/${workspaceId}/documents`,
    response.status,
    response.headers.get('content-type'),
    json,
  );
  return { status: response.status, json };
}

describe('importing a PDF over the REST API', () => {
  it('imports a .pdf upload (format pdf) and a claim on page 2 knows its page', async () => {
    const made = await upload(owner.token, await reportPdf());
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ title: 'Port incident report', currentRevision: { format: 'pdf' } });
    const documentId = made.json.id;

    const read = await call('GET', documentRoute.GET, `/documents/${documentId}`, {
      token: owner.token,
      params: { documentId },
    });
    expect(read.json.text).toContain('the ransom paid was 2.5 million euros');
    expect(read.json.text).not.toContain('Harbour Authority');

    const claim = await call('POST', claims.POST, `/documents/${documentId}/claims`, {
      token: owner.token,
      params: { documentId },
      body: {
        statement: 'The ransom paid was €2.5 million',
        type: 'figure',
        kind: 'reported',
        target: { selector: { type: 'TextQuoteSelector', exact: 'the ransom paid was 2.5 million' } },
      },
    });
    expect(claim.status).toBe(201);
    expect(claim.json.anchors[0].pages).toEqual([2]);
    const again = await call('GET', claimRoute.GET, `/claims/${claim.json.id}`, {
      token: owner.token,
      params: { claimId: claim.json.id },
    });
    expect(again.json.anchors[0].pages).toEqual([2]);

    // A passage across the page break stands on both pages.
    const across = await call('POST', claims.POST, `/documents/${documentId}/claims`, {
      token: owner.token,
      params: { documentId },
      body: {
        statement: 'Ships waited until Monday',
        type: 'figure',
        kind: 'reported',
        target: {
          selector: { type: 'TextQuoteSelector', exact: 'waited outside the harbour until the Monday' },
        },
      },
    });
    expect(across.json.anchors[0].pages).toEqual([1, 2]);

    // The exports keep the pages: a column after each passage's document, and the brief cites them.
    const download = async (format: string) => {
      const request = new Request(
        `http://localhost/api/v1/workspaces/${workspaceId}/export?format=${format}`,
        {
          headers: { authorization: `Bearer ${owner.token}` },
        },
      );
      const response = await exportRoute.GET(request, { params: Promise.resolve({ workspaceId }) });
      const text = await response.text();
      const type = response.headers.get('content-type');
      checkAnswer(
        'GET',
        `/workspaces/${workspaceId}/export`,
        response.status,
        type,
        type?.includes('json') ? JSON.parse(text) : text,
      );
      return text;
    };
    const rows = parse(await download('csv'), { columns: true }) as Record<string, string>[];
    const pagesOf = (statement: string) => rows.find((r) => r.statement === statement)?.['pages 1'];
    expect(pagesOf('The ransom paid was €2.5 million')).toBe('p. 2');
    expect(pagesOf('Ships waited until Monday')).toBe('pp. 1–2');
    expect(await download('markdown')).toContain('— *Port incident report*, p. 2');
    const json = JSON.parse(await download('json'));
    const exported = json.claims.find((c: { id: string }) => c.id === claim.json.id);
    expect(exported.anchors[0].pages).toEqual([2]);
  });

  it('exports no pages column for a workspace without a PDF document', async () => {
    const request = new Request(`http://localhost/api/v1/workspaces/${workspaceId}/export?format=csv`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    const response = await exportRoute.GET(request, { params: Promise.resolve({ workspaceId }) });
    expect(await response.text()).not.toContain('pages 1');
  });

  it('refuses a scanned PDF (no text layer) with 422 and says why', async () => {
    const r = await upload(owner.token, await makePdf({ pages: [{ scan: true }] }));
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('invalid:document');
    // The API names the imported content `content` in its errors, whether sent as JSON or a file.
    expect(r.json.error.field).toBe('content');
    expect(r.json.error.message).toMatch(/^This PDF has no text layer/);
  });

  it('refuses a PDF over the page limit (422, naming it), a .pdf that is not one (415) and a viewer (403)', async () => {
    const long = await upload(owner.token, await makeBlankPdf(PDF_LIMITS.maxPages + 1));
    expect(long.status).toBe(422);
    expect(long.json.error.message).toContain(`at most ${PDF_LIMITS.maxPages} pages`);
    const fake = await upload(owner.token, new TextEncoder().encode('Just text.'));
    expect(fake.status).toBe(415);
    expect(fake.json.error.message).toMatch(/not a PDF document/);
    const viewer = await member(store, owner, workspaceId, 'viewer');
    expect((await upload(viewer.token, await reportPdf())).status).toBe(403);
    expect(JSON.stringify([long.json, fake.json])).not.toMatch(/at \w+ \(|node_modules/);
  });
});
