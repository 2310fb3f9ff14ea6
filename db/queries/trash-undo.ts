/**
 * Who may bring an item back from the trash: a workspace owner at any time (the trash page), and
 * the member who moved it there, while they may still write, for a short while after (the "Undo"
 * that follows moving it). Anyone else is refused; a non-member is told the item does not exist.
 */
import { AppError } from '@/lib/errors';
import { can, type Action } from '@/lib/permissions';
import type { Db } from '../store';
import { authorizeAs, type Actor } from './access';

/** How long after moving an item to the trash its mover may undo that. */
export const UNDO_TRASH_MINUTES = 15;

export async function authorizeRestore(
  tx: Db,
  actor: Actor,
  workspaceId: string,
  item: { deletedAt: Date | null; deletedBy: string | null },
  write: Action,
  object: string,
  now = new Date(),
): Promise<void> {
  const role = await authorizeAs(tx, actor, workspaceId, 'workspace.read', object);
  if (can(role, 'trash.purge')) return;
  const age = item.deletedAt ? now.getTime() - item.deletedAt.getTime() : Infinity;
  if (can(role, write) && item.deletedBy === actor.userId && age >= 0 && age <= UNDO_TRASH_MINUTES * 60_000) {
    return;
  }
  throw new AppError(
    'forbidden',
    'workspace',
    item.deletedBy === actor.userId && can(role, write)
      ? `It is more than ${UNDO_TRASH_MINUTES} minutes since you moved it to the trash: a workspace owner can restore it from the trash.`
      : `Your role (${role}) does not allow this: a workspace owner can restore it from the trash.`,
  );
}
