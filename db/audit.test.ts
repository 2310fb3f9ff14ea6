import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from './client';
import { audit } from './audit';
import { auditEvents } from './schema';
import { makeUser, makeWorkspace, useFreshDatabase } from './testing';
import { deleteWorkspace } from './queries/workspaces';

beforeEach(() => {
  useFreshDatabase();
});

describe('the audit log is append-only', () => {
  it('aborts an UPDATE', () => {
    audit(getDb(), { actorUserId: null, action: 'test.event' });
    expect(() => getDb().update(auditEvents).set({ action: 'rewritten' }).run()).toThrow(/append-only/);
    expect(() => getDb().$client.prepare("update audit_events set actor_user_id = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(
      getDb()
        .select()
        .from(auditEvents)
        .all()
        .map((e) => e.action),
    ).toEqual(['test.event']);
  });

  it('aborts a DELETE', () => {
    audit(getDb(), { actorUserId: null, action: 'test.event' });
    expect(() => getDb().delete(auditEvents).run()).toThrow(/append-only/);
    expect(() => getDb().$client.prepare('delete from audit_events').run()).toThrow(/append-only/);
    expect(getDb().select().from(auditEvents).all()).toHaveLength(1);
  });

  it('keeps the events of a deleted workspace', async () => {
    const owner = await makeUser();
    const ws = await makeWorkspace(owner, 'Short-lived');
    await deleteWorkspace({ actor: owner, workspaceId: ws, confirmName: 'Short-lived' });
    const actions = getDb()
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.workspaceId === ws)
      .map((e) => e.action);
    expect(actions).toEqual(['workspace.create', 'workspace.delete']);
  });
});
