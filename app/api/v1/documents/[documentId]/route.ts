import { v1Route } from '@/app/_server/api-v1';
import { appStore } from '@/app/_server/store';
import { presentDocument } from '@/app/_server/api-v1-presenters';
import { getDocument } from '@/db/queries/documents';
import { getRevision } from '@/db/queries/revisions';

type Params = { documentId: string };

/** A document's metadata, its current revision and that revision's canonical text. */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  const document = await getDocument(store, { actor, documentId: params.documentId });
  const revision = await getRevision(store, { actor, documentId: params.documentId });
  return presentDocument(document, revision, revision.canonicalText);
});
