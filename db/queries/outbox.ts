/**
 * Live events across processes: the outbox (`live_events`) and presence (`presence`).
 *
 * Writing: `emit(tx, event)` adds the event to the outbox in the writer's own transaction, so an
 * event exists exactly when its change committed: never for a rolled-back write, never lost for a
 * committed one (a process that dies right after COMMIT loses nothing). On PostgreSQL the same
 * transaction NOTIFYs every process (delivered at COMMIT).
 *
 * Reading: every process that has open live streams runs one reader per store (`OutboxReader`)
 * that reads the rows after the last it saw and hands them to the process's event hub (../events),
 * whose subscribers (./live-streams) check membership and deliver. It reads when woken by a
 * NOTIFY, after a commit of its own process (`deliverCommitted`), and every POLL_MS anyway (the
 * only signal between processes on SQLite; on PostgreSQL the safety net for a lost notification).
 * Ids may commit out of order on PostgreSQL (a sequence is not transactional): an id skipped over
 * is looked for again until GAP_WAIT_MS has passed (a rolled-back insert leaves a gap for good).
 * Rows older than KEEP_MS are pruned.
 *
 * Presence ("Also reading"): a stream that follows a document holds a row in `presence`, renewed
 * every RENEW_MS and expiring after PRESENCE_TTL_MS, so a process that died stops counting; each
 * join and leave emits the document's viewers, read from every process's rows.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, lt, max, or } from 'drizzle-orm';
import { wakeLiveReaders } from '../dialect';
import { publish, type LiveEvent } from '../events';
import { liveEvents, presence } from '../schema';
import type { Db, Store, Tx } from '../store';

/** How often a reader looks for new events without being woken (ms). */
export const POLL_MS = 250;
/** How long an id skipped over is looked for again (ms). */
export const GAP_WAIT_MS = 10_000;
/** How long events are kept (ms): readers read them within a second. */
export const KEEP_MS = 10 * 60_000;
/** Rows read at most per read. */
const PAGE = 500;
/** Ids skipped over that are tracked at most (more would only be gaps of aborted writes). */
const MAX_GAPS = 2_000;
/** Presence rows are renewed this often and expire after this long (ms). */
export const RENEW_MS = 20_000;
export const PRESENCE_TTL_MS = 60_000;
/** How often each reader prunes (ms). */
const PRUNE_MS = 60_000;

/** Adds `event` to the outbox, in the transaction of the change it reports. */
export async function emit(tx: Tx, event: LiveEvent): Promise<void> {
  await tx.insert(liveEvents).values({ workspaceId: event.workspaceId, event: event as never });
  await wakeLiveReaders(tx);
}

class OutboxReader {
  private last = 0;
  private readonly gaps = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopListening: (() => Promise<void>) | undefined;
  private reading: Promise<void> | null = null;
  private again = false;
  private lastPrune = 0;
  users = 0;
  readonly started: Promise<void>;

  constructor(private readonly store: Store) {
    this.started = this.start();
  }

  private async start() {
    const [row] = await this.store.db.select({ last: max(liveEvents.id) }).from(liveEvents);
    this.last = Number(row?.last ?? 0);
    try {
      this.stopListening = await this.store.listen(() => void this.read());
    } catch {
      // Without wake-ups the reader still polls.
    }
    this.timer = setInterval(() => void this.read(), POLL_MS);
    this.timer.unref?.();
  }

  /** Reads what is new; one read at a time (a call during a read makes it read once more). */
  read(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        await this.started;
        do {
          this.again = false;
          await this.readOnce();
        } while (this.again);
      } catch {
        // The database is unreachable for a moment: the next poll tries again.
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  private async readOnce() {
    for (;;) {
      const gaps = [...this.gaps.keys()];
      const rows = await this.store.db
        .select({ id: liveEvents.id, event: liveEvents.event })
        .from(liveEvents)
        .where(
          gaps.length
            ? or(gt(liveEvents.id, this.last), inArray(liveEvents.id, gaps))
            : gt(liveEvents.id, this.last),
        )
        .orderBy(asc(liveEvents.id))
        .limit(PAGE);
      const now = Date.now();
      for (const { id, event } of rows) {
        if (id > this.last) {
          for (let skipped = this.last + 1; skipped < id && this.gaps.size < MAX_GAPS; skipped++)
            this.gaps.set(skipped, now);
          this.last = id;
        } else {
          this.gaps.delete(id);
        }
        publish(event as unknown as LiveEvent);
      }
      for (const [id, since] of this.gaps) if (now - since > GAP_WAIT_MS) this.gaps.delete(id);
      if (rows.length < PAGE) break;
    }
    await this.prune();
  }

  private async prune() {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_MS) return;
    this.lastPrune = now;
    if (await pruneOutbox(this.store, now)) this.again = true;
  }

  async stop() {
    clearInterval(this.timer);
    await this.started.catch(() => undefined);
    clearInterval(this.timer);
    await this.stopListening?.();
  }
}

/**
 * Deletes events older than KEEP_MS and the presence of streams that stopped renewing it (their
 * process died), telling those documents' readers who is left. Answers how many documents that was.
 */
export async function pruneOutbox(store: Store, now = Date.now()): Promise<number> {
  return store.transaction(async (tx) => {
    await tx.delete(liveEvents).where(lt(liveEvents.createdAt, new Date(now - KEEP_MS)));
    const gone = await tx
      .delete(presence)
      .where(lt(presence.expiresAt, new Date(now)))
      .returning({ workspaceId: presence.workspaceId, documentId: presence.documentId });
    const documents = new Map(gone.map((g) => [`${g.workspaceId}/${g.documentId}`, g]));
    for (const { workspaceId, documentId } of documents.values())
      await presenceChanged(tx, workspaceId, documentId);
    return documents.size;
  });
}

// On globalThis, like the hub: bundles that load this module twice must share one reader per store.
const READERS = Symbol.for('warrant.outbox-readers');
interface Shared {
  readers: Map<Store, OutboxReader>;
  /** Presence changes under way (a stream that closed is leaving). */
  leaving: Set<Promise<void>>;
}
const shared = globalThis as unknown as { [READERS]?: Shared };
const state = (): Shared => (shared[READERS] ??= { readers: new Map(), leaving: new Set() });
const readers = () => state().readers;

/**
 * For tests: resolves once presence changes under way are written and every reader has read;
 * answers whether there was anything to wait for.
 */
export async function settleOutbox(): Promise<boolean> {
  const leaving = [...state().leaving];
  await Promise.all(leaving);
  await Promise.all([...readers().values()].map((r) => r.read()));
  return leaving.length > 0;
}

/**
 * Starts (or shares) the store's reader while a stream needs it, and answers, once the reader
 * knows where the outbox ends (every event committed from then on reaches the hub), the function
 * that lets go.
 */
export async function holdOutboxReader(store: Store): Promise<() => void> {
  let reader = readers().get(store);
  if (!reader) readers().set(store, (reader = new OutboxReader(store)));
  reader.users += 1;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    reader.users -= 1;
    if (reader.users === 0 && readers().get(store) === reader) {
      readers().delete(store);
      void reader.stop();
    }
  };
  try {
    await reader.started;
  } catch (error) {
    // The database did not answer: the next stream starts a new reader.
    if (readers().get(store) === reader) readers().delete(store);
    release();
    throw error;
  }
  return release;
}

/**
 * After a commit of this process that emitted events: its own streams get them now, without
 * waiting for the next poll (and the writer's request ends after the hand-over to the hub).
 */
export async function deliverCommitted(store: Store): Promise<void> {
  await readers().get(store)?.read();
}

/** The people who have the document open now, in any process (one entry per person). */
export async function documentViewers(db: Db, workspaceId: string, documentId: string) {
  const rows = await db
    .select({ userId: presence.userId, name: presence.name })
    .from(presence)
    .where(
      and(
        eq(presence.workspaceId, workspaceId),
        eq(presence.documentId, documentId),
        gt(presence.expiresAt, new Date()),
      ),
    );
  const unique = new Map<string, { userId: string; name: string }>();
  for (const viewer of rows) unique.set(viewer.userId, viewer);
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function presenceChanged(tx: Tx, workspaceId: string, documentId: string) {
  await emit(tx, {
    type: 'presence',
    workspaceId,
    documentId,
    viewers: await documentViewers(tx, workspaceId, documentId),
  });
}

/**
 * Records that someone has a document open while their stream lasts (renewed every RENEW_MS) and
 * tells everyone; answers the function to call when the stream closes (it tells everyone again).
 */
export async function joinDocument(
  store: Store,
  workspaceId: string,
  documentId: string,
  viewer: { userId: string; name: string },
): Promise<() => Promise<void>> {
  const connectionId = randomUUID();
  const expires = () => new Date(Date.now() + PRESENCE_TTL_MS);
  await store.transaction(async (tx) => {
    await tx
      .insert(presence)
      .values({ connectionId, workspaceId, documentId, ...viewer, expiresAt: expires() });
    await presenceChanged(tx, workspaceId, documentId);
  });
  await deliverCommitted(store);
  const renew = setInterval(() => {
    void store
      .transaction((tx) =>
        tx.update(presence).set({ expiresAt: expires() }).where(eq(presence.connectionId, connectionId)),
      )
      .catch(() => undefined);
  }, RENEW_MS);
  renew.unref?.();
  let leaving: Promise<void> | undefined;
  return () => {
    if (leaving) return leaving;
    clearInterval(renew);
    leaving = (async () => {
      await store.transaction(async (tx) => {
        await tx.delete(presence).where(eq(presence.connectionId, connectionId));
        await presenceChanged(tx, workspaceId, documentId);
      });
      await deliverCommitted(store);
    })();
    const done = leaving.catch(() => undefined);
    state().leaving.add(done);
    void done.finally(() => state().leaving.delete(done));
    return leaving;
  };
}
