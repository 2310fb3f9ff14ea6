import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { setCommentResolved } from '@/db/queries/comments';

type Params = { commentId: string };

/** Resolves ({ resolved: true }) or reopens a thread. */
export const PUT = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const { resolved } = await readJson(request, z.object({ resolved: z.boolean() }));
  return setCommentResolved(store, { actor: user, commentId: params.commentId, resolved });
});
