/**
 * The open live streams of this server process, grouped by workspace, and what they may cost.
 *
 * - Limits (per process: streams live in its memory). A member may hold MAX_STREAMS_PER_USER
 *   streams at once, across workspaces (one per open tab; a browser allows about six connections
 *   per site anyway), and a workspace MAX_STREAMS_PER_WORKSPACE. One more is refused with 429
 *   (`rate_limited:stream`) and a message saying why; closing a stream frees its slot.
 * - Delivery. Each workspace with open streams has ONE subscription to the event hub. An event is
 *   queued and delivered on a later turn of the event loop, so the writer whose transaction
 *   published it does not wait for the subscribers; then, if any stream would receive it, the
 *   workspace's current members are read in one query (through the store the workspace's first
 *   stream was opened with), and each stream of a member gets it while a stream of someone who is
 *   no longer a member ends (`revoke`). A workspace's events are delivered one at a time, in the
 *   order they were published, by one drain at a time.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '@/lib/errors';
import { subscribe, type LiveEvent } from '../events';
import { memberships } from '../schema';
import type { Store } from '../store';

/** Live streams one member may hold open at once in this process, across workspaces. */
export const MAX_STREAMS_PER_USER = 8;
/** Live streams one workspace may have open at once in this process. */
export const MAX_STREAMS_PER_WORKSPACE = 200;
const RETRY_AFTER_SECONDS = 30;

export interface LiveStream {
  userId: string;
  /** The document whose presence this stream follows, or null. */
  documentId: string | null;
  deliver: (event: LiveEvent) => void;
  /** The member has lost access: the stream must end. */
  revoke: () => void;
}

interface Group {
  store: Store;
  streams: Set<LiveStream>;
  queue: LiveEvent[];
  /** The drain running (or scheduled) for the queue, or null when the queue is idle. */
  draining: Promise<void> | null;
  unsubscribe: () => void;
}

interface State {
  groups: Map<string, Group>;
  perUser: Map<string, number>;
}

// On globalThis, like the hub, so that bundles loading this module twice share it.
const globalState = globalThis as unknown as { __warrantLiveStreams?: State };
function state(): State {
  globalState.__warrantLiveStreams ??= { groups: new Map(), perUser: new Map() };
  return globalState.__warrantLiveStreams;
}

/** Whether the event is meant for this stream at all (before any membership check). */
function meantFor(stream: LiveStream, event: LiveEvent): boolean {
  if (event.type === 'access' || event.type === 'notifications') return event.userIds.includes(stream.userId);
  if (event.type === 'presence') return event.documentId === stream.documentId;
  return true;
}

async function deliver(workspaceId: string, group: Group, event: LiveEvent): Promise<void> {
  const targets = [...group.streams].filter((s) => meantFor(s, event));
  if (targets.length === 0) return;
  // One query for every subscriber of the workspace.
  const current = new Set(
    (
      await group.store.db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(eq(memberships.workspaceId, workspaceId))
    ).map((m) => m.userId),
  );
  for (const stream of targets) {
    if (!group.streams.has(stream)) continue; // ended meanwhile
    try {
      if (!current.has(stream.userId)) stream.revoke();
      else if (event.type !== 'access') stream.deliver(event);
    } catch {
      // A broken stream must not stop the others.
    }
  }
}

/** Delivers the queued events in order, including those queued meanwhile; then the queue is idle. */
async function drain(workspaceId: string, group: Group): Promise<void> {
  try {
    for (let event = group.queue.shift(); event; event = group.queue.shift()) {
      try {
        await deliver(workspaceId, group, event);
      } catch (error) {
        // The membership query failed (the store is closing): this event is lost to the streams,
        // which reload what they show on the next one; the writer is not affected.
        console.error('A live event could not be delivered', error);
      }
    }
  } finally {
    group.draining = null;
  }
}

function tooMany(message: string) {
  return new AppError('rate_limited', 'stream', message, { retryAfterSeconds: RETRY_AFTER_SECONDS });
}

/** Registers a stream (refused past the limits); returns the function that removes it (once). */
export function addLiveStream(store: Store, workspaceId: string, stream: LiveStream): () => void {
  const { groups, perUser } = state();
  const mine = perUser.get(stream.userId) ?? 0;
  if (mine >= MAX_STREAMS_PER_USER)
    throw tooMany(
      `You have ${MAX_STREAMS_PER_USER} live connections open already (one per open tab). Close some tabs, then reload this page to get live updates here.`,
    );
  let group = groups.get(workspaceId);
  if ((group?.streams.size ?? 0) >= MAX_STREAMS_PER_WORKSPACE)
    throw tooMany(
      `This workspace has ${MAX_STREAMS_PER_WORKSPACE} live connections open already. The page works without live updates; reload it later to get them.`,
    );
  if (!group) {
    const created: Group = { store, streams: new Set(), queue: [], draining: null, unsubscribe: () => {} };
    created.unsubscribe = subscribe(workspaceId, (event) => {
      created.queue.push(event);
      if (created.draining) return;
      // On a later turn of the event loop: the publisher does not wait for the subscribers.
      created.draining = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        drain(workspaceId, created),
      );
    });
    groups.set(workspaceId, (group = created));
  }
  const joined = group;
  joined.streams.add(stream);
  perUser.set(stream.userId, mine + 1);
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    joined.streams.delete(stream);
    const left = (perUser.get(stream.userId) ?? 1) - 1;
    if (left > 0) perUser.set(stream.userId, left);
    else perUser.delete(stream.userId);
    if (joined.streams.size === 0 && groups.get(workspaceId) === joined) {
      joined.unsubscribe();
      groups.delete(workspaceId);
    }
  };
}

/** For tests: resolves once every queued event has been delivered (bounded). */
export async function settleLiveStreams(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const pending = [...state().groups.values()].flatMap((g) => (g.draining ? [g.draining] : []));
    if (pending.length === 0) return;
    await Promise.all(pending);
  }
}
