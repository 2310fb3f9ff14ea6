'use client';

import { useEffect, useState } from 'react';
import { api } from '@/components/annotate/api';
import type { TimelineEntry } from '@/lib/review/history';

const when = (d: Date | string) =>
  new Date(d).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** The claim's timeline (who, when, old → new), loaded when opened. */
export function ClaimHistory({ claimId, version }: { claimId: string; version: number }) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!open) return;
    let live = true;
    void api<{ entries: TimelineEntry[] }>('GET', `/api/claims/${claimId}/history`).then((res) => {
      if (!live) return;
      if (res.ok) setEntries(res.data.entries);
      else setError(res.error.message);
    });
    return () => {
      live = false;
    };
  }, [open, claimId, version]);
  return (
    <details className="text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer font-semibold">History</summary>
      {error ? <p className="text-red-700">{error}</p> : null}
      {open && !entries && !error ? <p className="text-slate-500">Loading the history…</p> : null}
      <ol aria-label="History" className="mt-2 space-y-2">
        {entries?.map((e) => (
          <li key={e.id} className="border-l-2 border-slate-200 pl-2">
            <p>
              <strong>{e.who}</strong> {e.summary}{' '}
              <span className="text-xs text-slate-500">{when(e.at)}</span>
            </p>
            {e.changes.length ? (
              <ul className="text-xs text-slate-700">
                {e.changes.map((c, i) => (
                  <li key={i}>
                    {c.field}: {c.from ?? '—'} → {c.to ?? '—'}
                  </li>
                ))}
              </ul>
            ) : null}
            {e.note ? <p className="text-xs text-slate-600">“{e.note}”</p> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
