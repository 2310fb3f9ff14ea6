'use client';

import { useMemo, useState } from 'react';
import type { ReaderClaim } from '@/lib/reader-claims';
import { ANCHOR_STATUSES, CLAIM_STATUSES, CLAIM_STATUS_LABELS } from '@/lib/vocabulary';

export interface ClaimFilters {
  type: string;
  tag: string;
  author: string;
  status: string;
  anchor: string;
}

const ALL = '';
const PAGE = 100;
const SELECT = 'rounded border border-slate-300 bg-white px-1.5 py-1 text-xs';

export function filterClaims(claims: ReaderClaim[], f: ClaimFilters): ReaderClaim[] {
  return claims.filter(
    (c) =>
      (!f.type || c.typeId === f.type) &&
      (!f.tag || c.tags.includes(f.tag)) &&
      (!f.author || c.authorName === f.author) &&
      (!f.status || c.status === f.status) &&
      (!f.anchor || c.anchors.some((a) => a.status === f.anchor)),
  );
}

/** The claims of the document, filterable by type, tag, author, status and anchor status. */
export function ClaimList({
  claims,
  types,
  activeId,
  onOpen,
}: {
  claims: ReaderClaim[];
  types: { id: string; name: string; color: string }[];
  activeId: string | null;
  onOpen: (claimId: string) => void;
}) {
  const [filters, setFilters] = useState<ClaimFilters>({
    type: ALL,
    tag: ALL,
    author: ALL,
    status: ALL,
    anchor: ALL,
  });
  const tags = useMemo(() => [...new Set(claims.flatMap((c) => c.tags))].sort(), [claims]);
  const authors = useMemo(
    () => [...new Set(claims.map((c) => c.authorName ?? ''))].filter(Boolean).sort(),
    [claims],
  );
  const typeById = useMemo(() => new Map(types.map((t) => [t.id, t])), [types]);
  const matching = filterClaims(claims, filters);
  // Thousands of claims: the list shows a page at a time (the highlights show them all).
  const [limit, setLimit] = useState(PAGE);
  const shown = matching.slice(0, limit);
  const select = (key: keyof ClaimFilters, label: string, options: { value: string; label: string }[]) => (
    <label className="flex flex-col text-[11px] text-slate-500">
      {label}
      <select
        className={SELECT}
        value={filters[key]}
        onChange={(e) => setFilters((f) => ({ ...f, [key]: e.target.value }))}
      >
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-label="Claims in this document" className="space-y-3">
      <div className="grid grid-cols-3 gap-2" role="group" aria-label="Filter claims">
        {select(
          'type',
          'Type',
          types.map((t) => ({ value: t.id, label: t.name })),
        )}
        {select(
          'tag',
          'Tag',
          tags.map((t) => ({ value: t, label: t })),
        )}
        {select(
          'author',
          'Author',
          authors.map((a) => ({ value: a, label: a })),
        )}
        {select(
          'status',
          'Status',
          CLAIM_STATUSES.map((s) => ({ value: s, label: CLAIM_STATUS_LABELS[s] })),
        )}
        {select(
          'anchor',
          'Passage',
          ANCHOR_STATUSES.map((s) => ({ value: s, label: s })),
        )}
      </div>
      <p className="text-xs text-slate-500">
        {matching.length} of {claims.length} claim{claims.length === 1 ? '' : 's'}
      </p>
      <ul className="space-y-1.5" aria-label="Claims">
        {shown.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              onClick={() => onOpen(c.id)}
              aria-current={c.id === activeId ? 'true' : undefined}
              className={`w-full rounded-md border px-2.5 py-1.5 text-left text-sm hover:border-indigo-400 ${c.id === activeId ? 'border-indigo-500 bg-indigo-50' : 'border-slate-200 bg-white'}`}
            >
              <span className="flex items-center gap-1.5 text-[11px] text-slate-500">
                <span
                  aria-hidden
                  className="inline-block h-2 w-2 rounded-full"
                  style={{ backgroundColor: typeById.get(c.typeId)?.color }}
                />
                {typeById.get(c.typeId)?.name}
                {c.quantity ? ` · ${c.quantity}` : ''}
                {c.evidenceCount ? ` · ${c.evidenceCount} evidence` : ''}
                {c.anchors.some((a) => a.status === 'orphaned') ? ' · orphaned passage' : ''}
                {c.anchors.some((a) => a.status === 'fuzzy') ? ' · fuzzy passage' : ''}
              </span>
              <span className="block text-slate-900">{c.statement}</span>
            </button>
          </li>
        ))}
      </ul>
      {matching.length > shown.length ? (
        <button
          type="button"
          className="text-sm text-indigo-700 underline"
          onClick={() => setLimit((l) => l + PAGE)}
        >
          Show {Math.min(PAGE, matching.length - shown.length)} more of {matching.length - shown.length}
        </button>
      ) : null}
    </section>
  );
}
