import type { Metadata } from 'next';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { LiveRefresh } from '@/components/live/live-refresh';
import { NotificationList } from '@/components/review/notification-list';
import { listNotifications } from '@/db/queries/notifications';

export const metadata: Metadata = { title: 'Notifications · Warrant' };

/** The signed-in member's notifications (from every workspace they belong to). */
export default async function NotificationsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const store = appStore();
  const { workspaceId } = await params;
  const { user } = await loadWorkspace(workspaceId);
  const notifications = await listNotifications(store, { actor: user });
  return (
    <div className="max-w-3xl space-y-4">
      <LiveRefresh on={['notifications']} />
      <h2 className="text-lg font-semibold">Notifications</h2>
      <NotificationList notifications={notifications} />
    </div>
  );
}
