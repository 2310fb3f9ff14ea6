/**
 * The reader's static HTML: a revision's ProseMirror JSON written as the same elements Tiptap
 * draws (so the reader's styles apply), on the server, as one string. Reading needs no editor:
 * the browser parses this as fast as any page, and highlights are painted on it directly.
 *
 * Every non-empty text node of the document becomes exactly one DOM text node, in document order,
 * and nothing else does (no whitespace between tags). `starts[k]` is the canonical-text offset of
 * the k-th DOM text node under the root, which is all the browser needs to turn offsets into
 * ranges and selections back into offsets (lib/documents/text-view.ts).
 *
 * The JSON was sanitized and schema-checked on import; this still escapes every text and
 * attribute and re-checks link addresses, so a stored document cannot inject markup.
 */
import { canonicalize, type PmJson } from './canonical-text';
import { isSafeHref, MAX_PAGE_NUMBER } from './extensions';
import { documentOutline, type OutlineEntry } from './outline';

export interface RenderedDocument {
  html: string;
  starts: number[];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
};
export const escapeHtml = (value: string) => value.replace(/[&<>"\r]/g, (c) => ESCAPES[c]!);

const int = (value: unknown, min: number, max: number): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null;

type Mark = NonNullable<PmJson['marks']>[number];

function openMark(mark: Mark): [string, string] | null {
  switch (mark.type) {
    case 'bold':
      return ['<strong>', '</strong>'];
    case 'italic':
      return ['<em>', '</em>'];
    case 'strike':
      return ['<s>', '</s>'];
    case 'underline':
      return ['<u>', '</u>'];
    case 'code':
      return ['<code>', '</code>'];
    case 'page': {
      // The page of a PDF's text (./pages.ts), drawn as Tiptap draws it: runs of two pages side by
      // side stay two DOM text nodes, one per text node, as `starts` counts them.
      const n = int(mark.attrs?.n, 1, MAX_PAGE_NUMBER);
      return n === null ? null : [`<span data-page="${n}">`, '</span>'];
    }
    case 'link': {
      const href = mark.attrs?.href;
      if (!isSafeHref(href)) return null;
      return [
        `<a href="${escapeHtml(href.trim())}" target="_blank" rel="noopener noreferrer nofollow">`,
        '</a>',
      ];
    }
    default:
      return null;
  }
}

const sameMarks = (a: PmJson, b: PmJson) => JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);

function cellAttrs(attrs: Record<string, unknown> | undefined): string {
  const colspan = int(attrs?.colspan, 2, 1000);
  const rowspan = int(attrs?.rowspan, 2, 1000);
  return `${colspan ? ` colspan="${colspan}"` : ''}${rowspan ? ` rowspan="${rowspan}"` : ''}`;
}

function blockTags(node: PmJson): [string, string] | null {
  const attrs = node.attrs;
  switch (node.type) {
    case 'paragraph':
      return ['<p>', '</p>'];
    case 'heading': {
      const level = int(attrs?.level, 1, 6) ?? 1;
      return [`<h${level}>`, `</h${level}>`];
    }
    case 'blockquote':
      return ['<blockquote>', '</blockquote>'];
    case 'bulletList':
      return ['<ul>', '</ul>'];
    case 'orderedList': {
      const start = int(attrs?.start, 0, 1e9);
      return [start !== null && start !== 1 ? `<ol start="${start}">` : '<ol>', '</ol>'];
    }
    case 'listItem':
      return ['<li>', '</li>'];
    case 'codeBlock': {
      const language = typeof attrs?.language === 'string' ? attrs.language.replace(/[^\w-]/g, '') : '';
      return [`<pre><code${language ? ` class="language-${language}"` : ''}>`, '</code></pre>'];
    }
    case 'table':
      return ['<table><tbody>', '</tbody></table>'];
    case 'tableRow':
      return ['<tr>', '</tr>'];
    case 'tableHeader':
      return [`<th${cellAttrs(attrs)}>`, '</th>'];
    case 'tableCell':
      return [`<td${cellAttrs(attrs)}>`, '</td>'];
    default:
      return null;
  }
}

/**
 * Sections for the reader (`sections: true`): the top-level blocks in runs of about
 * SECTION_CHARS characters, each a `<div class="reader-section">` that the reader's CSS gives
 * `content-visibility: auto`, so the browser lays out and paints only the sections near the
 * viewport (a 100k-word text opens with a few screens' layout, not the whole text's). Each section
 * carries an estimate of its height (`contain-intrinsic-size`) until it is first drawn, so the
 * scrollbar is about right from the start. A section always starts at a block with no top margin
 * (a paragraph, a list, a quote, code, a table): a section is laid out on its own, so margins do
 * not collapse across its edge, and only there do they not need to. Tables are wrapped in a
 * scrolling box, since a section clips what overflows it.
 */
export const SECTION_CHARS = 4_000;
/** The reader's measure and line height (app/globals.css: 42rem at 1.125rem, line height 1.7). */
const CHARS_PER_LINE = 72;
const LINE_PX = 31;
const BLOCK_GAP_PX = 18;
const SECTION_STARTS = new Set([
  'paragraph',
  'bulletList',
  'orderedList',
  'blockquote',
  'codeBlock',
  'table',
]);

/** Renders a document; `starts` line up with the DOM text nodes the browser will make of `html`. */
export function renderDocumentHtml(
  doc: PmJson,
  { sections = false }: { sections?: boolean } = {},
): RenderedDocument {
  const { textStarts } = canonicalize(doc);
  let parts: string[] = [];
  const starts: number[] = [];
  let textIndex = 0;
  // The characters written and their estimated height since the section began (sections only).
  let written = 0;
  let estimate = 0;

  const inline = (children: PmJson[]) => {
    let chars = 0;
    let i = 0;
    while (i < children.length) {
      const child = children[i]!;
      if (child.type === 'hardBreak') {
        parts.push('<br>');
        chars += CHARS_PER_LINE;
        i++;
        continue;
      }
      if (child.type !== 'text' || !child.text) {
        i++;
        continue;
      }
      // Adjacent runs with the same marks would parse as one DOM text node: write them as one.
      let text = child.text;
      starts.push(textStarts[textIndex]!);
      textIndex++;
      let j = i + 1;
      while (j < children.length && children[j]!.type === 'text' && sameMarks(child, children[j]!)) {
        text += children[j]!.text ?? '';
        textIndex += children[j]!.text ? 1 : 0;
        j++;
      }
      const marks = (child.marks ?? []).map(openMark).filter((m): m is [string, string] => m !== null);
      for (const [open] of marks) parts.push(open);
      parts.push(escapeHtml(text));
      for (let m = marks.length - 1; m >= 0; m--) parts.push(marks[m]![1]);
      chars += text.length;
      i = j;
    }
    written += chars;
    estimate += Math.max(1, Math.ceil(chars / CHARS_PER_LINE)) * LINE_PX + BLOCK_GAP_PX;
  };

  const block = (node: PmJson) => {
    if (node.type === 'horizontalRule') {
      parts.push('<hr>');
      estimate += 2 * BLOCK_GAP_PX;
      return;
    }
    const tags = blockTags(node);
    const wrapTable = sections && node.type === 'table';
    if (wrapTable) parts.push('<div class="reader-table">');
    if (tags) parts.push(tags[0]);
    const children = node.content ?? [];
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') inline(children);
    else for (const child of children) block(child);
    if (tags) parts.push(tags[1]);
    if (wrapTable) parts.push('</div>');
  };

  if (!sections) {
    block(doc);
    return { html: parts.join(''), starts };
  }
  const out: string[] = [];
  const close = () => {
    if (parts.length === 0) return;
    out.push(
      `<div class="reader-section" style="contain-intrinsic-size:auto ${Math.round(estimate)}px">`,
      parts.join(''),
      '</div>',
    );
    parts = [];
    written = 0;
    estimate = 0;
  };
  for (const node of doc.content ?? []) {
    if (written >= SECTION_CHARS && SECTION_STARTS.has(node.type)) close();
    block(node);
  }
  close();
  return { html: out.join(''), starts };
}

/** What the reader draws of a revision: its text in sections, the runs' offsets, its headings. */
export interface ReaderRender extends RenderedDocument {
  outline: OutlineEntry[];
  /** The length of the canonical text (what a passage's offsets may reach). */
  textLength: number;
}

/**
 * A revision as the reader draws it. Revisions never change, so this is computed once per
 * revision (in the worker pool) and kept (db/queries/reader.ts).
 */
export function renderReader(doc: PmJson): ReaderRender {
  return {
    ...renderDocumentHtml(doc, { sections: true }),
    outline: documentOutline(doc),
    textLength: canonicalize(doc).text.length,
  };
}
