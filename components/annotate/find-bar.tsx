'use client';

import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { TextView } from '@/lib/documents/text-view';
import { findInText, foldText, MAX_FIND_MATCHES, type Span } from '@/lib/search/find';

/**
 * The reader's find bar: every match of the words typed is marked in the text (case, accents and
 * white space ignored), with a count; Enter or "Next match" goes to the next, Shift+Enter or
 * "Previous match" to the one before; "Make claim" starts a claim on the current match.
 */
export function FindBar({
  view,
  canWrite,
  onMatches,
  onMakeClaim,
  onClose,
}: {
  view: TextView;
  canWrite: boolean;
  onMatches: (matches: Span[], current: Span | null) => void;
  onMakeClaim: (match: Span) => void;
  onClose: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const typed = useDeferredValue(query);
  const folded = useMemo(() => foldText(view.text()), [view]);
  const matches = useMemo(() => findInText(folded, typed), [folded, typed]);
  const at = matches.length ? Math.min(current, matches.length - 1) : -1;
  const match = at >= 0 ? matches[at]! : null;

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    onMatches(matches, match);
    if (match)
      view.rangeOf(match.start, match.end)?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  }, [matches, match, onMatches, view]);
  useEffect(() => () => onMatches([], null), [onMatches]);

  const step = (by: 1 | -1) => {
    if (!matches.length) return;
    setCurrent((at + by + matches.length) % matches.length);
  };
  const count = !typed.trim()
    ? ''
    : matches.length === 0
      ? 'No match'
      : `${at + 1} of ${matches.length}${matches.length >= MAX_FIND_MATCHES ? '+' : ''}`;
  const button =
    'rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:text-slate-400';
  return (
    <div
      role="search"
      aria-label="Find in document"
      className="flex flex-wrap items-center gap-2 rounded-md border border-slate-300 bg-slate-50 p-2"
    >
      <label htmlFor="find-in-document" className="sr-only">
        Find in document
      </label>
      <input
        ref={input}
        id="find-in-document"
        type="search"
        value={query}
        maxLength={200}
        placeholder="Find in document"
        onChange={(e) => {
          setQuery(e.target.value);
          setCurrent(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
        className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      />
      <span role="status" aria-label="Matches" className="min-w-16 text-xs text-slate-600 tabular-nums">
        {count}
      </span>
      <button type="button" className={button} disabled={!matches.length} onClick={() => step(-1)}>
        Previous match
      </button>
      <button type="button" className={button} disabled={!matches.length} onClick={() => step(1)}>
        Next match
      </button>
      {canWrite ? (
        <button
          type="button"
          className={button}
          disabled={!match}
          onClick={() => match && onMakeClaim(match)}
        >
          Make claim
        </button>
      ) : null}
      <button type="button" className={button} onClick={onClose}>
        Close find
      </button>
    </div>
  );
}
