import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { addComment, listComments, listMentionable } from '@/db/queries/comments';
import { commentBodySchema } from '@/lib/review/comment-markdown';

type Params = { claimId: string };

export const GET = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  const [threads, members] = await Promise.all([
    listComments(store, { actor: user, claimId: params.claimId }),
    listMentionable(store, { actor: user, claimId: params.claimId }),
  ]);
  return { threads, members };
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
