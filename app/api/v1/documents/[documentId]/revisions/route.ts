import { jsonResponse, readJsonBody, refuseEarlyUnless, v1Route } from '@/app/_server/api-v1';
import { presentRevisionResult } from '@/app/_server/api-v1-presenters';
import { MAX_BODY_BYTES } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { getDocument } from '@/db/queries/documents';
import { addRevision } from '@/db/queries/revisions';
import { revisionCreateSchema } from '@/lib/api/schemas';
import { runJob } from '@/lib/jobs/pool';

type Params = { documentId: string };

/**
 * Adds a revision (a new version of the text). `baseRevisionId` (default: the current revision)
 * is the revision the change was made on: 409 when another was saved meanwhile. Every passage is
 * re-anchored; the answer counts them as exact, fuzzy and orphaned. The same text again adds
 * nothing (200, `created: false`).
 */
export const POST = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const document = await getDocument(store, { actor, documentId: params.documentId });
  await refuseEarlyUnless(actor, document.workspaceId, 'document.write');
  const body = await readJsonBody(request, revisionCreateSchema, { limit: MAX_BODY_BYTES });
  const converted = await runJob('convert', { format: body.format, input: body.content });
  const baseRevisionId = body.baseRevisionId ?? document.currentRevisionId;
  const revision = await addRevision(store, {
    actor,
    documentId: params.documentId,
    baseRevisionId,
    format: body.format,
    converted,
    note: body.note || null,
  });
  const created = revision.id !== baseRevisionId;
  return jsonResponse(presentRevisionResult(revision, created), { status: created ? 201 : 200 });
});
