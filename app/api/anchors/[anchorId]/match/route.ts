import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { acceptMatch } from '@/db/queries/passage-review';
import { seenPlaceSchema } from '../seen-place';

type Params = { anchorId: string };

/** Accepts a close match: the text at the passage's place becomes its quote, and it is exact. */
export const POST = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const seen = await readJson(request, seenPlaceSchema);
  return acceptMatch(store, { actor: user, anchorId: params.anchorId, seen });
});
