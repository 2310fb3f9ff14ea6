/** Revoking every API token of an account at once (a new password), inside the caller's write. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { apiTokens } from '../schema';

/** Revokes the account's tokens that are not revoked yet; returns how many. */
export function revokeAllApiTokensInTx(tx: Tx | Db, userId: string, now = new Date()): number {
  return tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run().changes;
}
