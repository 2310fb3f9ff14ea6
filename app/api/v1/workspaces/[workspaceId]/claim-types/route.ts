import { v1Route } from '@/app/_server/api-v1';
import { presentClaimTypes } from '@/app/_server/api-v1-presenters-workspace';
import { appStore } from '@/app/_server/store';
import { listClaimTypes } from '@/db/queries/claim-types';

type Params = { workspaceId: string };

/** The workspace's claim types (send one's id as a claim's `typeId`) and the claim kinds. */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  return presentClaimTypes(await listClaimTypes(store, { actor, workspaceId: params.workspaceId }));
});
