/**
 * Maps offsets of an old canonical text to the new one, through a diff of the two texts by lines
 * (after trimming their common prefix and suffix, which is most of a typical edit). An offset in
 * unchanged text maps exactly; one inside a changed stretch maps to the corresponding stretch of
 * the new text, so that the search for its quote can be centred there.
 */
import { diffArrays } from 'diff';

export interface MappedOffset {
  offset: number;
  /** True when the offset lies in text that the edit did not touch. */
  exact: boolean;
  /** For a changed stretch: where it stands in the new text. */
  region?: { start: number; end: number };
}

interface Segment {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
  same: boolean;
  /**
   * For the pieces of a changed stretch of lines diffed again by words: that stretch. Words the
   * two sides share map to their place, but not "exactly": an alignment of common words inside a
   * rewritten paragraph is a good guess, not proof that the text there is the same passage.
   */
  within?: { start: number; end: number };
}

const splitLines = (s: string) => s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
const splitWords = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];
/** Changed stretches of lines up to this many characters (old and new) are diffed by words. */
const WORD_DIFF_MAX = 20_000;

/** Segments from a diff's changes, starting at the given offsets; adjacent changes merge. */
function toSegments(
  changes: { value: string[]; added?: boolean; removed?: boolean }[],
  oldStart: number,
  newStart: number,
): Segment[] {
  const segments: Segment[] = [];
  let o = oldStart;
  let n = newStart;
  let pending: Segment | null = null;
  for (const change of changes) {
    const length = change.value.reduce((sum, part) => sum + part.length, 0);
    if (!change.added && !change.removed) {
      if (pending) segments.push(pending);
      pending = null;
      segments.push({ oldStart: o, oldEnd: o + length, newStart: n, newEnd: n + length, same: true });
      o += length;
      n += length;
    } else {
      pending ??= { oldStart: o, oldEnd: o, newStart: n, newEnd: n, same: false };
      if (change.removed) {
        o += length;
        pending.oldEnd = o;
      } else {
        n += length;
        pending.newEnd = n;
      }
    }
  }
  if (pending) segments.push(pending);
  return segments;
}

export function createOffsetMapper(oldText: string, newText: string): (oldOffset: number) => MappedOffset {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  // The changed middle is diffed by whole lines: the common start goes back to a line start and
  // the common end forward past a line end, or else the lines on both edges of the middle differ
  // by the cut alone and everything in them maps inexactly.
  prefix = prefix > 0 ? oldText.lastIndexOf('\n', prefix - 1) + 1 : 0;
  if (suffix > 0 && oldText.charCodeAt(oldText.length - suffix - 1) !== 10) {
    const lineEnd = oldText.indexOf('\n', oldText.length - suffix);
    suffix = lineEnd < 0 ? 0 : oldText.length - lineEnd - 1;
  }
  const oldMidEnd = oldText.length - suffix;
  const newMidEnd = newText.length - suffix;

  const oldLines = splitLines(oldText.slice(prefix, oldMidEnd));
  const newLines = splitLines(newText.slice(prefix, newMidEnd));
  // Bounded: past that many changed lines (or a second), the middle counts as one changed stretch.
  const changes = diffArrays(oldLines, newLines, { maxEditLength: 50_000, timeout: 2_000 }) ?? [
    { value: oldLines, removed: true, added: false, count: oldLines.length },
    { value: newLines, added: true, removed: false, count: newLines.length },
  ];
  const segments: Segment[] = [];
  for (const seg of toSegments(changes, prefix, prefix)) {
    // A changed stretch of lines (a paragraph is one line) is diffed again by words when it is
    // short enough, so that the unchanged words of an edited paragraph map exactly too.
    const oldLength = seg.oldEnd - seg.oldStart;
    const newLength = seg.newEnd - seg.newStart;
    if (seg.same || oldLength === 0 || newLength === 0 || oldLength + newLength > WORD_DIFF_MAX) {
      segments.push(seg);
      continue;
    }
    const oldWords = splitWords(oldText.slice(seg.oldStart, seg.oldEnd));
    const newWords = splitWords(newText.slice(seg.newStart, seg.newEnd));
    const words = diffArrays(oldWords, newWords, { maxEditLength: 500, timeout: 50 });
    const within = { start: seg.newStart, end: seg.newEnd };
    if (words) segments.push(...toSegments(words, seg.oldStart, seg.newStart).map((w) => ({ ...w, within })));
    else segments.push(seg);
  }

  return (oldOffset: number): MappedOffset => {
    if (oldOffset <= prefix) return { offset: oldOffset, exact: true };
    if (oldOffset >= oldMidEnd) return { offset: oldOffset - oldText.length + newText.length, exact: true };
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.oldStart <= oldOffset) lo = mid;
      else hi = mid - 1;
    }
    const seg = segments[lo];
    if (!seg) return { offset: Math.min(oldOffset, newText.length), exact: false };
    const offset = Math.min(seg.newEnd, seg.newStart + (oldOffset - seg.oldStart));
    if (seg.same && !seg.within) return { offset, exact: true };
    return { offset, exact: false, region: seg.within ?? { start: seg.newStart, end: seg.newEnd } };
  };
}
