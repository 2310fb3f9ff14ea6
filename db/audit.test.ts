import { beforeEach, describe, expect, it } from 'vitest';
import { audit } from './audit';
import type { SqliteStore } from './engines/sqlite';
import { auditEvents } from './schema';
import { freshSqliteStore, makeUser, makeWorkspace } from './testing';
import { deleteWorkspace } from './queries/workspaces';

let store: SqliteStore;
beforeEach(async () => {
  store = await freshSqliteStore();
});

describe('the audit log is append-only', () => {
  it('aborts an UPDATE', async () => {
    await store.transaction((tx) => audit(tx, { actorUserId: null, action: 'test.event' }));
    await expect(
      store.transaction(async (tx) => {
        await tx.update(auditEvents).set({ action: 'rewritten' });
      }),
    ).rejects.toThrow(/append-only/);
    expect(() => store.connection.prepare("update audit_events set actor_user_id = 'x'").run()).toThrow(
      /append-only/,
    );
    expect((await store.db.select().from(auditEvents)).map((e) => e.action)).toEqual(['test.event']);
  });

  it('aborts a DELETE', async () => {
    await store.transaction((tx) => audit(tx, { actorUserId: null, action: 'test.event' }));
    await expect(
      store.transaction(async (tx) => {
        await tx.delete(auditEvents);
      }),
    ).rejects.toThrow(/append-only/);
    expect(() => store.connection.prepare('delete from audit_events').run()).toThrow(/append-only/);
    expect(await store.db.select().from(auditEvents)).toHaveLength(1);
  });

  it('keeps the events of a deleted workspace', async () => {
    const owner = await makeUser(store);
    const ws = await makeWorkspace(store, owner, 'Short-lived');
    await deleteWorkspace(store, { actor: owner, workspaceId: ws, confirmName: 'Short-lived' });
    const actions = (await store.db.select().from(auditEvents))
      .filter((e) => e.workspaceId === ws)
      .map((e) => e.action);
    expect(actions).toEqual(['workspace.create', 'workspace.delete']);
  });
});
