import { beforeEach, describe, expect, it, vi } from 'vitest';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { publish, type LiveEvent } from '../events';
import type { Store } from '../store';
import { freshStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { importDocument } from './documents';
import { acceptInvite, createInvite } from './invites';
import { openLiveStream, settleLiveStreams } from './live';
import { removeMember } from './members';
import { deleteWorkspace } from './workspaces';

let store: Store;
let owner: Actor;
let analyst: Actor;
let ws: string;
let documentId: string;

beforeEach(async () => {
  store = await freshStore();
  owner = await makeUser(store, { name: 'Awa Diallo' });
  analyst = await makeUser(store, { name: 'Bakary Traoré' });
  ws = await makeWorkspace(store, owner, 'Sahel desk');
  const invite = await createInvite(store, {
    actor: owner,
    workspaceId: ws,
    role: 'editor',
    expiresInDays: 1,
  });
  await acceptInvite(store, { actor: analyst, token: invite.token });
  const doc = await importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title: 'The October exchange' }),
    format: 'text',
    converted: await convertToDocument(
      'text',
      'In October 2020 the authorities in Bamako released a large group of detainees.',
    ),
  });
  documentId = doc.id;
});

const comment = (): LiveEvent => ({
  type: 'comments',
  workspaceId: ws,
  claimId: 'c1',
  actorId: owner.userId,
});

async function open(actor: Actor, name: string, doc: string | null = null) {
  const send = vi.fn<(event: LiveEvent) => void>();
  const revoked = vi.fn<() => void>();
  const live = await openLiveStream(store, { actor, name, workspaceId: ws, documentId: doc, send, revoked });
  return { send, revoked, live };
}

describe('openLiveStream', () => {
  it('passes a member the workspace’s events, their own notifications only, and presence of their document', async () => {
    const { send, live } = await open(analyst, 'Bakary Traoré', documentId);
    await settleLiveStreams();
    expect(send).toHaveBeenLastCalledWith({
      type: 'presence',
      workspaceId: ws,
      documentId,
      viewers: [{ userId: analyst.userId, name: 'Bakary Traoré' }],
    });
    send.mockClear();
    publish(comment());
    publish({ type: 'notifications', workspaceId: ws, userIds: [owner.userId] });
    publish({ type: 'notifications', workspaceId: ws, userIds: [analyst.userId] });
    publish({ type: 'presence', workspaceId: ws, documentId: 'another', viewers: [] });
    await settleLiveStreams();
    expect(send.mock.calls.map(([e]) => e.type)).toEqual(['comments', 'notifications']);
    live.close();
  });

  it.each([
    [
      'removed by an owner',
      () => removeMember(store, { actor: owner, workspaceId: ws, userId: analyst.userId }),
    ],
    ['leaving', () => removeMember(store, { actor: analyst, workspaceId: ws, userId: analyst.userId })],
  ])('ends the stream of a member %s at once, and sends them nothing more', async (_name, remove) => {
    const { send, revoked, live } = await open(analyst, 'Bakary Traoré', documentId);
    const watcher = await open(owner, 'Awa Diallo', documentId);
    await settleLiveStreams();
    send.mockClear();
    publish(comment());
    await settleLiveStreams();
    expect(send).toHaveBeenCalledTimes(1);
    await remove();
    await settleLiveStreams();
    // No other event needed: the removal itself ends the stream, and the reader leaves presence.
    expect(revoked).toHaveBeenCalledTimes(1);
    expect(await live.stillAllowed()).toBe(false);
    expect(watcher.send).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: 'presence', viewers: [{ userId: owner.userId, name: 'Awa Diallo' }] }),
    );
    expect(watcher.revoked).not.toHaveBeenCalled();
    publish(comment());
    publish({ type: 'notifications', workspaceId: ws, userIds: [analyst.userId] });
    await settleLiveStreams();
    expect(send).toHaveBeenCalledTimes(1);
    expect(revoked).toHaveBeenCalledTimes(1);
  });

  it('ends every stream of a deleted workspace at once', async () => {
    const a = await open(analyst, 'Bakary Traoré');
    const o = await open(owner, 'Awa Diallo');
    publish(comment());
    await settleLiveStreams();
    expect([a.send, o.send].map((s) => s.mock.calls.length)).toEqual([1, 1]);
    await deleteWorkspace(store, { actor: owner, workspaceId: ws, confirmName: 'Sahel desk' });
    await settleLiveStreams();
    expect(a.revoked).toHaveBeenCalledTimes(1);
    expect(o.revoked).toHaveBeenCalledTimes(1);
    publish(comment());
    await settleLiveStreams();
    expect(a.revoked).toHaveBeenCalledTimes(1);
    expect(o.revoked).toHaveBeenCalledTimes(1);
    expect([a.send, o.send].map((s) => s.mock.calls.length)).toEqual([1, 1]);
  });

  it('refuses to open for someone outside the workspace', async () => {
    const outsider = await makeUser(store, { name: 'Chen Wei' });
    await expect(open(outsider, 'Chen Wei')).rejects.toThrow();
  });
});
