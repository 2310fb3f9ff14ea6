import { jsonResponse, readJsonBody, refuseEarlyUnless, v1Route, validate } from '@/app/_server/api-v1';
import { presentDocument, presentDocumentSummary } from '@/app/_server/api-v1-presenters';
import { MAX_BODY_BYTES } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { importDocument, listDocuments } from '@/db/queries/documents';
import { getRevision } from '@/db/queries/revisions';
import { documentCreateSchema } from '@/lib/api/schemas';
import { runJob } from '@/lib/jobs/pool';
import { documentListQuerySchema } from '@/lib/documents/metadata';

type Params = { workspaceId: string };

/** The workspace's documents; ?q, outlet, author, from, to, sort, dir as on the documents page. */
export const GET = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const query = validate(documentListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const documents = await listDocuments(store, { actor, workspaceId: params.workspaceId, query });
  return { documents: documents.map(presentDocumentSummary) };
});

/** Imports a document from text, Markdown or HTML (converted and sanitized as in the app). */
export const POST = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  await refuseEarlyUnless(actor, params.workspaceId, 'document.write');
  const { format, content, ...metadata } = await readJsonBody(request, documentCreateSchema, {
    limit: MAX_BODY_BYTES,
  });
  const converted = await runJob('convert', { format, input: content });
  const document = await importDocument(store, {
    actor,
    workspaceId: params.workspaceId,
    metadata,
    format,
    converted,
  });
  const revision = await getRevision(store, { actor, documentId: document.id });
  return jsonResponse(presentDocument(document, revision), {
    status: 201,
    location: `/api/v1/documents/${document.id}`,
  });
});
