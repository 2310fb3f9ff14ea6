/**
 * Canonical-text offsets ↔ the reader's DOM. The static reader (lib/documents/render-html.ts)
 * makes one DOM text node per run of the document, and sends each run's canonical offset; this
 * pairs them up once, then answers in O(log n): the DOM Range of a passage, and the offset of a
 * selection boundary or of the point under the mouse.
 */
export interface TextView {
  root: HTMLElement;
  /** A DOM Range over canonical offsets [start, end), or null when nothing of it is shown. */
  rangeOf(start: number, end: number): Range | null;
  /** The canonical offset of a DOM boundary point inside the root ('start' snaps forward). */
  offsetOf(node: Node, offset: number, bias: 'start' | 'end'): number | null;
  /** The canonical offset under a viewport point, or null. */
  offsetAtPoint(x: number, y: number): number | null;
  /**
   * The shown text at its canonical offsets, a line break standing in for each character between
   * blocks that the page does not show (find in the document). Built on first use.
   */
  text(): string;
  /**
   * The reader's sections (lib/documents/render-html.ts, `sections`), in order, with the
   * canonical offsets their text spans; empty when the text is not drawn in sections.
   */
  sections(): TextSection[];
}

export interface TextSection {
  element: HTMLElement;
  start: number;
  end: number;
}

/** The class of a section of the reader's text (lib/documents/render-html.ts). */
export const SECTION_CLASS = 'reader-section';

/** Last index whose value is ≤ target (values ascend), or -1. */
function floorIndex(values: number[], target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function createTextView(root: HTMLElement, starts: number[]): TextView | null {
  const nodes: Text[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  // The DOM is not the one the offsets describe (should not happen): no highlights rather than wrong ones.
  if (nodes.length !== starts.length) return null;
  const index = new Map<Node, number>(nodes.map((n, i) => [n, i]));
  const endOf = (i: number) => starts[i]! + nodes[i]!.data.length;

  /** The DOM point of an offset: inside a run, or (between runs) the next run's start / previous run's end. */
  const pointOf = (offset: number, bias: 'start' | 'end'): [Text, number] | null => {
    const i = floorIndex(starts, offset);
    if (i >= 0 && offset < endOf(i)) return [nodes[i]!, offset - starts[i]!];
    if (i >= 0 && offset === endOf(i) && bias === 'end') return [nodes[i]!, nodes[i]!.data.length];
    if (bias === 'start') return i + 1 < nodes.length ? [nodes[i + 1]!, 0] : null;
    return i >= 0 ? [nodes[i]!, nodes[i]!.data.length] : null;
  };

  const offsetOf = (node: Node, offset: number, bias: 'start' | 'end'): number | null => {
    if (!root.contains(node)) return null;
    const direct = index.get(node);
    if (direct !== undefined) return starts[direct]! + Math.min(offset, nodes[direct]!.data.length);
    // An element boundary: the first run at or after it ('start'), or the last run before it ('end').
    const probe = root.ownerDocument.createRange();
    probe.setStart(node, offset);
    let lo = 0;
    let hi = nodes.length - 1;
    let after = nodes.length;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      // comparePoint: -1 when the run lies before the boundary.
      if (probe.comparePoint(nodes[mid]!, 0) < 0) lo = mid + 1;
      else {
        after = mid;
        hi = mid - 1;
      }
    }
    if (bias === 'start') return after < nodes.length ? starts[after]! : null;
    return after > 0 ? endOf(after - 1) : null;
  };

  let text: string | null = null;
  let sections: TextSection[] | null = null;
  return {
    root,
    sections() {
      if (sections === null) {
        sections = [];
        const elements = [...root.children].filter((el): el is HTMLElement =>
          el.classList.contains(SECTION_CLASS),
        );
        // Both in document order: a section is passed once a run lies after it; a run outside any
        // section (there are none when the text is drawn in sections) belongs to none.
        let s = 0;
        let current: TextSection | null = null;
        nodes.forEach((node, i) => {
          while (
            s < elements.length &&
            !elements[s]!.contains(node) &&
            elements[s]!.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING
          )
            s++;
          const element = elements[s];
          if (!element?.contains(node)) return;
          if (current && current.element === element) current.end = endOf(i);
          else {
            current = { element, start: starts[i]!, end: endOf(i) };
            sections!.push(current);
          }
        });
      }
      return sections;
    },
    text() {
      if (text === null) {
        const parts: string[] = [];
        let at = 0;
        nodes.forEach((node, i) => {
          const start = starts[i]!;
          if (start > at) parts.push('\n'.repeat(start - at));
          parts.push(node.data);
          at = start + node.data.length;
        });
        text = parts.join('');
      }
      return text;
    },
    rangeOf(start, end) {
      const a = pointOf(start, 'start');
      const b = pointOf(end, 'end');
      if (!a || !b) return null;
      const range = root.ownerDocument.createRange();
      range.setStart(a[0], a[1]);
      range.setEnd(b[0], b[1]);
      return range.collapsed ? null : range;
    },
    offsetOf,
    offsetAtPoint(x, y) {
      const doc = root.ownerDocument as Document & {
        caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
      };
      const hit = doc.caretPositionFromPoint?.(x, y);
      if (hit) return offsetOf(hit.offsetNode, hit.offset, 'start');
      const range = doc.caretRangeFromPoint?.(x, y);
      return range ? offsetOf(range.startContainer, range.startOffset, 'start') : null;
    },
  };
}
