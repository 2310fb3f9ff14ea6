/**
 * The canonical plain text of a document revision: ONE pure function, used by the server (stored
 * with each revision), the reader (highlights), anchoring and exports. Anchors are UTF-16 offsets
 * into this text, so its rules are fixed:
 *
 * - each non-empty textblock (paragraph, heading, code block) contributes its text; marks are
 *   ignored; a hard break is "\n";
 * - between two textblocks comes a separator chosen by their deepest common container:
 *   table row → "\t"; table cell → " "; table, list or list item → "\n"; anything else
 *   (the document, a block quote) → "\n\n";
 * - empty textblocks and leaf blocks (horizontal rules) contribute nothing.
 *
 * Alongside the text it returns segments that map text offsets to ProseMirror positions (and
 * back) for rendering highlights.
 */

export interface PmJson {
  type: string;
  text?: string;
  content?: PmJson[];
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/** A run of canonical text that stands at consecutive ProseMirror positions. */
export interface Segment {
  /** Offset of the run's first character in the canonical text. */
  start: number;
  /** Length of the run (UTF-16 code units). */
  length: number;
  /** ProseMirror position of the run's first character. */
  pos: number;
}

export interface CanonicalText {
  text: string;
  segments: Segment[];
  /** Offset of every non-empty text node, in document order (the static reader maps DOM text by it). */
  textStarts: number[];
}

export const TEXTBLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

const SEPARATORS: Record<string, string> = {
  tableRow: '\t',
  tableCell: ' ',
  tableHeader: ' ',
  table: '\n',
  bulletList: '\n',
  orderedList: '\n',
  listItem: '\n',
};
const DEFAULT_SEPARATOR = '\n\n';

/** Size of a node in ProseMirror positions. */
function nodeSize(node: PmJson): number {
  if (node.type === 'text') return node.text?.length ?? 0;
  if (!node.content) return isLeafType(node.type) ? 1 : 2;
  return 2 + node.content.reduce((sum, child) => sum + nodeSize(child), 0);
}

const LEAVES = new Set(['hardBreak', 'horizontalRule', 'image']);
function isLeafType(type: string): boolean {
  return LEAVES.has(type);
}

function hasText(block: PmJson): boolean {
  return (block.content ?? []).some(
    (c) => (c.type === 'text' && (c.text?.length ?? 0) > 0) || c.type === 'hardBreak',
  );
}

export function canonicalize(doc: PmJson): CanonicalText {
  let text = '';
  const segments: Segment[] = [];
  const textStarts: number[] = [];
  let previousPath: PmJson[] | null = null;

  const visit = (node: PmJson, pos: number, path: PmJson[]) => {
    if (TEXTBLOCKS.has(node.type)) {
      if (!hasText(node)) return;
      if (previousPath) {
        let i = 0;
        while (i < path.length && i < previousPath.length && path[i] === previousPath[i]) i++;
        const container = path[i - 1];
        text += (container && SEPARATORS[container.type]) ?? DEFAULT_SEPARATOR;
      }
      previousPath = path;
      let childPos = pos + 1;
      for (const child of node.content ?? []) {
        if (child.type === 'text' && child.text) {
          textStarts.push(text.length);
          pushSegment(segments, text.length, child.text.length, childPos);
          text += child.text;
        } else if (child.type === 'hardBreak') {
          pushSegment(segments, text.length, 1, childPos);
          text += '\n';
        }
        childPos += nodeSize(child);
      }
      return;
    }
    if (!node.content) return;
    let childPos = node.type === 'doc' ? 0 : pos + 1;
    const childPath = [...path, node];
    for (const child of node.content) {
      visit(child, childPos, childPath);
      childPos += nodeSize(child);
    }
  };

  visit(doc, 0, []);
  return { text, segments, textStarts };
}

/** Merges a run into the previous one when both are contiguous in text and in positions. */
function pushSegment(segments: Segment[], start: number, length: number, pos: number) {
  const last = segments[segments.length - 1];
  if (last && last.start + last.length === start && last.pos + last.length === pos) {
    last.length += length;
  } else {
    segments.push({ start, length, pos });
  }
}

export function canonicalText(doc: PmJson): string {
  return canonicalize(doc).text;
}

/** Index of the last segment whose start is ≤ offset (binary search), or -1. */
function segmentAtOrBefore<T>(items: T[], key: (t: T) => number, value: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The ProseMirror position of a text offset. Offsets inside a separator have no position of their
 * own: bias 'start' moves them to the next run (for a range's start), 'end' to the previous run's
 * end (for a range's end).
 */
export function textOffsetToPos(
  segments: Segment[],
  offset: number,
  bias: 'start' | 'end' = 'start',
): number | null {
  if (segments.length === 0) return null;
  const i = segmentAtOrBefore(segments, (s) => s.start, offset);
  const seg = i >= 0 ? segments[i]! : null;
  if (seg && offset < seg.start + seg.length) return seg.pos + (offset - seg.start);
  if (seg && offset === seg.start + seg.length && bias === 'end') return seg.pos + seg.length;
  if (bias === 'start') {
    const next = segments[i + 1];
    return next ? next.pos : seg ? seg.pos + seg.length : null;
  }
  return seg ? seg.pos + seg.length : segments[0]!.pos;
}

/** The text offset of a ProseMirror position (positions outside text snap to the next run). */
export function posToTextOffset(segments: Segment[], pos: number): number | null {
  if (segments.length === 0) return null;
  const sorted = segments; // segments are in document order, so positions ascend too
  const i = segmentAtOrBefore(sorted, (s) => s.pos, pos);
  const seg = i >= 0 ? sorted[i]! : null;
  if (seg && pos <= seg.pos + seg.length) return seg.start + (pos - seg.pos);
  const next = sorted[i + 1];
  return next ? next.start : seg ? seg.start + seg.length : 0;
}

export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/u).length : 0;
}
