import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { getClaimDetail } from '@/db/queries/claim-views';
import { trashClaim, updateClaim } from '@/db/queries/claims';
import { claimFieldsSchema } from '@/lib/claims';

type Params = { claimId: string };

export const GET = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  return getClaimDetail(store, { actor: user, claimId: params.claimId });
});

const patch = z.object({ version: z.number().int().min(1), fields: claimFieldsSchema });

export const PATCH = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const { version, fields } = await readJson(request, patch);
  return updateClaim(store, { actor: user, claimId: params.claimId, expectedVersion: version, fields });
});

/** Moves the claim to the trash (restorable). */
export const DELETE = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  return trashClaim(store, { actor: user, claimId: params.claimId });
});
