import { v1Route, validate } from '@/app/_server/api-v1';
import { presentNotifications } from '@/app/_server/api-v1-presenters-workspace';
import { appStore } from '@/app/_server/store';
import { listNotifications, unreadNotificationCount } from '@/db/queries/notifications';
import { notificationListQuery } from '@/lib/api/contract/workspace-review';

/** The token's user's notifications, newest first (?limit, ≤ 500), and how many are unread. */
export const GET = v1Route<Record<string, never>>(async ({ request, actor }) => {
  const store = appStore();
  const { limit } = validate(notificationListQuery, Object.fromEntries(new URL(request.url).searchParams));
  const [notifications, unread] = await Promise.all([
    listNotifications(store, { actor, limit }),
    unreadNotificationCount(store, { actor }),
  ]);
  return presentNotifications(notifications, unread);
});
