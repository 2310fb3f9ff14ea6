/**
 * Where passages overlap: the stretches of text covered by two or more passages, so that the
 * reader can mark them (overlapping highlights must stay visible and distinguishable).
 */
export interface Span {
  start: number;
  end: number;
}

/** Sorted, merged stretches covered by at least two of the spans (a sweep over their edges). */
export function overlapSpans(spans: readonly Span[]): Span[] {
  const edges: [number, number][] = [];
  for (const s of spans) {
    if (s.end > s.start) {
      edges.push([s.start, 1], [s.end, -1]);
    }
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  let depth = 0;
  let openedAt = 0;
  for (const [at, delta] of edges) {
    const before = depth;
    depth += delta;
    if (before < 2 && depth >= 2) openedAt = at;
    if (before >= 2 && depth < 2 && at > openedAt) {
      const last = out[out.length - 1];
      if (last && last.end === openedAt) last.end = at;
      else out.push({ start: openedAt, end: at });
    }
  }
  return out;
}

/** The spans that contain an offset (for hover and click on a highlight). */
export function spansAt<T extends Span>(spans: readonly T[], offset: number): T[] {
  return spans.filter((s) => s.start <= offset && offset < s.end);
}
