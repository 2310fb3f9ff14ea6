'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/components/annotate/api';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { DiffPart } from '@/lib/documents/word-diff';

export interface CloseMatch {
  anchorId: string;
  claimId: string;
  statement: string;
  oldQuote: string;
  newText: string;
  score: number;
  revisionId: string;
  start: number;
  end: number;
  /** The word diff of the two, or null when it is shown whole (too long, too changed). */
  diff: DiffPart[] | null;
}

export interface OrphanedPassage {
  anchorId: string;
  claimId: string;
  statement: string;
  oldQuote: string;
}

/**
 * The close matches of a revision (old quote and new text side by side, the changed words marked,
 * with "Accept match" and "Detach") and its orphaned passages (statement and old quote).
 */
export function RevisionPassagesPanel({
  matches,
  orphans,
  moreMatches,
  moreOrphans,
  canWrite,
  readerUrl,
}: {
  matches: CloseMatch[];
  orphans: OrphanedPassage[];
  moreMatches: number;
  moreOrphans: number;
  canWrite: boolean;
  /** The current text in the reader, where an orphan is re-attached. */
  readerUrl: string | null;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();

  async function act(match: CloseMatch, action: 'match' | 'detach') {
    setBusy(match.anchorId);
    setNotice(undefined);
    const res = await api('POST', `/api/anchors/${match.anchorId}/${action}`, {
      revisionId: match.revisionId,
      start: match.start,
      end: match.end,
    });
    setBusy(null);
    if (!res.ok) {
      setNotice({ ok: false, text: res.error.message });
      if (res.error.status === 409) router.refresh();
      return;
    }
    setNotice({
      ok: true,
      text:
        action === 'match'
          ? `Match accepted: “${match.statement}” now quotes the new text exactly.`
          : `Passage detached: “${match.statement}” is now among the orphaned passages.`,
    });
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <FormMessage ok={notice?.ok} message={notice?.text} />
      <section aria-labelledby="close-matches-title" className="space-y-3">
        <h3 id="close-matches-title" className="text-lg font-semibold">
          Close matches to check ({matches.length + moreMatches})
        </h3>
        {matches.length === 0 ? (
          <p className="text-sm text-slate-600">No close match left to check.</p>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              These passages were not found word for word in the new text; each was placed on the text closest
              to it. Accept the match when it is the same passage, or detach it when it is not.
            </p>
            <ul aria-label="Close matches" className="space-y-4">
              {matches.map((m) => (
                <li key={m.anchorId} className="space-y-3 rounded-md border border-amber-200 bg-white p-4">
                  <p id={`statement-${m.anchorId}`} className="font-medium text-slate-900">
                    {m.statement}{' '}
                    <span className="text-xs font-normal text-slate-600">
                      (match score {m.score.toFixed(2)})
                    </span>
                  </p>
                  <div className="grid gap-3 md:grid-cols-2">
                    <figure className="space-y-1">
                      <figcaption className="text-xs font-semibold text-slate-600 uppercase">
                        Old quote
                      </figcaption>
                      <blockquote className="rounded bg-slate-50 px-3 py-2 font-serif leading-7 whitespace-pre-wrap">
                        {m.diff ? <Side parts={m.diff} side="removed" /> : m.oldQuote}
                      </blockquote>
                    </figure>
                    <figure className="space-y-1">
                      <figcaption className="text-xs font-semibold text-slate-600 uppercase">
                        Text now at its place
                      </figcaption>
                      <blockquote className="rounded bg-slate-50 px-3 py-2 font-serif leading-7 whitespace-pre-wrap">
                        {m.diff ? <Side parts={m.diff} side="added" /> : m.newText}
                      </blockquote>
                    </figure>
                  </div>
                  {m.diff === null ? (
                    <p className="text-xs text-slate-600">
                      The two differ too much to mark word by word; both are shown whole.
                    </p>
                  ) : null}
                  {canWrite ? (
                    <div className="flex flex-wrap gap-2">
                      <Button
                        size="sm"
                        disabled={busy !== null}
                        aria-describedby={`statement-${m.anchorId}`}
                        onClick={() => void act(m, 'match')}
                      >
                        Accept match
                      </Button>
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy !== null}
                        aria-describedby={`statement-${m.anchorId}`}
                        onClick={() => void act(m, 'detach')}
                      >
                        Detach
                      </Button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
            {moreMatches ? (
              <p className="text-sm text-slate-600">
                And {moreMatches} more: check these first, then reload the page.
              </p>
            ) : null}
          </>
        )}
      </section>
      <section aria-labelledby="orphans-title" className="space-y-3">
        <h3 id="orphans-title" className="text-lg font-semibold">
          Orphaned passages ({orphans.length + moreOrphans})
        </h3>
        {orphans.length === 0 ? (
          <p className="text-sm text-slate-600">No orphaned passage.</p>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              These passages were not found in the text. Their claims keep them; re-attach each to a passage
              of the current text from the reader’s list of orphaned passages.
            </p>
            <ul aria-label="Orphaned passages" className="space-y-2">
              {orphans.map((o) => (
                <li key={o.anchorId} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                  <p className="font-medium text-slate-900">{o.statement}</p>
                  <blockquote className="mt-1 font-serif text-slate-700">“{o.oldQuote}”</blockquote>
                  {readerUrl ? (
                    <Link
                      href={`${readerUrl}?claim=${encodeURIComponent(o.claimId)}`}
                      className="mt-1 inline-block text-indigo-700 underline"
                    >
                      Open the claim in the reader
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
            {moreOrphans ? <p className="text-sm text-slate-600">And {moreOrphans} more.</p> : null}
          </>
        )}
      </section>
    </div>
  );
}

/** One side of a word diff: the words both share, and this side's own words marked. */
function Side({ parts, side }: { parts: DiffPart[]; side: 'added' | 'removed' }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind !== side ? null : side === 'added' ? (
          <ins key={i} className="diff-added">
            {p.text}
          </ins>
        ) : (
          <del key={i} className="diff-removed">
            {p.text}
          </del>
        ),
      )}
    </>
  );
}
