'use client';

import { useState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import type { WhereElse as Found } from '@/db/queries/where-else';
import { api } from './api';

const alike = (similarity: number) =>
  similarity >= 1 ? 'same words' : `${Math.floor(similarity * 100)}% alike`;

/**
 * "Where else?": the other passages of the workspace holding a claim's quote (or a selection), with
 * "Add to claim" on each when there is a claim and the member may write, and a link that opens each
 * in its document.
 */
export function WhereElse({
  workspaceId,
  url,
  claimId,
  canWrite,
  onAdded,
}: {
  workspaceId: string;
  /** The endpoint to ask: /api/claims/{id}/where-else or /api/documents/{id}/where-else?start=…&end=… */
  url: string;
  /** The claim an appearance is added to (none for a selection). */
  claimId: string | null;
  canWrite: boolean;
  onAdded?: () => void;
}) {
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [added, setAdded] = useState<Set<string>>(new Set());
  const look = async () => {
    setBusy(true);
    setError(undefined);
    const res = await api<Found>('GET', url);
    setBusy(false);
    if (res.ok) setFound(res.data);
    else setError(res.error.message);
  };
  const add = async (hit: Found['hits'][number]) => {
    if (!claimId) return;
    setError(undefined);
    const res = await api('POST', `/api/claims/${claimId}/anchors`, {
      documentId: hit.documentId,
      revisionId: hit.revisionId,
      start: hit.start,
      end: hit.end,
    });
    if (!res.ok) return setError(res.error.message);
    setAdded((s) => new Set(s).add(`${hit.documentId}:${hit.start}`));
    onAdded?.();
  };
  return (
    <section aria-label="Where else" className="space-y-2">
      <div className="flex items-center gap-2">
        <h4 className="text-sm font-semibold">Where else?</h4>
        <button
          type="button"
          className="text-xs text-indigo-700 underline disabled:text-slate-400"
          disabled={busy}
          onClick={() => void look()}
        >
          {busy ? 'Looking…' : found ? 'Look again' : 'Look in the other documents'}
        </button>
      </div>
      <FormMessage message={error} />
      {found ? (
        found.hits.length === 0 ? (
          <p role="status" className="text-sm text-slate-500">
            Found nowhere else in this workspace.
          </p>
        ) : (
          <>
            <p role="status" className="text-xs text-slate-600">
              Found in {found.hits.length} other passage{found.hits.length === 1 ? '' : 's'}.
            </p>
            <ul className="space-y-2 text-sm">
              {found.hits.map((h) => {
                const key = `${h.documentId}:${h.start}`;
                return (
                  <li
                    key={key}
                    aria-label={`In ${h.title}`}
                    className="rounded border border-slate-200 px-2 py-1.5"
                  >
                    <a
                      className="text-xs font-medium text-indigo-700 underline"
                      href={`/w/${workspaceId}/documents/${h.documentId}?at=${h.start}-${h.end}`}
                    >
                      {h.title}
                    </a>{' '}
                    <span className="text-xs text-slate-500">· {alike(h.similarity)}</span>
                    <span className="block font-serif text-slate-700">
                      …{h.before}
                      <mark className="rounded-sm bg-amber-200 px-0.5">{h.exact}</mark>
                      {h.after}…
                    </span>
                    {claimId && canWrite ? (
                      added.has(key) ? (
                        <span className="text-xs text-green-800">Added to the claim.</span>
                      ) : (
                        <button
                          type="button"
                          className="text-xs text-indigo-700 underline"
                          onClick={() => void add(h)}
                        >
                          Add to claim
                        </button>
                      )
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </>
        )
      ) : null}
    </section>
  );
}
