/**
 * Live events: the one small publish/subscribe interface of DESIGN.md section 4. In-process now
 * (kept on globalThis, so that the Next.js bundles that load this module twice share it); a shared
 * broker can take its place later without changing the callers. Events are published after the
 * transaction that caused them has committed, and carry ids only: subscribers reload what they show
 * through the data-access layer, so nothing bypasses authorization.
 */

export type LiveEvent =
  | {
      type: 'claims';
      workspaceId: string;
      claimIds: string[];
      /** Documents where the claims appear (readers of other documents can ignore the event). */
      documentIds: string[];
      actorId: string;
    }
  | { type: 'comments'; workspaceId: string; claimId: string; actorId: string }
  | {
      type: 'presence';
      workspaceId: string;
      documentId: string;
      viewers: { userId: string; name: string }[];
    }
  | { type: 'notifications'; workspaceId: string; userIds: string[] }
  /** Server-side only (never sent to a browser): these members may have lost access. */
  | { type: 'access'; workspaceId: string; userIds: string[] };

type Listener = (event: LiveEvent) => void;

interface Hub {
  listeners: Map<string, Set<Listener>>;
  /** workspace → document → connection id → viewer */
  presence: Map<string, Map<string, Map<number, { userId: string; name: string }>>>;
  nextConnection: number;
}

const globalHub = globalThis as unknown as { __warrantLiveHub?: Hub };
function hub(): Hub {
  globalHub.__warrantLiveHub ??= { listeners: new Map(), presence: new Map(), nextConnection: 1 };
  return globalHub.__warrantLiveHub;
}

export function publish(event: LiveEvent): void {
  for (const listener of hub().listeners.get(event.workspaceId) ?? []) {
    try {
      listener(event);
    } catch {
      // A broken subscriber (a closed stream) must not stop the others.
    }
  }
}

/** Listens to a workspace's events; returns the function that stops listening. */
export function subscribe(workspaceId: string, listener: Listener): () => void {
  const { listeners } = hub();
  const set = listeners.get(workspaceId) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(workspaceId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(workspaceId);
  };
}

function viewersOf(workspaceId: string, documentId: string) {
  const byConnection = hub().presence.get(workspaceId)?.get(documentId);
  const unique = new Map<string, { userId: string; name: string }>();
  for (const viewer of byConnection?.values() ?? []) unique.set(viewer.userId, viewer);
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Who has the document open now (one entry per person, however many tabs). */
export function documentViewers(workspaceId: string, documentId: string) {
  return viewersOf(workspaceId, documentId);
}

/**
 * Records that someone has a document open (for as long as their event stream lasts) and tells
 * the others; returns the function to call when the stream closes.
 */
export function joinDocument(
  workspaceId: string,
  documentId: string,
  viewer: { userId: string; name: string },
): () => void {
  const h = hub();
  const id = h.nextConnection++;
  const docs = h.presence.get(workspaceId) ?? new Map();
  h.presence.set(workspaceId, docs);
  const connections = docs.get(documentId) ?? new Map();
  docs.set(documentId, connections);
  connections.set(id, viewer);
  publish({ type: 'presence', workspaceId, documentId, viewers: viewersOf(workspaceId, documentId) });
  return () => {
    connections.delete(id);
    if (connections.size === 0) docs.delete(documentId);
    if (docs.size === 0) h.presence.delete(workspaceId);
    publish({ type: 'presence', workspaceId, documentId, viewers: viewersOf(workspaceId, documentId) });
  };
}
