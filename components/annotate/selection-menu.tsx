'use client';

import { Button } from '@/components/ui/button';

export interface Selection {
  start: number;
  end: number;
  quote: string;
  left: number;
  top: number;
}

/** The small menu at a text selection. */
export function SelectionMenu({
  selection,
  reattachQuote,
  onClaim,
  onAppearance,
  onReattach,
}: {
  selection: Selection;
  reattachQuote?: string;
  onClaim: () => void;
  onAppearance: () => void;
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
      {reattachQuote ? (
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
        </>
      )}
    </div>
  );
}
