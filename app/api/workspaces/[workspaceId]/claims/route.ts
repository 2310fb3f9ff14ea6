import { jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { searchClaims } from '@/db/queries/claim-views';

/** Claims of the workspace matching ?q= (for adding a passage to an existing claim). */
export const GET = jsonRoute<{ workspaceId: string }>(async ({ request, user, params }) => {
  const store = appStore();
  const q = new URL(request.url).searchParams.get('q')?.slice(0, 200) || undefined;
  return { claims: await searchClaims(store, { actor: user, workspaceId: params.workspaceId, q }) };
});
