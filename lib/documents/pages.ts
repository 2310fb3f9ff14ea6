/**
 * The pages of a document imported from a PDF: each text node carries a `page` mark (./pdf.ts,
 * ./extensions.ts), and these functions turn them into runs of the canonical text, so that a
 * passage (a range of canonical-text offsets, DESIGN.md section 3) knows the page(s) it stands on
 * and evidence can cite "p. 12". The canonical text itself ignores marks: it is the same function
 * of the content with or without pages.
 *
 * Pure: no framework, no database (the reader, the server and exports may all use it).
 */
import { canonicalize, type PmJson } from './canonical-text';

/** A stretch of canonical text on one page: [start, end) in UTF-16 offsets. */
export interface PageRun {
  page: number;
  start: number;
  end: number;
}

const pageOf = (node: PmJson): number | null => {
  const mark = node.marks?.find((m) => m.type === 'page');
  const n = mark?.attrs?.n;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : null;
};

/**
 * The page runs of a document, in text order (empty when no text has a page). Consecutive text
 * nodes of one page make one run, even across a paragraph break.
 */
export function pageRuns(doc: PmJson): PageRun[] {
  const { textStarts } = canonicalize(doc);
  const runs: PageRun[] = [];
  let k = 0;
  // Non-empty text nodes in document order: the same order as canonicalize's textStarts.
  const stack: PmJson[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      if (!node.text) continue;
      const start = textStarts[k++];
      if (start === undefined) break;
      const page = pageOf(node);
      if (page === null) continue;
      const end = start + node.text.length;
      const last = runs[runs.length - 1];
      if (last && last.page === page) last.end = end;
      else runs.push({ page, start, end });
      continue;
    }
    const children = node.content ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return runs;
}

/** The pages a range [start, end) of the canonical text stands on, ascending, without repeats. */
export function pagesOf(runs: PageRun[], start: number, end: number): number[] {
  const pages = new Set<number>();
  // A collapsed range (or one inside a separator) takes the page of the run at or after it.
  const to = Math.max(end, start + 1);
  for (const run of runs) {
    if (run.end <= start) continue;
    if (run.start >= to) {
      if (pages.size === 0) pages.add(run.page);
      break;
    }
    pages.add(run.page);
  }
  return [...pages].sort((a, b) => a - b);
}

/** How a locator cites pages: "p. 2", "pp. 2–3", "pp. 2, 5" (empty for no pages). */
export function pageLabel(pages: readonly number[]): string {
  if (pages.length === 0) return '';
  if (pages.length === 1) return `p. ${pages[0]}`;
  const consecutive = pages.every((p, i) => i === 0 || p === pages[i - 1]! + 1);
  return consecutive ? `pp. ${pages[0]}–${pages[pages.length - 1]}` : `pp. ${pages.join(', ')}`;
}
