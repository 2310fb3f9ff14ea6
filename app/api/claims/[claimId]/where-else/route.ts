import { jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { whereElseForClaim } from '@/db/queries/where-else';

/** The other passages of the workspace that hold the claim's quote, or nearly ("Where else?"). */
export const GET = jsonRoute<{ claimId: string }>(async ({ user, params }) =>
  whereElseForClaim(appStore(), { actor: user, claimId: params.claimId }),
);
