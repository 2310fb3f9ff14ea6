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

/** Renders a document; `starts` line up with the DOM text nodes the browser will make of `html`. */
export function renderDocumentHtml(doc: PmJson): RenderedDocument {
  const { textStarts } = canonicalize(doc);
  const parts: string[] = [];
  const starts: number[] = [];
  let textIndex = 0;

  const inline = (children: PmJson[]) => {
    let i = 0;
    while (i < children.length) {
      const child = children[i]!;
      if (child.type === 'hardBreak') {
        parts.push('<br>');
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
      i = j;
    }
  };

  const block = (node: PmJson) => {
    if (node.type === 'horizontalRule') {
      parts.push('<hr>');
      return;
    }
    const tags = blockTags(node);
    if (tags) parts.push(tags[0]);
    const children = node.content ?? [];
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') inline(children);
    else for (const child of children) block(child);
    if (tags) parts.push(tags[1]);
  };

  block(doc);
  return { html: parts.join(''), starts };
}
