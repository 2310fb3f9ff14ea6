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
}

const splitLines = (s: string) => s.match(/[^\n]*\n|[^\n]+$/g) ?? [];

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
  const oldMidEnd = oldText.length - suffix;
  const newMidEnd = newText.length - suffix;

  const segments: Segment[] = [];
  let o = prefix;
  let n = prefix;
  const oldLines = splitLines(oldText.slice(prefix, oldMidEnd));
  const newLines = splitLines(newText.slice(prefix, newMidEnd));
  // Bounded: past that many changed lines (or a second), the middle counts as one changed stretch.
  const changes = diffArrays(oldLines, newLines, { maxEditLength: 5_000, timeout: 1_000 }) ?? [
    { value: oldLines, removed: true, added: false, count: oldLines.length },
    { value: newLines, added: true, removed: false, count: newLines.length },
  ];
  let pending: Segment | null = null;
  for (const change of changes) {
    const length = change.value.reduce((sum, line) => sum + line.length, 0);
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
    if (seg.same) return { offset: seg.newStart + (oldOffset - seg.oldStart), exact: true };
    const offset = Math.min(seg.newEnd, seg.newStart + (oldOffset - seg.oldStart));
    return { offset, exact: false, region: { start: seg.newStart, end: seg.newEnd } };
  };
}
