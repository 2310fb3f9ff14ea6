import { jsonResponse, readJsonBody, refuseEarlyUnless, v1Route, validate } from '@/app/_server/api-v1';
import { presentDocument, presentDocumentSummary } from '@/app/_server/api-v1-presenters';
import { MAX_BODY_BYTES } from '@/app/_server/api';
import { readUploadedDocument } from '@/app/_server/document-input';
import { appStore } from '@/app/_server/store';
import { importDocument, listDocuments } from '@/db/queries/documents';
import { getRevision } from '@/db/queries/revisions';
import { documentCreateSchema, documentUploadSchema } from '@/lib/api/schemas';
import { runJob } from '@/lib/jobs/pool';
import { documentListQuerySchema } from '@/lib/documents/metadata';

type Params = { workspaceId: string };

async function readPaste(request: Request) {
  const { format, content, ...metadata } = await readJsonBody(request, documentCreateSchema, {
    limit: MAX_BODY_BYTES,
  });
  return { format, metadata, converted: await runJob('convert', { format, input: content }) };
}

async function readUpload(request: Request) {
  const { fields, format, converted } = await readUploadedDocument(request);
  return { format, converted, metadata: validate(documentUploadSchema, fields) };
}

/** The workspace's documents; ?q, outlet, author, from, to, sort, dir as on the documents page. */
export const GET = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const query = validate(documentListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const documents = await listDocuments(store, { actor, workspaceId: params.workspaceId, query });
  return { documents: documents.map(presentDocumentSummary) };
});

/**
 * Imports a document from text, Markdown or HTML sent as JSON, or from a file uploaded as
 * multipart/form-data (`file`: .txt, .md, .html, .docx or .pdf, with the metadata as form fields),
 * converted and sanitized as in the app.
 */
export const POST = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  await refuseEarlyUnless(actor, params.workspaceId, 'document.write');
  const { format, converted, metadata } = (request.headers.get('content-type') ?? '').startsWith(
    'multipart/form-data',
  )
    ? await readUpload(request)
    : await readPaste(request);
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
