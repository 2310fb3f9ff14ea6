/**
 * .pdf → the document (ProseMirror JSON), through PDF.js (pdfjs-dist, legacy build for Node 20):
 *
 * 1. the text items of each page are grouped into rows (one baseline) and rows into fragments
 *    (a wide horizontal gap, such as a gutter, splits a row);
 * 2. a page set in two columns (an empty vertical strip with fragments on both sides, side by
 *    side) is read column by column; a line across both (a title) is read where it stands;
 * 3. running headers and footers (a line in the top or bottom band of the page, the same on at
 *    least half of the pages, digits aside) and bare page numbers are dropped;
 * 4. lines are joined into paragraphs (a wider gap, a change of type size, a first-line indent or
 *    a short last line ends one; a paragraph carries on across a column or a page unless its last
 *    line ends a sentence), a word hyphenated at a line end is joined again;
 * 5. every text node carries the `page` mark of the page it stands on (./pages.ts).
 *
 * A PDF without any text (a scan) is refused: there is nothing to anchor a passage to. Limits of
 * structure (pages, text items per page, characters) are checked as the pages are read, and the
 * whole conversion runs in the worker pool with its time and memory budget (lib/jobs).
 */
import { AppError } from '@/lib/errors';
import type { PmJson } from './canonical-text';

export const PDF_LIMITS = {
  /** Pages of one PDF. */
  maxPages: 500,
  /** Text items (runs of glyphs) on one page. */
  maxItemsPerPage: 20_000,
  /** Characters of text in the whole PDF. */
  maxCharacters: 5_000_000,
} as const;

const fmt = (n: number) => n.toLocaleString('en');
const refuse = (message: string) => new AppError('invalid', 'document', message, { field: 'file' });

export const noTextLayer = () =>
  refuse(
    'This PDF has no text layer: it is probably a scan (pictures of pages). Run it through text recognition (OCR) first, then import the result.',
  );

interface Item {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  page: number;
  /** 0 for a page read as one column (or a line across columns), 1 or 2 for a column. */
  column: number;
}

interface Piece {
  text: string;
  page: number;
}

interface Block {
  pieces: Piece[];
  size: number;
  lines: Line[];
}

/** A line's text with control characters removed and spaces collapsed. */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s+/g, ' ');

/** Text items → fragments of rows: items on one baseline, split at wide gaps. */
function fragmentsOf(items: Item[]): Item[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const rows: Item[][] = [];
  let row: Item[] = [];
  let rowY = Number.NaN;
  for (const item of sorted) {
    if (row.length > 0 && Math.abs(item.y - rowY) <= 0.5 * Math.min(item.size, row[0]!.size)) {
      row.push(item);
    } else {
      if (row.length > 0) rows.push(row);
      row = [item];
      rowY = item.y;
    }
  }
  if (row.length > 0) rows.push(row);

  const fragments: Item[] = [];
  for (const r of rows) {
    r.sort((a, b) => a.x0 - b.x0);
    let current: Item | null = null;
    for (const item of r) {
      const gap = current ? item.x0 - current.x1 : 0;
      if (current && gap <= 1.8 * Math.max(current.size, item.size)) {
        const space =
          gap > 0.12 * item.size && !/\s$/.test(current.text) && !/^\s/.test(item.text) ? ' ' : '';
        current.text += space + item.text;
        current.x1 = Math.max(current.x1, item.x1);
        current.size = Math.max(current.size, item.size);
      } else {
        if (current) fragments.push(current);
        current = { ...item };
      }
    }
    if (current) fragments.push(current);
  }
  return fragments.map((f) => ({ ...f, text: clean(f.text).trim() })).filter((f) => f.text.length > 0);
}

/**
 * The x of the gutter of a page set in two columns, or null: an x in the middle of the page that
 * (almost) no fragment crosses, with at least three fragments on each side whose heights overlap.
 */
function gutterOf(fragments: Item[], width: number): number | null {
  // Quadratic in the fragments of one page: a page of more than 1,500 is read as one column.
  if (fragments.length < 6 || fragments.length > 1500) return null;
  let best: { x: number; crossing: number } | null = null;
  for (const candidate of fragments) {
    const x = candidate.x1 + 1;
    if (x < 0.25 * width || x > 0.75 * width) continue;
    let left = 0;
    let right = 0;
    let crossing = 0;
    let leftTop = -Infinity;
    let leftBottom = Infinity;
    let rightTop = -Infinity;
    let rightBottom = Infinity;
    for (const f of fragments) {
      if (f.x1 <= x) {
        left++;
        leftTop = Math.max(leftTop, f.y);
        leftBottom = Math.min(leftBottom, f.y);
      } else if (f.x0 >= x) {
        right++;
        rightTop = Math.max(rightTop, f.y);
        rightBottom = Math.min(rightBottom, f.y);
      } else crossing++;
    }
    const overlap = Math.min(leftTop, rightTop) - Math.max(leftBottom, rightBottom);
    if (left < 3 || right < 3 || overlap <= 0 || crossing > 0.2 * (left + right)) continue;
    if (!best || crossing < best.crossing) best = { x, crossing };
  }
  return best?.x ?? null;
}

/** A page's fragments in reading order, as lines. */
function readingOrder(fragments: Item[], width: number, page: number): Line[] {
  const gutter = gutterOf(fragments, width);
  const byHeight = [...fragments].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const line = (f: Item, column: number): Line => ({ ...f, page, column });
  if (gutter === null) return byHeight.map((f) => line(f, 0));
  const out: Line[] = [];
  let left: Line[] = [];
  let right: Line[] = [];
  const flush = () => {
    out.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const f of byHeight) {
    if (f.x1 <= gutter) left.push(line(f, 1));
    else if (f.x0 >= gutter) right.push(line(f, 2));
    else {
      flush();
      out.push(line(f, 0));
    }
  }
  flush();
  return out;
}

/** The key of a running header or footer: the same text on every page, digits aside. */
const runningKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

const PAGE_NUMBER =
  /^(?:[-–—]\s*)?(?:(?:page|p\.|pg\.?)\s*)?(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:\/|of)\s*\d{1,5})?(?:\s*[-–—])?$/i;

/** The lines of a page in its top and bottom bands (at most two each), by height. */
function edgeLines(lines: Line[], height: number): { top: Line[]; bottom: Line[] } {
  const byHeight = [...lines].sort((a, b) => b.y - a.y);
  const band = 0.12 * height;
  const top = byHeight.slice(0, 2).filter((l) => l.y >= height - band);
  const bottom = byHeight.slice(-2).filter((l) => l.y <= band && !top.includes(l));
  return { top, bottom };
}

/** Drops running headers and footers (repeated on at least half of the pages) and page numbers. */
function dropRunningLines(pages: { lines: Line[]; height: number }[]): Line[][] {
  const edges = pages.map((p) => edgeLines(p.lines, p.height));
  const counts = new Map<string, number>();
  for (const { top, bottom } of edges) {
    const keys = new Set([
      ...top.map((l) => `t:${runningKey(l.text)}`),
      ...bottom.map((l) => `b:${runningKey(l.text)}`),
    ]);
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((p, i) => {
    const { top, bottom } = edges[i]!;
    const drop = new Set<Line>();
    for (const [edge, lines] of [
      ['t', top],
      ['b', bottom],
    ] as const) {
      for (const l of lines) {
        if (PAGE_NUMBER.test(l.text) || (counts.get(`${edge}:${runningKey(l.text)}`) ?? 0) >= needed) {
          drop.add(l);
        }
      }
    }
    return p.lines.filter((l) => !drop.has(l));
  });
}

const ENDS_SENTENCE = /[.!?:;]["'”’)\]]*$/;
const HYPHENATED = /\p{L}[-\u00ad]$/u;
const STARTS_LOWER = /^\p{Ll}/u;

/** Appends a line to a paragraph: a word hyphenated at the line end is joined again. */
function appendLine(block: Block, line: Line) {
  const last = block.pieces[block.pieces.length - 1]!;
  if (last.text.endsWith('\u00ad')) {
    last.text = last.text.slice(0, -1);
  } else if (HYPHENATED.test(last.text) && STARTS_LOWER.test(line.text)) {
    last.text = last.text.slice(0, -1);
  } else if (!last.text.endsWith('-') && !last.text.endsWith('—')) {
    last.text += ' ';
  }
  if (last.page === line.page) last.text += line.text;
  else block.pieces.push({ text: line.text, page: line.page });
  block.lines.push(line);
  block.size = Math.max(block.size, line.size);
}

/** Whether a line starts a new paragraph after the previous line of the text. */
function startsParagraph(previous: Line, line: Line, rightEdge: number): boolean {
  const sizes = Math.max(previous.size, line.size);
  if (Math.abs(previous.size - line.size) > 0.15 * sizes) return true;
  const sameColumn = previous.page === line.page && previous.column === line.column && line.y < previous.y;
  if (!sameColumn) return ENDS_SENTENCE.test(previous.text);
  if (previous.y - line.y > 1.6 * sizes) return true;
  if (!ENDS_SENTENCE.test(previous.text)) return false;
  // A first-line indent, or a short last line: the previous paragraph ended there.
  return line.x0 > previous.x0 + 1.2 * line.size || previous.x1 < rightEdge - 4 * previous.size;
}

/** The type size most of the text is set in. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const size = Math.round(l.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + l.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, w] of weight) {
    if (w > most) {
      most = w;
      best = size;
    }
  }
  return best;
}

function toDocument(lines: Line[]): PmJson {
  const rightEdges = new Map<string, number>();
  for (const l of lines) {
    const key = `${l.page}:${l.column}`;
    rightEdges.set(key, Math.max(rightEdges.get(key) ?? 0, l.x1));
  }
  const blocks: Block[] = [];
  let previous: Line | null = null;
  for (const line of lines) {
    const rightEdge = rightEdges.get(`${line.page}:${line.column}`) ?? line.x1;
    if (previous && !startsParagraph(previous, line, rightEdge)) {
      appendLine(blocks[blocks.length - 1]!, line);
    } else {
      blocks.push({ pieces: [{ text: line.text, page: line.page }], size: line.size, lines: [line] });
    }
    previous = line;
  }
  const body = bodySize(lines);
  const content: PmJson[] = blocks.map((block) => {
    const text = (p: Piece): PmJson => ({
      type: 'text',
      text: p.text,
      marks: [{ type: 'page', attrs: { n: p.page } }],
    });
    const pieces = block.pieces.filter((p) => p.text.length > 0);
    const length = pieces.reduce((n, p) => n + p.text.length, 0);
    const heading = body > 0 && block.lines.every((l) => l.size >= 1.3 * body) && length <= 300;
    return heading
      ? { type: 'heading', attrs: { level: block.size >= 1.7 * body ? 1 : 2 }, content: pieces.map(text) }
      : { type: 'paragraph', content: pieces.map(text) };
  });
  return { type: 'doc', content };
}

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

const isTextItem = (item: unknown): item is PdfTextItem =>
  typeof (item as PdfTextItem).str === 'string' && Array.isArray((item as PdfTextItem).transform);

/** A PDF's bytes → the document's ProseMirror JSON (with a `page` mark on every text node). */
export async function pdfToDocument(data: Uint8Array): Promise<PmJson> {
  // Loaded on demand: only the worker threads that convert a PDF need PDF.js.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    // A copy: PDF.js may take over the buffer it is given.
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      throw refuse('This PDF is protected by a password. Save a copy without the password and import it.');
    }
    throw refuse('This is not a valid PDF file (it is damaged or not a PDF).');
  }
  try {
    if (pdf.numPages > PDF_LIMITS.maxPages) {
      throw refuse(
        `This PDF has ${fmt(pdf.numPages)} pages; at most ${fmt(PDF_LIMITS.maxPages)} pages can be imported. Split it into smaller files.`,
      );
    }
    const pages: { lines: Line[]; height: number }[] = [];
    let characters = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      // The page's own coordinates (PDF y grows upwards from the bottom of the media box).
      const [xMin = 0, yMin = 0, xMax = 612, yMax = 792] = page.view;
      const content = await page.getTextContent();
      if (content.items.length > PDF_LIMITS.maxItemsPerPage) {
        throw refuse(
          `Page ${n} of this PDF holds more than ${fmt(PDF_LIMITS.maxItemsPerPage)} pieces of text, the most one page may have.`,
        );
      }
      const items: Item[] = [];
      for (const item of content.items) {
        if (!isTextItem(item) || item.str.length === 0) continue;
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
        const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
        items.push({ text: item.str, x0: e - xMin, x1: e - xMin + item.width, y: f - yMin, size });
        characters += item.str.length;
      }
      if (characters > PDF_LIMITS.maxCharacters) {
        throw refuse(
          `This PDF holds more than ${fmt(PDF_LIMITS.maxCharacters)} characters of text, the most one document may have. Split it into smaller files.`,
        );
      }
      const fragments = fragmentsOf(items);
      pages.push({ lines: readingOrder(fragments, xMax - xMin, n), height: yMax - yMin });
      page.cleanup();
    }
    if (!pages.some((p) => p.lines.length > 0)) throw noTextLayer();
    return toDocument(dropRunningLines(pages).flat());
  } finally {
    await pdf.destroy().catch(() => {});
  }
}
