import { beforeEach, describe, expect, it } from 'vitest';
import { claimTypeSchema, DEFAULT_CLAIM_TYPES } from '@/lib/claim-types';
import { claimFieldsSchema } from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import type { Store } from '../store';
import { freshStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { createClaimType, deleteClaimType, listClaimTypes, updateClaimType } from './claim-types';
import { createClaim } from './claims';
import { importDocument } from './documents';
import { acceptInvite, createInvite } from './invites';

let store: Store;
let owner: Actor;
let ws: string;

beforeEach(async () => {
  store = await freshStore();
  owner = await makeUser(store);
  ws = await makeWorkspace(store, owner);
});

const input = (over: Record<string, string> = {}) =>
  claimTypeSchema.parse({ name: 'Casualties', color: '#EF4444', ...over });

describe('claim types', () => {
  it('start with the defaults in a new workspace', async () => {
    expect((await listClaimTypes(store, { actor: owner, workspaceId: ws })).map((t) => t.name)).toEqual(
      DEFAULT_CLAIM_TYPES.map((t) => t.name),
    );
  });

  it('are added, renamed and recoloured by owners, with unique names', async () => {
    const { id } = await createClaimType(store, {
      actor: owner,
      workspaceId: ws,
      input: input({ description: 'Deaths and injuries' }),
    });
    await expect(
      createClaimType(store, { actor: owner, workspaceId: ws, input: input() }),
    ).rejects.toMatchObject({
      code: 'invalid:claim_type',
      field: 'name',
    });
    await updateClaimType(store, {
      actor: owner,
      typeId: id,
      input: input({ name: 'Casualty figures', color: '#b91c1c' }),
    });
    const types = await listClaimTypes(store, { actor: owner, workspaceId: ws });
    expect(types.at(-1)).toMatchObject({
      name: 'Casualty figures',
      color: '#b91c1c',
      description: null,
      claimCount: 0,
    });
  });

  it('are refused to editors, and to other workspaces', async () => {
    const editor = await makeUser(store);
    const invite = await createInvite(store, {
      actor: owner,
      workspaceId: ws,
      role: 'editor',
      expiresInDays: 1,
    });
    await acceptInvite(store, { actor: editor, token: invite.token });
    await expect(
      createClaimType(store, { actor: editor, workspaceId: ws, input: input() }),
    ).rejects.toMatchObject({
      code: 'forbidden:workspace',
    });
    const outsider = await makeUser(store);
    const [first] = await listClaimTypes(store, { actor: owner, workspaceId: ws });
    await expect(
      updateClaimType(store, { actor: outsider, typeId: first!.id, input: input() }),
    ).rejects.toMatchObject({ code: 'not_found:claim_type' });
  });

  it('cannot be deleted while claims use them', async () => {
    const [event] = await listClaimTypes(store, { actor: owner, workspaceId: ws });
    const converted = await convertToDocument('text', 'The exchange took place at dawn near Tessalit.');
    const doc = await importDocument(store, {
      actor: owner,
      workspaceId: ws,
      metadata: documentMetadataSchema.parse({ title: 'T' }),
      format: 'text',
      converted,
    });
    await createClaim(store, {
      actor: owner,
      passage: { documentId: doc.id, revisionId: doc.currentRevisionId, start: 0, end: 12 },
      fields: claimFieldsSchema.parse({
        statement: 'An exchange took place',
        typeId: event!.id,
        kind: 'reported',
      }),
    });
    await expect(deleteClaimType(store, { actor: owner, typeId: event!.id })).rejects.toMatchObject({
      code: 'conflict:claim_type',
    });
    const unused = (await listClaimTypes(store, { actor: owner, workspaceId: ws })).find(
      (t) => t.claimCount === 0,
    )!;
    await deleteClaimType(store, { actor: owner, typeId: unused.id });
    expect((await listClaimTypes(store, { actor: owner, workspaceId: ws })).map((t) => t.id)).not.toContain(
      unused.id,
    );
  });

  it('refuse a colour that is not #rrggbb', () => {
    expect(claimTypeSchema.safeParse({ name: 'X', color: 'red' }).success).toBe(false);
    expect(claimTypeSchema.safeParse({ name: '', color: '#000000' }).success).toBe(false);
  });
});
