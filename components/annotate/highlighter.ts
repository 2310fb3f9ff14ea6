/**
 * Paints passages with the CSS Custom Highlight API: Range objects registered by name, no change
 * to the document's DOM (DESIGN.md section 3: ~80 ms for 5,000 highlights on a 100k-word page,
 * against ~600 ms for <mark> wrapping). One highlight per claim type carries its colour; competing
 * claims of one topic are told apart by a hue each (`warrant-mark-<hue>`, lib/reader-claims.ts
 * `topicMarks`) instead; close matches (fuzzy passages) get a dashed underline
 * (`warrant-fuzzy`); overlaps, the open claim and a short flash are highlights of their own,
 * painted above.
 */
import type { TextView } from '@/lib/documents/text-view';
import { overlapSpans, type Span } from '@/lib/anchoring/overlaps';
import { SpanIndex } from '@/lib/anchoring/span-window';
import { READER_MARK_HUES } from '@/lib/reader-claims';

export interface PaintedPassage {
  claimId: string;
  typeKey: string;
  start: number;
  end: number;
  /** The claim's hue among the competing claims of its topic (it replaces the type's colour). */
  mark?: number;
  /** Placed approximately after a revision (a close match): underlined with dashes. */
  fuzzy?: boolean;
}

/**
 * The hues that tell competing claims apart, in the order of their letters (A, B, C …): the
 * Okabe–Ito palette, told apart with the common forms of colour blindness. The letter on the
 * card and in the hover card says it in words too.
 */
export const MARK_HUES = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const;
// One colour per hue that lib/reader-claims.ts hands out (a type error when the two differ).
const sameCount: (typeof MARK_HUES)['length'] extends typeof READER_MARK_HUES ? true : never = true;
void sameCount;

/** A hue's colour (the hues repeat after the palette). */
export const markColor = (hue: number) => MARK_HUES[hue % MARK_HUES.length]!;

/** The name a passage is painted under (without the prefix). */
const paintName = (p: PaintedPassage) => (p.mark === undefined ? `type-${p.typeKey}` : `mark-${p.mark}`);

const PREFIX = 'warrant-';

type HighlightRegistry = Map<string, unknown>;
type HighlightCtor = new (...ranges: Range[]) => { priority: number };

function registry(): { highlights: HighlightRegistry; Highlight: HighlightCtor } | null {
  const css = globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined;
  const Highlight = (globalThis as unknown as { Highlight?: HighlightCtor }).Highlight;
  return css?.highlights && Highlight ? { highlights: css.highlights, Highlight } : null;
}

export const supportsHighlights = () => registry() !== null;

function set(name: string, ranges: Range[], priority: number) {
  const r = registry();
  if (!r) return;
  if (ranges.length === 0) {
    r.highlights.delete(PREFIX + name);
    return;
  }
  const h = new r.Highlight(...ranges);
  h.priority = priority;
  r.highlights.set(PREFIX + name, h);
}

/**
 * The passages painted, and the stretches of text near the viewport: only passages that touch
 * those are registered. Chromium re-validates every registered highlight range whenever anything
 * in the page changes (a hover card, a list update), so 20,000 registered ranges cost several
 * frames per change; the few hundred near the viewport cost nothing. A text not drawn in
 * sections (lib/documents/render-html.ts) is painted whole.
 */
interface Painted {
  view: TextView;
  passages: SpanIndex<PaintedPassage>;
  overlaps: SpanIndex<Span>;
  /** The stretches near the viewport, or null: every passage. */
  near: Span[] | null;
  /** The names this painter registered (to replace them, and only them). */
  names: Set<string>;
}
let painted: Painted | null = null;

/** How far above and below the viewport passages are painted, in viewport heights. */
const NEAR_SCREENS = 1;

/** The stretches of the sections that lie within NEAR_SCREENS of the viewport, from their boxes. */
function sectionsNear(view: TextView): Span[] | null {
  const sections = view.sections();
  if (sections.length === 0) return null;
  const height = window.innerHeight || 800;
  const top = -NEAR_SCREENS * height;
  const bottom = (1 + NEAR_SCREENS) * height;
  // Sections stand in order down the page: the first one that ends below `top`, by halving.
  let lo = 0;
  let hi = sections.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid]!.element.getBoundingClientRect().bottom > top) hi = mid;
    else lo = mid + 1;
  }
  const out: Span[] = [];
  for (let i = lo; i < sections.length; i++) {
    const s = sections[i]!;
    if (s.element.getBoundingClientRect().top >= bottom) break;
    out.push({ start: s.start, end: s.end });
  }
  return out;
}

const sameStretches = (a: Span[] | null, b: Span[] | null) =>
  a === b ||
  (!!a && !!b && a.length === b.length && a.every((s, i) => s.start === b[i]!.start && s.end === b[i]!.end));

function register(state: Painted) {
  const { view } = state;
  // Without sections, the window is the whole text.
  const stretches = state.near ?? [{ start: 0, end: Infinity }];
  const shown = state.passages.within(stretches);
  const byName = new Map<string, Range[]>();
  const fuzzy: Range[] = [];
  for (const p of shown) {
    const range = view.rangeOf(p.start, p.end);
    if (!range) continue;
    const name = paintName(p);
    const list = byName.get(name);
    if (list) list.push(range);
    else byName.set(name, [range]);
    if (p.fuzzy) fuzzy.push(range);
  }
  const overlaps = state.overlaps
    .within(stretches)
    .map((s) => view.rangeOf(s.start, s.end))
    .filter((r): r is Range => r !== null);
  byName.set('fuzzy', fuzzy);
  byName.set('overlap', overlaps);
  for (const name of state.names) if (!byName.has(name)) set(name, [], 1);
  for (const [name, ranges] of byName) set(name, ranges, name === 'fuzzy' || name === 'overlap' ? 2 : 1);
  state.names = new Set(byName.keys());
}

/** Paints every passage near the viewport by type (or hue, for competing claims), close matches, and the overlaps. */
export function paintPassages(view: TextView, passages: PaintedPassage[]) {
  const started = performance.now();
  const names = painted?.names ?? new Set<string>();
  painted = {
    view,
    passages: new SpanIndex(passages),
    overlaps: new SpanIndex(overlapSpans(passages)),
    near: sectionsNear(view),
    names,
  };
  register(painted);
  // For the benchmark (npm run bench): how long painting took, and when it was done.
  performance.measure('warrant:paint-highlights', { start: started, detail: { passages: passages.length } });
}

/**
 * Keeps the painted passages those near the viewport as the reader scrolls or resizes: the
 * sections are watched with an IntersectionObserver (no work while scrolling within them), and
 * the passages are registered again when the set of sections near the viewport changes.
 * Returns what stops watching.
 */
export function followViewport(view: TextView): () => void {
  const sections = view.sections();
  if (sections.length === 0 || typeof IntersectionObserver === 'undefined') return () => {};
  const observer = new IntersectionObserver(
    () => {
      if (painted?.view !== view) return;
      const near = sectionsNear(view);
      if (sameStretches(near, painted.near)) return;
      painted.near = near;
      register(painted);
    },
    { rootMargin: `${NEAR_SCREENS * 100}% 0px` },
  );
  for (const s of sections) observer.observe(s.element);
  return () => observer.disconnect();
}

/** Forgets what was painted (the reader is gone or shows another text). */
export function stopPainting(view: TextView) {
  if (painted?.view !== view) return;
  for (const name of painted.names) set(name, [], 1);
  painted = null;
}

/** Marks the open claim's passages (or none). */
export function paintActive(view: TextView, passages: PaintedPassage[]) {
  set(
    'active',
    passages.map((p) => view.rangeOf(p.start, p.end)).filter((r): r is Range => r !== null),
    3,
  );
}

/** Marks the passages a search found (a result opened in the reader, matches of "Find"), or none. */
export function paintFound(
  view: TextView,
  spans: { start: number; end: number }[],
  current?: { start: number; end: number } | null,
) {
  set(
    'found',
    spans.map((p) => view.rangeOf(p.start, p.end)).filter((r): r is Range => r !== null),
    5,
  );
  const range = current ? view.rangeOf(current.start, current.end) : null;
  set('found-current', range ? [range] : [], 6);
}

/** Flashes passages for a moment (after "go to passage"). */
export function flash(view: TextView, passages: PaintedPassage[], ms = 1200) {
  set(
    'flash',
    passages.map((p) => view.rangeOf(p.start, p.end)).filter((r): r is Range => r !== null),
    4,
  );
  window.setTimeout(() => set('flash', [], 4), ms);
}

/**
 * CSS for the highlight names: each type's colour, each competing claim's hue, close matches
 * underlined with dashes, overlaps underlined, the open claim outlined.
 */
export function highlightCss(types: { key: string; color: string }[]): string {
  return [
    ...types.map((t) => `::highlight(${PREFIX}type-${t.key}) { background-color: ${t.color}59; }`),
    ...MARK_HUES.map((color, hue) => `::highlight(${PREFIX}mark-${hue}) { background-color: ${color}66; }`),
    `::highlight(${PREFIX}fuzzy) { text-decoration: underline dashed 2px #9a3412; text-underline-offset: 4px; }`,
    `::highlight(${PREFIX}overlap) { text-decoration: underline 3px #334155; text-underline-offset: 3px; background-color: #33415522; }`,
    `::highlight(${PREFIX}active) { background-color: #6366f14d; text-decoration: underline 2px #4338ca; }`,
    `::highlight(${PREFIX}found) { background-color: #fde68a; text-decoration: underline 2px #b45309; }`,
    `::highlight(${PREFIX}found-current) { background-color: #f59e0b; color: #1c1917; }`,
    `::highlight(${PREFIX}flash) { background-color: #facc15; }`,
  ].join('\n');
}
