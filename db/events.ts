/**
 * Live events: the one small publish/subscribe interface of DESIGN.md section 4, this process's
 * hub (kept on globalThis, so that the Next.js bundles that load this module twice share it).
 * Writers do not publish here: they add events to the outbox in their transaction
 * (db/queries/outbox.ts `emit`), and each process's outbox reader publishes the committed events
 * of every process to its hub. Events carry ids only: subscribers reload what they show through
 * the data-access layer, so nothing bypasses authorization.
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
}

const globalHub = globalThis as unknown as { __warrantLiveHub?: Hub };
function hub(): Hub {
  globalHub.__warrantLiveHub ??= { listeners: new Map() };
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
