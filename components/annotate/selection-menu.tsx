'use client';

import { Button } from '@/components/ui/button';
import { PASSAGE_MAX_CHARS, passageTooLongMessage } from '@/lib/anchoring/selectors';

export interface Selection {
  start: number;
  end: number;
  quote: string;
  left: number;
  top: number;
}

/** The length a passage made from this selection would have (edges' white space is trimmed). */
export const passageLength = (selection: Selection) => selection.quote.trim().length;

/** True when the selection is longer than a passage may be. */
export const selectionTooLong = (selection: Selection) => passageLength(selection) > PASSAGE_MAX_CHARS;

/** The small menu at a text selection. */
export function SelectionMenu({
  selection,
  reattachQuote,
  onClaim,
  onAppearance,
  onWhereElse,
  onReattach,
}: {
  selection: Selection;
  reattachQuote?: string;
  onClaim: () => void;
  onAppearance: () => void;
  onWhereElse: () => void;
  onReattach: () => void;
}) {
  return (
    <div
      role="toolbar"
      aria-label="Selection"
      className="absolute z-30 flex gap-1 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
      style={{ left: Math.max(0, selection.left - 80), top: selection.top }}
      onMouseDown={(e) => e.preventDefault()}
      onClick={(e) => e.stopPropagation()}
    >
      {selectionTooLong(selection) ? (
        <p role="status" className="max-w-xs px-2 py-1 text-sm text-slate-700">
          {passageTooLongMessage(passageLength(selection))}
        </p>
      ) : reattachQuote ? (
        <Button size="sm" onClick={onReattach}>
          Re-attach here
        </Button>
      ) : (
        <>
          <Button size="sm" onClick={onClaim} aria-keyshortcuts="c">
            Make claim
          </Button>
          <Button size="sm" variant="secondary" onClick={onAppearance}>
            Add to claim…
          </Button>
          <Button size="sm" variant="secondary" onClick={onWhereElse}>
            Where else?
          </Button>
        </>
      )}
    </div>
  );
}
