import { jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { getRevision } from '@/db/queries/revisions';

type Params = { documentId: string };

/** The current revision's editor JSON (the reader loads it when edit mode starts). */
export const GET = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  const revision = await getRevision(store, { actor: user, documentId: params.documentId });
  return { revision: { id: revision.id, number: revision.number, content: revision.content } };
});
