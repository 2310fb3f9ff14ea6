import { jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { restoreClaim } from '@/db/queries/claims';

type Params = { claimId: string };

/**
 * Brings the claim back from the trash: owners, and the member who moved it there for a while
 * after (the Undo that follows "Move claim to trash").
 */
export const POST = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  await restoreClaim(store, { actor: user, claimId: params.claimId });
});
