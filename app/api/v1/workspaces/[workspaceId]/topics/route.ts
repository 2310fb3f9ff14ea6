import { v1Route } from '@/app/_server/api-v1';
import { presentTopics } from '@/app/_server/api-v1-presenters-workspace';
import { appStore } from '@/app/_server/store';
import { listWorkspaceTopics } from '@/db/queries/topics';

type Params = { workspaceId: string };

/** The workspace's topics with their claim counts and contested state. */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  return presentTopics(await listWorkspaceTopics(store, { actor, workspaceId: params.workspaceId }));
});
