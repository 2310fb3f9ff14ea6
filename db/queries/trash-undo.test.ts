/**
 * Undo after moving to the trash: the member who moved a document or a claim there may bring it
 * back for a while; later, and for anyone else but an owner, only the trash page's owner restore.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { claims, documents } from '../schema';
import { makeTeam, type Team } from '../team-testing';
import { makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { restoreClaim, trashClaim } from './claims';
import { restoreDocument, trashDocument } from './documents';
import { UNDO_TRASH_MINUTES } from './trash-undo';

let team: Team;
let ana: Actor;
let ben: Actor;
let vera: Actor;
let documentId: string;
let claimId: string;

beforeEach(async () => {
  team = await makeTeam();
  ana = await team.member('editor', 'Ana Costa');
  ben = await team.member('editor', 'Ben Ali');
  vera = await team.member('viewer', 'Vera Lind');
  const doc = await team.document('Harbour log', 'The ferry left two hours after its slot.');
  documentId = doc.id;
  claimId = await team.claim(team.owner, doc, 'two hours after its slot', 'The ferry left two hours late');
});

const ageTrash = async (minutes: number) => {
  const at = new Date(Date.now() - minutes * 60_000);
  await team.store.db.update(documents).set({ deletedAt: at }).where(eq(documents.id, documentId));
  await team.store.db.update(claims).set({ deletedAt: at }).where(eq(claims.id, claimId));
};

const inTrash = async () => ({
  document: Boolean(
    (await team.store.db.select().from(documents).where(eq(documents.id, documentId)))[0]!.deletedAt,
  ),
  claim: Boolean((await team.store.db.select().from(claims).where(eq(claims.id, claimId)))[0]!.deletedAt),
});

describe('undoing a move to the trash', () => {
  it('the member who moved a document or a claim there brings it back', async () => {
    await trashClaim(team.store, { actor: ana, claimId });
    await trashDocument(team.store, { actor: ana, documentId });
    await restoreDocument(team.store, { actor: ana, documentId });
    await restoreClaim(team.store, { actor: ana, claimId });
    expect(await inTrash()).toEqual({ document: false, claim: false });
  });

  it('another editor and a viewer are refused; an owner restores it at any time', async () => {
    await trashClaim(team.store, { actor: ana, claimId });
    await trashDocument(team.store, { actor: ana, documentId });
    for (const actor of [ben, vera]) {
      await expect(restoreDocument(team.store, { actor, documentId })).rejects.toMatchObject({
        kind: 'forbidden',
      });
      await expect(restoreClaim(team.store, { actor, claimId })).rejects.toMatchObject({ kind: 'forbidden' });
    }
    await ageTrash(60 * 24);
    await restoreDocument(team.store, { actor: team.owner, documentId });
    await restoreClaim(team.store, { actor: team.owner, claimId });
    expect(await inTrash()).toEqual({ document: false, claim: false });
  });

  it(`the mover may undo for ${UNDO_TRASH_MINUTES} minutes, not after`, async () => {
    await trashClaim(team.store, { actor: ana, claimId });
    await trashDocument(team.store, { actor: ana, documentId });
    await ageTrash(UNDO_TRASH_MINUTES + 1);
    await expect(restoreDocument(team.store, { actor: ana, documentId })).rejects.toMatchObject({
      kind: 'forbidden',
      message: `It is more than ${UNDO_TRASH_MINUTES} minutes since you moved it to the trash: a workspace owner can restore it from the trash.`,
    });
    await expect(restoreClaim(team.store, { actor: ana, claimId })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(await inTrash()).toEqual({ document: true, claim: true });
    await ageTrash(UNDO_TRASH_MINUTES - 1);
    await restoreDocument(team.store, { actor: ana, documentId });
    expect((await inTrash()).document).toBe(false);
  });

  it('a member of another workspace is told it does not exist', async () => {
    await trashDocument(team.store, { actor: ana, documentId });
    const outsider = await makeUser(team.store, { name: 'Bo' });
    await makeWorkspace(team.store, outsider, 'Other desk');
    await expect(restoreDocument(team.store, { actor: outsider, documentId })).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});
