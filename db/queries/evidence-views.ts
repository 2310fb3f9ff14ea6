/** One piece of evidence read on its own (the REST API reads it before an edit and for its ETag). */
import { eq } from 'drizzle-orm';
import { isAppError, notFound } from '@/lib/errors';
import { first, type Store } from '../store';
import { evidence } from '../schema';
import type { Actor } from './access';
import { getClaimRecord, type EvidenceView } from './claim-views';

/**
 * The evidence as its claim shows it: authorized and presented by `getClaimRecord`, so it follows
 * the same rules (another workspace's evidence, trashed evidence or a trashed claim: not found).
 */
export async function getEvidence(
  store: Store,
  {
    actor,
    evidenceId,
  }: {
    actor: Actor;
    evidenceId: string;
  },
): Promise<EvidenceView & { claimId: string; workspaceId: string }> {
  const row = await first(
    store.db.select({ claimId: evidence.claimId }).from(evidence).where(eq(evidence.id, evidenceId)).limit(1),
  );
  if (!row) throw notFound('evidence');
  let claim;
  try {
    claim = await getClaimRecord(store, { actor, claimId: row.claimId });
  } catch (error) {
    if (isAppError(error) && error.kind === 'not_found') throw notFound('evidence');
    throw error;
  }
  const found = claim.evidence.find((e) => e.id === evidenceId);
  if (!found) throw notFound('evidence');
  return { ...found, claimId: claim.id, workspaceId: claim.workspaceId };
}
