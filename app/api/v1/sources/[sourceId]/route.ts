import {
  conditionalEdit,
  jsonResponse,
  noContent,
  readJsonBody,
  v1Route,
  validate,
} from '@/app/_server/api-v1';
import { presentSource } from '@/app/_server/api-v1-presenters';
import { appStore } from '@/app/_server/store';
import type { Actor } from '@/db/queries/access';
import type { Store } from '@/db/store';
import { getSource, trashSource, updateSource } from '@/db/queries/sources';
import { etag } from '@/lib/api/etag';
import { sourceFieldsInput, sourcePatchSchema } from '@/lib/api/schemas';
import { sourceFieldsSchema } from '@/lib/claims';

type Params = { sourceId: string };

async function current(store: Store, actor: Actor, sourceId: string) {
  const source = await getSource(store, { actor, sourceId });
  return { object: source, body: presentSource(source), etag: etag('source', source.id, source.version) };
}

/** A source with its rating history, and its ETag. */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  const { body, etag } = await current(store, actor, params.sourceId);
  return jsonResponse(body, { etag });
});

/**
 * Edits a source (fields left out are kept). A new reliability rating needs a `reason`, kept in
 * the rating history. Needs If-Match (428 without); a stale ETag is 412 with the current source.
 */
export const PATCH = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  return conditionalEdit(request, 'source', params.sourceId, {
    readPatch: () => readJsonBody(request, sourcePatchSchema),
    load: () => current(store, actor, params.sourceId),
    apply: (source, { reason, ...patch }) =>
      updateSource(store, {
        actor,
        sourceId: params.sourceId,
        expectedVersion: source.version,
        fields: validate(sourceFieldsSchema, sourceFieldsInput(patch, source)),
        reason: reason || null,
      }),
  });
});

/** Moves the source to the workspace trash. */
export const DELETE = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  await trashSource(store, { actor, sourceId: params.sourceId });
  return noContent();
});
