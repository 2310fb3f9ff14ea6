/** Claim input of the REST API: a body (merged over the current values for PATCH) → ClaimFields. */
import { listClaimTypes } from '@/db/queries/claim-types';
import type { Actor } from '@/db/queries/access';
import { CLAIM_FIELD_NAMES, claimFieldsInput, type ClaimBody, type ClaimCurrent } from '@/lib/api/schemas';
import { claimFieldsSchema, type ClaimFields } from '@/lib/claims';
import { AppError } from '@/lib/errors';
import { validate } from './api-v1';
import { appStore } from './store';

/** Resolves `type` (a claim type's name) to its id, then validates with the form's schema. */
export async function claimFieldsFromBody(
  actor: Actor,
  workspaceId: string,
  body: ClaimBody,
  current?: ClaimCurrent,
): Promise<ClaimFields> {
  let typeId = body.typeId;
  if (body.type !== undefined) {
    if (typeId !== undefined) {
      throw new AppError('invalid', 'input', 'Give typeId or type (its name), not both.', {
        field: 'type',
      });
    }
    const types = await listClaimTypes(appStore(), { actor, workspaceId });
    const found = types.find((t) => t.name.toLowerCase() === body.type!.toLowerCase());
    if (!found) {
      throw new AppError(
        'invalid',
        'input',
        `No claim type is named “${body.type}” here. The workspace's types: ${types.map((t) => t.name).join(', ')}.`,
        { field: 'type' },
      );
    }
    typeId = found.id;
  }
  return validate(claimFieldsSchema, claimFieldsInput({ ...body, typeId }, current), CLAIM_FIELD_NAMES);
}
