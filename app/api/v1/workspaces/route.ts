import { v1Route } from '@/app/_server/api-v1';
import { presentWorkspace } from '@/app/_server/api-v1-presenters';
import { appStore } from '@/app/_server/store';
import { listMyWorkspaces } from '@/db/queries/workspaces';

/** The workspaces the token's user belongs to, with their role in each. */
export const GET = v1Route<Record<string, never>>(async ({ actor }) => {
  const store = appStore();
  return { workspaces: (await listMyWorkspaces(store, { actor })).map(presentWorkspace) };
});
