import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { markNotificationsRead } from '@/db/queries/notifications';

const body = z.object({
  ids: z.union([z.literal('all'), z.array(z.string().min(1).max(100)).max(500)]),
});

/** Marks notifications read: { ids: [...] } or { ids: "all" }. */
export const POST = jsonRoute<Record<string, never>>(async ({ request, user }) => {
  const store = appStore();
  const { ids } = await readJson(request, body);
  return markNotificationsRead(store, { actor: user, ids });
});
