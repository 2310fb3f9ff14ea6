import { jsonResponse, readJsonBody, v1Route, validate } from '@/app/_server/api-v1';
import { presentSource } from '@/app/_server/api-v1-presenters';
import { appStore } from '@/app/_server/store';
import { createSource, getSource, listSources } from '@/db/queries/sources';
import { sourceListQuery } from '@/lib/api/contract/core';
import { etag } from '@/lib/api/etag';
import { sourceCreateSchema } from '@/lib/api/schemas';

type Params = { workspaceId: string };

/** The workspace's source registry, by name; ?q filters by name, ?limit (≤ 500). */
export const GET = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const { q, limit } = validate(sourceListQuery, Object.fromEntries(new URL(request.url).searchParams));
  const sources = await listSources(store, {
    actor,
    workspaceId: params.workspaceId,
    q: q || undefined,
    limit,
  });
  return { sources: sources.map((s) => presentSource(s)) };
});

/** Adds a source to the registry with its reliability rating (A–F). */
export const POST = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const fields = await readJsonBody(request, sourceCreateSchema);
  const { sourceId } = await createSource(store, { actor, workspaceId: params.workspaceId, fields });
  const source = await getSource(store, { actor, sourceId });
  return jsonResponse(presentSource(source), {
    status: 201,
    etag: etag('source', source.id, source.version),
    location: `/api/v1/sources/${source.id}`,
  });
});
