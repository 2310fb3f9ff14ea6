import { v1Route, validate } from '@/app/_server/api-v1';
import { presentSearch } from '@/app/_server/api-v1-presenters';
import { appStore } from '@/app/_server/store';
import { searchWorkspace } from '@/db/queries/search';
import { searchFilters, searchParamsInput, searchParamsSchema } from '@/lib/search/params';

type Params = { workspaceId: string };

/** Searches the workspace: results grouped by kind, ranked, each with a snippet and where it opens. */
export const GET = v1Route<Params>(async ({ request, actor, params }) => {
  const p = validate(searchParamsSchema, searchParamsInput(new URL(request.url).searchParams));
  const result = await searchWorkspace(appStore(), {
    actor,
    workspaceId: params.workspaceId,
    text: p.q,
    filters: searchFilters(p),
    limit: p.limit ?? 10,
  });
  return presentSearch(params.workspaceId, result);
});
