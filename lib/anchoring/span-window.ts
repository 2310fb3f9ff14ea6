/**
 * The spans that touch a window of the text. The reader registers highlights only for the
 * sections near the viewport: the browser re-validates every registered highlight range after
 * any change to the page, so 20,000 registered ranges cost a frame or more per change while a few
 * hundred cost nothing. This index answers "which spans touch these stretches" in
 * O(log n + answer) for spans of any length.
 */
import type { Span } from './overlaps';

export class SpanIndex<T extends Span> {
  /** The spans by start. */
  private readonly sorted: T[];
  /** `reach[i]`: the largest end among sorted[0..i] (ascending, so it can be searched). */
  private readonly reach: number[];

  constructor(spans: readonly T[]) {
    this.sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
    this.reach = [];
    let max = -Infinity;
    for (const s of this.sorted) {
      max = Math.max(max, s.end);
      this.reach.push(max);
    }
  }

  get size(): number {
    return this.sorted.length;
  }

  /**
   * The spans that overlap any of the stretches [start, end), each once, in order of start.
   * Stretches may come in any order and may overlap one another.
   */
  within(stretches: readonly Span[]): T[] {
    const merged = mergeStretches(stretches);
    const out: T[] = [];
    // Stretches ascend, so a span is first met by the earliest stretch it overlaps: resume after
    // the last span taken, and never take one twice.
    let taken = -1;
    for (const { start, end } of merged) {
      // The first span whose prefix reaches past `start`: none before it can end inside the stretch.
      let lo = 0;
      let hi = this.reach.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.reach[mid]! > start) hi = mid;
        else lo = mid + 1;
      }
      for (let i = Math.max(lo, taken + 1); i < this.sorted.length; i++) {
        const s = this.sorted[i]!;
        if (s.start >= end) break;
        if (s.end > start) {
          out.push(s);
          taken = i;
        }
      }
    }
    return out;
  }
}

/** Stretches sorted and merged where they overlap or touch; empty ones dropped. */
export function mergeStretches(stretches: readonly Span[]): Span[] {
  const sorted = stretches.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
