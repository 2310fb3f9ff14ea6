import { jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { unreadNotificationCount } from '@/db/queries/notifications';
import { reviewQueueCount } from '@/db/queries/review-queue';

type Params = { workspaceId: string };

/** The counts in the workspace navigation: claims in the review queue, unread notifications. */
export const GET = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  return {
    review: await reviewQueueCount(store, { actor: user, workspaceId: params.workspaceId }),
    unread: await unreadNotificationCount(store, { actor: user }),
  };
});
