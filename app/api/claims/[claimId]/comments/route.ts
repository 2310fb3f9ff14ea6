import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { addComment, listComments, listMentionable } from '@/db/queries/comments';
import { commentBodySchema } from '@/lib/review/comment-markdown';

type Params = { claimId: string };

/**
 * A page of the discussion (the newest threads; `?cursor=` the `nextCursor` of the page before, for
 * earlier threads), with the members one may mention.
 */
export const GET = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const cursor = new URL(request.url).searchParams.get('cursor');
  const [{ threads, nextCursor }, members] = await Promise.all([
    listComments(store, { actor: user, claimId: params.claimId, cursor }),
    listMentionable(store, { actor: user, claimId: params.claimId }),
  ]);
  return { threads, nextCursor, members };
});

const post = z.object({ body: commentBodySchema, parentId: z.string().min(1).max(100).nullish() });

export const POST = jsonRoute<Params>(
  async ({ request, user, params }) => {
    const store = appStore();
    const { body, parentId } = await readJson(request, post);
    return addComment(store, { actor: user, claimId: params.claimId, body, parentId });
  },
  { status: 201 },
);
