/** Revoking every API token of an account at once (a new password), inside the caller's write. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../store';
import { apiTokens } from '../schema';

/** Revokes the account's tokens that are not revoked yet; returns how many. */
export async function revokeAllApiTokensInTx(tx: Tx, userId: string, now = new Date()): Promise<number> {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}
