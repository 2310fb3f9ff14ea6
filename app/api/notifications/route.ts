import { jsonRoute } from '@/app/_server/api';
import { listNotifications, unreadNotificationCount } from '@/db/queries/notifications';

export const GET = jsonRoute<Record<string, never>>(async ({ user }) => ({
  unread: await unreadNotificationCount({ actor: user }),
  notifications: await listNotifications({ actor: user }),
}));
