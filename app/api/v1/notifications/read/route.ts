import { readJsonBody, v1Route } from '@/app/_server/api-v1';
import { presentMarked } from '@/app/_server/api-v1-presenters-workspace';
import { appStore } from '@/app/_server/store';
import { markNotificationsRead, unreadNotificationCount } from '@/db/queries/notifications';
import { MarkNotificationsRead } from '@/lib/api/contract/workspace-review';

/** Marks the token's user's notifications read: { "ids": [...] } or { "ids": "all" }. */
export const POST = v1Route<Record<string, never>>(async ({ request, actor }) => {
  const store = appStore();
  const { ids } = await readJsonBody(request, MarkNotificationsRead);
  const { marked } = await markNotificationsRead(store, { actor, ids });
  return presentMarked(marked, await unreadNotificationCount(store, { actor }));
});
