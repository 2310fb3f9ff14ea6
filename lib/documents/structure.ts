/**
 * Structural limits of an imported document, checked before any parser sees it: the cost of
 * sanitizing and parsing grows with the number of elements and faster than linearly with their
 * nesting (a 20,000-level `<div>` takes the sanitizer 45 s; a Markdown list 3,000 levels deep
 * exhausts the memory of the converter), so a byte limit alone does not bound the work.
 *
 * Each check is one linear pass over the input, without recursion:
 * - HTML: start tags are counted and nesting is followed on a stack of open elements, with the
 *   HTML rules that matter for depth (void elements, elements whose end tag is implied: `<p>`,
 *   `<li>`, table cells…; raw-text elements and comments skipped). It is an estimate of the parsed
 *   tree's depth that never undercounts a real nesting of elements that are closed.
 * - Markdown: each line's nesting is its number of quote markers (`>`) plus its indentation in
 *   list levels (two columns each); the HTML that Markdown turns into is checked as HTML too.
 * - Editor JSON (a revision made in the reader or sent to the API): nodes counted and depth
 *   measured on an explicit stack.
 */
import { AppError } from '@/lib/errors';

export const DOCUMENT_LIMITS = {
  /** Elements (paragraphs, headings, list items, links, formatting…) of one document. */
  maxElements: 100_000,
  /** Levels of elements inside each other. */
  maxDepth: 100,
} as const;

const fmt = (n: number) => n.toLocaleString('en');

export const tooManyElements = () =>
  new AppError(
    'invalid',
    'document',
    `This document has more than ${fmt(DOCUMENT_LIMITS.maxElements)} elements (paragraphs, links, formatting…), the most one document may have. Split it into smaller documents.`,
    { field: 'content' },
  );

export const nestedTooDeep = (where = '') =>
  new AppError(
    'invalid',
    'document',
    `This document nests elements more than ${DOCUMENT_LIMITS.maxDepth} levels deep${where}, the most a document may have. Flatten its structure (fewer quotes or lists inside each other).`,
    { field: 'content' },
  );

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'basefont',
  'frame',
]);
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
]);
/** A start tag of one of these closes an open element of the same group (the end tag is implied). */
const IMPLIED_END: Record<string, readonly string[]> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  tr: ['tr', 'td', 'th'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  option: ['option'],
  optgroup: ['optgroup', 'option'],
  thead: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'],
  tbody: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'],
  tfoot: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'],
  rt: ['rt', 'rp'],
  rp: ['rt', 'rp'],
};
/** Block elements whose start closes an open paragraph. */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'div',
  'dl',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
]);

const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>/g;

/** Throws when HTML has more elements or deeper nesting than a document may have. */
export function checkHtmlStructure(html: string): void {
  const stack: string[] = [];
  let elements = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]?.toLowerCase();
    if (!name) continue; // a comment
    if (m[1]) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    if (++elements > DOCUMENT_LIMITS.maxElements) throw tooManyElements();
    if (CLOSES_P.has(name) && stack[stack.length - 1] === 'p') stack.pop();
    const closes = IMPLIED_END[name];
    if (closes) while (stack.length && closes.includes(stack[stack.length - 1]!)) stack.pop();
    if (VOID.has(name) || m[0].endsWith('/>')) continue;
    if (RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}`, 'gi');
      end.lastIndex = TAG.lastIndex;
      TAG.lastIndex = end.exec(html) ? end.lastIndex - name.length - 2 : html.length;
      continue;
    }
    stack.push(name);
    if (stack.length > DOCUMENT_LIMITS.maxDepth) throw nestedTooDeep();
  }
}

/** Throws when a line of Markdown nests quotes and lists deeper than a document may. */
export function checkMarkdownStructure(markdown: string): void {
  let line = 1;
  let at = 0;
  while (at <= markdown.length) {
    let depth = 0;
    let columns = 0;
    let i = at;
    for (; i < markdown.length; i++) {
      const c = markdown.charCodeAt(i);
      if (c === 0x3e /* > */) {
        depth += 1 + Math.floor(columns / 2);
        columns = 0;
      } else if (c === 0x20) columns += 1;
      else if (c === 0x09) columns += 4;
      else break;
    }
    depth += Math.floor(columns / 2);
    if (depth > DOCUMENT_LIMITS.maxDepth) throw nestedTooDeep(` (line ${fmt(line)})`);
    const next = markdown.indexOf('\n', i);
    if (next < 0) break;
    at = next + 1;
    line++;
  }
}

/** Throws when editor JSON has more nodes or deeper nesting than a document may have. */
export function checkJsonStructure(json: unknown): void {
  const stack: { value: unknown; depth: number }[] = [{ value: json, depth: 0 }];
  let nodes = 0;
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    // A node is an object; its `content` array is one level below it (marks are leaves).
    // (an element is two levels of JSON: the node and its content array; marks add a few).
    if (depth > DOCUMENT_LIMITS.maxDepth * 2 + 4) throw nestedTooDeep();
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    // (a link is a text node, its mark and the mark's attributes: a few objects per element).
    if (++nodes > DOCUMENT_LIMITS.maxElements * 5) throw tooManyElements();
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (child && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
}
