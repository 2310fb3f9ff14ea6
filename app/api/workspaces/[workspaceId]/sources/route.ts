import { jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { listSources } from '@/db/queries/sources';

/** The source registry, filtered by name for type-ahead (?q=). */
export const GET = jsonRoute<{ workspaceId: string }>(async ({ request, user, params }) => {
  const store = appStore();
  const q = new URL(request.url).searchParams.get('q')?.slice(0, 100) || undefined;
  return {
    sources: await listSources(store, { actor: user, workspaceId: params.workspaceId, q, limit: 20 }),
  };
});
