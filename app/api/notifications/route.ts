import { jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { listNotifications, unreadNotificationCount } from '@/db/queries/notifications';

export const GET = jsonRoute<Record<string, never>>(async ({ user }) => {
  const store = appStore();
  return {
    unread: await unreadNotificationCount(store, { actor: user }),
    notifications: await listNotifications(store, { actor: user }),
  };
});
