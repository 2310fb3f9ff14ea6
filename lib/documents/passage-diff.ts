/**
 * The difference between a passage's old quote and the text now at its place, for the summary of
 * a revision's passages: word by word, so that an analyst sees at a glance what changed in a close
 * match. A page lists many passages, and every diff runs on the request's event loop, so each is
 * bounded (its length, its number of changes, its time) and all of them share one time budget;
 * past it, or for a passage too long or too changed, the two texts are shown whole (null).
 */
import { wordDiff, type DiffPart } from './word-diff';

/** Longest text (either side) diffed word by word. */
export const PASSAGE_DIFF_MAX_CHARS = 2_000;
/** Most changed tokens in one passage before it is shown whole. */
const MAX_EDIT_LENGTH = 120;

export interface PassagePair {
  before: string;
  after: string;
}

export function passageDiffs(
  pairs: readonly PassagePair[],
  { budgetMs = 25, now = () => performance.now() }: { budgetMs?: number; now?: () => number } = {},
): (DiffPart[] | null)[] {
  const deadline = now() + budgetMs;
  return pairs.map(({ before, after }) => {
    const left = deadline - now();
    if (left <= 0 || before.length > PASSAGE_DIFF_MAX_CHARS || after.length > PASSAGE_DIFF_MAX_CHARS) {
      return null;
    }
    const diff = wordDiff(before, after, {
      maxEditLength: MAX_EDIT_LENGTH,
      timeoutMs: Math.max(1, Math.min(10, left)),
    });
    return diff.replaced ? null : diff.parts;
  });
}
