import { v1Route } from '@/app/_server/api-v1';
import { presentMembers } from '@/app/_server/api-v1-presenters-workspace';
import { appStore } from '@/app/_server/store';
import { listMembers } from '@/db/queries/members';

type Params = { workspaceId: string };

/** The workspace's members with their roles; emails for owners (and one's own) only. */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  return presentMembers(await listMembers(store, { actor, workspaceId: params.workspaceId }));
});
