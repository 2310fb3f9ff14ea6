'use client';

import { useId, useMemo, useState } from 'react';
import type { ReaderClaim, TopicMark } from '@/lib/reader-claims';
import {
  ANCHOR_STATUSES,
  CLAIM_STATUSES,
  CLAIM_STATUS_LABELS,
  claimStatusTitle,
  type AnchorStatus,
  type ClaimStatus,
} from '@/lib/vocabulary';
import { markColor } from './highlighter';

export interface ClaimFilters {
  type: string;
  tag: string;
  author: string;
  status: string;
  anchor: string;
}

const ALL = '';

/** How the list names a passage's anchor status (a fuzzy one reads as a close match). */
const PASSAGE_LABELS: Record<AnchorStatus, string> = {
  exact: 'exact',
  fuzzy: 'close match',
  orphaned: 'orphaned',
};

/** What "close match" means, said on the card and over the highlight. */
export const CLOSE_MATCH_HELP =
  'Close match: after the text was revised, this passage was found again approximately, not word for word. Check that it still says what the claim needs.';

/** A claim's status as the review panel writes it ("In review"), whatever the payload holds. */
export const statusTitle = (status: string) =>
  status in CLAIM_STATUS_LABELS ? claimStatusTitle(status as ClaimStatus) : status;

/** A competing claim's mark: its letter on its hue, as its passages are painted in the text. */
export function MarkSwatch({ mark }: { mark: TopicMark }) {
  return (
    <span
      data-mark-hue={mark.hue}
      title={`Marked ${mark.letter} in the text: one of ${mark.of} claims of its topic here`}
      className="inline-flex h-4 min-w-4 shrink-0 items-center justify-center rounded-sm border px-0.5 text-[10px] leading-none font-bold text-slate-900"
      style={{ backgroundColor: `${markColor(mark.hue)}66`, borderColor: markColor(mark.hue) }}
    >
      <span aria-hidden>{mark.letter}</span>
      <span className="sr-only">
        Claim {mark.letter} of {mark.of} in its topic:
      </span>
    </span>
  );
}
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
  marks,
  activeId,
  onOpen,
}: {
  claims: ReaderClaim[];
  types: { id: string; name: string; color: string }[];
  /** The letters and hues of competing claims (lib/reader-claims.ts `topicMarks`). */
  marks: Map<string, TopicMark>;
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
          ANCHOR_STATUSES.map((s) => ({ value: s, label: PASSAGE_LABELS[s] })),
        )}
      </div>
      <p className="text-xs text-slate-500">
        {matching.length} of {claims.length} claim{claims.length === 1 ? '' : 's'}
      </p>
      <ul className="space-y-1.5" aria-label="Claims">
        {shown.map((c) => {
          const mark = marks.get(c.id);
          const fuzzy = c.anchors.some((a) => a.status === 'fuzzy');
          const active = c.id === activeId;
          return (
            <li
              key={c.id}
              data-claim-status={c.status}
              data-topic-mark={mark?.letter}
              className={`rounded-md border hover:border-indigo-400 ${active ? 'border-indigo-500 bg-indigo-50' : 'border-slate-200 bg-white'}`}
            >
              <button
                type="button"
                onClick={() => onOpen(c.id)}
                aria-current={active ? 'true' : undefined}
                className="w-full rounded-md px-2.5 py-1.5 text-left text-sm"
              >
                <span className="flex flex-wrap items-center gap-x-1.5 text-[11px] text-slate-500">
                  <span
                    aria-hidden
                    className="inline-block h-2 w-2 rounded-full"
                    style={{ backgroundColor: typeById.get(c.typeId)?.color }}
                  />
                  {typeById.get(c.typeId)?.name}
                  {c.quantity ? ` · ${c.quantity}` : ''}
                  {c.evidenceCount ? ` · ${c.evidenceCount} evidence` : ''}
                  {c.anchors.some((a) => a.status === 'orphaned') ? ' · orphaned passage' : ''}
                  {fuzzy ? (
                    <span
                      title={CLOSE_MATCH_HELP}
                      className="rounded border border-dashed border-orange-800 px-1 text-orange-900"
                    >
                      close match
                    </span>
                  ) : null}
                </span>
                <span className="flex items-start gap-1.5">
                  {mark ? <MarkSwatch mark={mark} /> : null}
                  <span className="block text-slate-900">{c.statement}</span>
                </span>
                <span className="mt-1 flex flex-wrap items-center gap-1.5 text-[11px]">
                  <span className="rounded-full bg-slate-100 px-1.5 py-px font-medium text-slate-700">
                    {statusTitle(c.status)}
                  </span>
                  {c.reasonCount ? (
                    <span className="rounded-full bg-amber-100 px-1.5 py-px font-medium text-amber-900">
                      Contested
                    </span>
                  ) : null}
                </span>
              </button>
              {fuzzy ? <p className="sr-only">{CLOSE_MATCH_HELP}</p> : null}
              {c.reasonCount ? (
                <ul
                  aria-label="Why it is contested"
                  className="space-y-0.5 px-2.5 pb-1.5 text-xs text-amber-950"
                >
                  {c.reasons.map((r, i) => (
                    <li key={i}>
                      <strong className="font-medium">{r.label}:</strong> {r.detail}
                    </li>
                  ))}
                  {c.reasonCount > c.reasons.length ? (
                    <li className="text-slate-600">
                      and {c.reasonCount - c.reasons.length} more: open the claim to read them all.
                    </li>
                  ) : null}
                </ul>
              ) : null}
            </li>
          );
        })}
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

/** Where the reader remembers that a document's orphaned passages were folded away. */
const foldedKey = (documentId: string) => `warrant:orphans-folded:${documentId}`;

function readFolded(documentId: string): boolean {
  try {
    return typeof window !== 'undefined' && window.localStorage.getItem(foldedKey(documentId)) === '1';
  } catch {
    return false; // storage refused (private mode): open, as by default
  }
}

/**
 * The passages that could not be placed in the current revision, each with "Re-attach": a box
 * that folds away to its heading and count, remembered per document in this browser.
 */
export function OrphanedPassages({
  documentId,
  orphans,
  canWrite,
  onReattach,
}: {
  documentId: string;
  orphans: { claim: ReaderClaim; anchor: { id: string; exact?: string } }[];
  canWrite: boolean;
  onReattach: (anchorId: string, quote: string) => void;
}) {
  const [folded, setFolded] = useState(() => readFolded(documentId));
  const contentId = useId();
  const toggle = () => {
    const next = !folded;
    setFolded(next);
    try {
      if (next) window.localStorage.setItem(foldedKey(documentId), '1');
      else window.localStorage.removeItem(foldedKey(documentId));
    } catch {
      // Not remembered; the box still folds.
    }
  };
  return (
    <section
      aria-label="Orphaned passages"
      className={`rounded-md border border-amber-200 bg-amber-50 text-sm ${folded ? 'px-3 py-1.5' : 'p-3'}`}
    >
      <h3 className="font-semibold text-amber-900">
        <button
          type="button"
          aria-expanded={!folded}
          aria-controls={contentId}
          onClick={toggle}
          className="flex w-full items-center gap-1.5 text-left"
        >
          <span aria-hidden className="inline-block w-3 text-xs">
            {folded ? '▸' : '▾'}
          </span>
          Orphaned passages ({orphans.length})
        </button>
      </h3>
      <div id={contentId} hidden={folded}>
        <p className="text-xs text-amber-900">
          Their text changed too much in the new revision to be found again.
        </p>
        <ul className="mt-2 space-y-1">
          {orphans.map(({ claim, anchor }) => (
            <li key={anchor.id}>
              <span className="font-serif">“{anchor.exact}”</span> — {claim.statement}{' '}
              {canWrite ? (
                <button
                  type="button"
                  className="text-indigo-700 underline"
                  onClick={() => onReattach(anchor.id, anchor.exact ?? '')}
                >
                  Re-attach
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
