import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { createApiToken, createWorkspace, openDemoWorkspace, pasteDocument } from './pages';

/**
 * An integrator's client over the REST API (v1): with a personal access token it finds its
 * workspace, a document and that document's text, learns the claim types and topics from the API
 * itself, makes a claim on a passage of the text (a TextQuoteSelector) and reads it back — no id
 * is known in advance.
 */
const TITLE = 'Gao dispatch';
const TEXT = [
  'Officials in Gao said that 312 families had fled the fighting by Sunday.',
  'A relief agency counted fewer, but gave no figure of its own.',
].join('\n\n');

test('a client builds a claim from what the API lists, and reads it back', async ({ page, request }) => {
  test.setTimeout(120_000);
  // Setup in the app: a workspace of our own with one document, and a token.
  await openDemoWorkspace(page);
  const workspaceName = `API client desk ${Date.now()}`;
  const workspaceInApp = await createWorkspace(page, workspaceName);
  await pasteDocument(page, workspaceInApp, { title: TITLE, format: 'Plain text', text: TEXT });
  const token = await createApiToken(page, 'API client e2e');
  expect(token).toMatch(/^wrn_/);

  // From here on, only the API.
  const api = client(request, token);

  const { workspaces } = await api.get('/workspaces');
  const workspace = workspaces.find((w: { name: string }) => w.name === workspaceName);
  expect(workspace, 'the new workspace is listed').toBeDefined();
  expect(workspace.role).toBe('owner');
  const workspaceId: string = workspace.id;
  expect(workspaceId).toBe(workspaceInApp);

  const { documents } = await api.get(`/workspaces/${workspaceId}/documents`);
  expect(documents.map((d: { title: string }) => d.title)).toEqual([TITLE]);
  const documentId: string = documents[0].id;

  const document = await api.get(`/documents/${documentId}`);
  const text: string = document.text;
  expect(text).toContain('312 families');

  const { claimTypes, kinds } = await api.get(`/workspaces/${workspaceId}/claim-types`);
  const figure = claimTypes.find((t: { name: string }) => t.name === 'Figure');
  expect(figure?.id, 'a Figure claim type').toBeTruthy();
  const kind = kinds.find((k: { key: string }) => k.key === 'reported')?.key;
  expect(kind).toBe('reported');

  const before = await api.get(`/workspaces/${workspaceId}/topics`);
  expect(before.topics).toEqual([]);

  // The passage: a quote of the text with the words before it, so it is found in one place.
  const exact = '312 families';
  const at = text.indexOf(exact);
  const prefix = text.slice(Math.max(0, at - 10), at);
  const question = 'How many families fled Gao?';
  const made = await request.post(`/api/v1/documents/${documentId}/claims`, {
    headers: api.headers,
    data: {
      statement: '312 families fled the fighting in Gao',
      typeId: figure.id,
      kind,
      quantity: { amount: 312, unit: 'families' },
      topic: question,
      target: { selector: [{ type: 'TextQuoteSelector', exact, prefix }] },
    },
  });
  expect(made.status(), await made.text()).toBe(201);
  const location = made.headers()['location'];
  expect(location).toMatch(/^\/api\/v1\/claims\//);
  const created = await made.json();
  expect(made.headers()['etag']).toBe(`"claim-${created.id}-v1"`);

  // Read it back: the claim itself, at its Location…
  const claim = await api.get(location!.replace(/^\/api\/v1/, ''));
  expect(claim).toMatchObject({
    id: created.id,
    statement: '312 families fled the fighting in Gao',
    type: { id: figure.id, name: 'Figure' },
    kind: 'reported',
    topic: { question },
    anchors: [
      {
        documentId,
        status: 'exact',
        selector: [
          { type: 'TextQuoteSelector', exact },
          { type: 'TextPositionSelector', start: at, end: at + exact.length },
        ],
      },
    ],
  });
  // …among the document's claims…
  const { claims } = await api.get(`/documents/${documentId}/claims`);
  expect(claims.map((c: { id: string }) => c.id)).toEqual([created.id]);
  // …and counted under its new topic and its type.
  const after = await api.get(`/workspaces/${workspaceId}/topics`);
  expect(after.topics).toEqual([expect.objectContaining({ question, claimCount: 1, withQuantity: 1 })]);
  const types = await api.get(`/workspaces/${workspaceId}/claim-types`);
  expect(types.claimTypes.find((t: { id: string }) => t.id === figure.id).claimCount).toBe(1);

  // Without the token, nothing.
  const anonymous = await request.get(`/api/v1/workspaces/${workspaceId}/claim-types`);
  expect(anonymous.status()).toBe(401);
});

/** GETs under /api/v1 with the bearer token; fails the test on any status but 200. */
function client(request: APIRequestContext, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    headers,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async get(path: string): Promise<any> {
      const response = await request.get(`/api/v1${path}`, { headers });
      expect(response.status(), `GET ${path}: ${await response.text()}`).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^application\/json/);
      return response.json();
    },
  };
}
