/**
 * Undo after moving to the trash: the member who moved a document or a claim there may bring it
 * back for a while; later, and for anyone else but an owner, only the trash page's owner restore.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { claims, documents, sources } from '../schema';
import { makeTeam, type Team } from '../team-testing';
import { makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { restoreClaim, trashClaim } from './claims';
import { restoreDocument, trashDocument } from './documents';
import { createSource, restoreSource, trashSource } from './sources';
import { sourceFieldsSchema } from '@/lib/claims';
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

describe('undoing a source moved to the trash', () => {
  const sourceIn = async (sourceId: string) =>
    Boolean((await team.store.db.select().from(sources).where(eq(sources.id, sourceId)))[0]!.deletedAt);
  const newSource = async (name: string) =>
    (
      await createSource(team.store, {
        actor: team.owner,
        workspaceId: team.workspaceId,
        fields: sourceFieldsSchema.parse({ name, kind: 'outlet', reliability: 'B' }),
      })
    ).sourceId;

  it('its mover brings it back for a while (the audit log says who moved it); nobody else but an owner', async () => {
    const wire = await newSource('Sahel Wire');
    await trashSource(team.store, { actor: ana, sourceId: wire });
    for (const actor of [ben, vera]) {
      await expect(restoreSource(team.store, { actor, sourceId: wire })).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    await restoreSource(team.store, { actor: ana, sourceId: wire });
    expect(await sourceIn(wire)).toBe(false);

    // Too late for the mover; the owner restores it still.
    await trashSource(team.store, { actor: ana, sourceId: wire });
    const at = new Date(Date.now() - (UNDO_TRASH_MINUTES + 1) * 60_000);
    await team.store.db.update(sources).set({ deletedAt: at }).where(eq(sources.id, wire));
    await expect(restoreSource(team.store, { actor: ana, sourceId: wire })).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining(`more than ${UNDO_TRASH_MINUTES} minutes`),
    });
    await restoreSource(team.store, { actor: team.owner, sourceId: wire });
    expect(await sourceIn(wire)).toBe(false);

    // Moved again by another editor: the latest mover is the one who may undo.
    await trashSource(team.store, { actor: ana, sourceId: wire });
    await restoreSource(team.store, { actor: ana, sourceId: wire });
    await trashSource(team.store, { actor: ben, sourceId: wire });
    await expect(restoreSource(team.store, { actor: ana, sourceId: wire })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await restoreSource(team.store, { actor: ben, sourceId: wire });
    expect(await sourceIn(wire)).toBe(false);
  });

  it('an outsider is told it does not exist', async () => {
    const wire = await newSource('Sahel Wire');
    await trashSource(team.store, { actor: ana, sourceId: wire });
    const stranger = await makeUser(team.store, { name: 'Olu Stranger' });
    await makeWorkspace(team.store, stranger, 'Other desk');
    await expect(restoreSource(team.store, { actor: stranger, sourceId: wire })).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});
