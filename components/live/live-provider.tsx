'use client';

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { LiveEvent } from '@/db/events';

type Listener = (event: LiveEvent) => void;

interface LiveContextValue {
  subscribe: (listener: Listener) => () => void;
  /** The document this page shows (for presence), or null. */
  setDocument: (documentId: string | null) => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);
const EVENT_TYPES: LiveEvent['type'][] = ['claims', 'comments', 'presence', 'notifications'];

/**
 * One server-sent-event stream per workspace page: claims, comments and notifications of the
 * workspace, and presence on the open document. Components listen with `useLiveEvent`. The
 * browser's EventSource reconnects by itself after a network drop (the server asks for 2 s).
 */
export function LiveProvider({ workspaceId, children }: { workspaceId: string; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [documentId, setDocumentId] = useState<string | null>(null);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const url = `/api/workspaces/${workspaceId}/events${documentId ? `?document=${encodeURIComponent(documentId)}` : ''}`;
    const source = new EventSource(url);
    const dispatch = (e: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(e.data) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of listeners.current) listener(event);
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, dispatch);
    return () => source.close();
  }, [workspaceId, documentId]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo(() => ({ subscribe, setDocument: setDocumentId }), [subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** Calls `handler` for every live event (the latest handler; no re-subscription per render). */
export function useLiveEvent(handler: Listener) {
  const live = useContext(LiveContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => live?.subscribe((event) => latest.current(event)), [live]);
}

/** Declares the document this page shows, for presence ("also reading"). */
export function useLiveDocument(documentId: string | null) {
  const live = useContext(LiveContext);
  useEffect(() => {
    live?.setDocument(documentId);
    return () => live?.setDocument(null);
  }, [live, documentId]);
}
