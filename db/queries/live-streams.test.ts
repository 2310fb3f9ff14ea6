/**
 * Live streams under load: how many one member and one workspace may hold open, and what one event
 * costs (one membership query per workspace, run after the writer's request, whatever the number
 * of subscribers).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { publish, type LiveEvent } from '../events';
import { SharedStatement, type SqliteStore } from '../engines/sqlite';
import { freshSqliteStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { openLiveStream, settleLiveStreams } from './live';
import { MAX_STREAMS_PER_USER, MAX_STREAMS_PER_WORKSPACE } from './live-streams';
import { removeMember } from './members';

let store: SqliteStore;
let owner: Actor;
let ws: string;
let open: { close: () => void }[];

beforeEach(async () => {
  store = await freshSqliteStore();
  owner = await makeUser(store, { name: 'Awa Diallo' });
  ws = await makeWorkspace(store, owner, 'Sahel desk');
  open = [];
});

afterEach(() => {
  for (const s of open) s.close();
});

/** Members added straight in SQL (no password hashing: hundreds of them are needed). */
function members(count: number, workspaceId = ws): Actor[] {
  const sqlite = store.connection;
  const user = sqlite.prepare('insert into users (id, email, name, password_hash) values (?, ?, ?, ?)');
  const member = sqlite.prepare(
    "insert into memberships (workspace_id, user_id, role) values (?, ?, 'editor')",
  );
  return Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    user.run(id, `${id}@example.org`, `Analyst ${i}`, 'not-a-hash');
    member.run(workspaceId, id);
    return { userId: id, isAdmin: false };
  });
}

async function stream(actor: Actor, workspaceId = ws) {
  const send = vi.fn<(event: LiveEvent) => void>();
  const revoked = vi.fn<() => void>();
  const live = await openLiveStream(store, {
    actor,
    name: 'x',
    workspaceId,
    documentId: null,
    send,
    revoked,
  });
  open.push(live);
  return { send, revoked, live };
}

const comment = (): LiveEvent => ({
  type: 'comments',
  workspaceId: ws,
  claimId: 'c1',
  actorId: owner.userId,
});

const codeOf = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    return `${(e as { code?: string }).code} ${(e as { status?: number }).status}`;
  }
};

describe('stream limits', () => {
  it('refuses a member’s stream past the per-member limit with a clear 429, and frees a slot on close', async () => {
    const first = await stream(owner);
    for (let i = 1; i < MAX_STREAMS_PER_USER; i++) await stream(owner);
    expect(await codeOf(() => stream(owner))).toBe('rate_limited:stream 429');
    const refused = await stream(owner).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(refused?.message).toMatch(/live connections/);
    expect(refused?.message).toContain(String(MAX_STREAMS_PER_USER));
    first.live.close();
    first.live.close(); // closing twice frees one slot only
    expect(await codeOf(() => stream(owner))).toBe('ok');
    expect(await codeOf(() => stream(owner))).toBe('rate_limited:stream 429');
  });

  it('counts a member’s streams across workspaces', async () => {
    const other = await makeWorkspace(store, owner, 'Horn desk');
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) await stream(owner, i % 2 ? other : ws);
    expect(await codeOf(() => stream(owner, other))).toBe('rate_limited:stream 429');
  });

  it('refuses a stream past the per-workspace limit, and not in another workspace', async () => {
    const team = members(MAX_STREAMS_PER_WORKSPACE + 1);
    for (const actor of team.slice(0, MAX_STREAMS_PER_WORKSPACE)) await stream(actor);
    expect(await codeOf(() => stream(team.at(-1)!))).toBe('rate_limited:stream 429');
    const elsewhere = await makeWorkspace(store, owner, 'Horn desk');
    expect(await codeOf(() => stream(owner, elsewhere))).toBe('ok');
  });

  it('does not count a stream that was refused for want of membership', async () => {
    const outsider = await makeUser(store, { name: 'Chen Wei' });
    for (let i = 0; i < MAX_STREAMS_PER_USER + 2; i++) await expect(stream(outsider)).rejects.toThrow();
    const own = await makeWorkspace(store, outsider, 'Own desk');
    expect(await codeOf(() => stream(outsider, own))).toBe('ok');
  });
});

describe('delivering an event', () => {
  it('checks membership once for all the workspace’s subscribers, after the writer’s request', async () => {
    const team = members(30);
    const streams: Awaited<ReturnType<typeof stream>>[] = [];
    for (const a of team) streams.push(await stream(a));
    // Statements run (the engine's statements are cached, so preparations would not count runs).
    const runs = [vi.spyOn(SharedStatement.prototype, 'all'), vi.spyOn(SharedStatement.prototype, 'get')];
    const membershipQueries = () =>
      runs
        .flatMap((spy) => spy.mock.contexts)
        .filter((s) => /memberships/.test((s as SharedStatement).source)).length;
    try {
      publish(comment());
      // The writer's request goes on: nothing was sent or queried on its time.
      expect(streams.every((s) => s.send.mock.calls.length === 0)).toBe(true);
      expect(membershipQueries()).toBe(0);
      await settleLiveStreams();
      expect(membershipQueries()).toBe(1);
      expect(streams.every((s) => s.send.mock.calls.length === 1)).toBe(true);
      publish(comment());
      publish(comment());
      await settleLiveStreams();
      expect(membershipQueries()).toBe(3);
    } finally {
      for (const spy of runs) spy.mockRestore();
    }
  });

  it('sends a removed member nothing more, and ends their stream', async () => {
    const [kept, removed] = members(2);
    const a = await stream(kept!);
    const b = await stream(removed!);
    await removeMember(store, { actor: owner, workspaceId: ws, userId: removed!.userId });
    publish(comment());
    await settleLiveStreams();
    expect(a.send).toHaveBeenCalledTimes(1);
    expect(b.send).not.toHaveBeenCalled();
    expect(b.revoked).toHaveBeenCalledTimes(1);
  });

  it('runs no query for an event nobody would receive', async () => {
    await stream(owner);
    const runs = [vi.spyOn(SharedStatement.prototype, 'all'), vi.spyOn(SharedStatement.prototype, 'get')];
    try {
      publish({ type: 'notifications', workspaceId: ws, userIds: ['someone-else'] });
      await settleLiveStreams();
      expect(
        runs
          .flatMap((spy) => spy.mock.contexts)
          .filter((s) => /memberships/.test((s as SharedStatement).source)),
      ).toEqual([]);
    } finally {
      for (const spy of runs) spy.mockRestore();
    }
  });
});
