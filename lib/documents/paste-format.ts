/**
 * What a pasted text is (plain text, Markdown or HTML) and what to call it, read from the text
 * itself. Pure, so the import form says at once what it will do, and the same answer is given
 * wherever it is asked.
 *
 * Plain text is the safe reading: its lines stay lines. Markdown is chosen only on marks that
 * only Markdown writes (headings, links, emphasis, fenced code, lists, quotes): read as Markdown,
 * lines without a blank line between them join into one paragraph, which would merge a plain
 * list of points. HTML is chosen when the text is markup (elements that open and close).
 */
import type { PasteFormat } from '../vocabulary';

export interface DetectedFormat {
  format: PasteFormat;
  /** Why, in a few words, for the form to show. */
  reason: string;
}

const HTML_TAG =
  /<\/?(?:html|head|body|p|div|h[1-6]|ul|ol|li|br|table|tr|td|th|blockquote|span|a|em|strong|b|i|article|section|header|footer|figure|pre|code)\b[^<>]*>/gi;
const HTML_CLOSE = /<\/(?:p|div|h[1-6]|li|span|a|em|strong|b|i|td|tr|table|article|section|blockquote|pre)>/i;

const MARKDOWN_MARKS: { test: RegExp; name: string }[] = [
  { test: /^#{1,6}[ \t]+\S/m, name: 'headings' },
  { test: /\[[^\]\n]+\]\([^)\s]+\)/, name: 'links' },
  { test: /^(?:```|~~~)/m, name: 'fenced code' },
  { test: /(?:^|[\s(])(?:\*\*|__)\S[^\n]*?\S(?:\*\*|__)(?=$|[\s).,;:!?])/m, name: 'bold text' },
  { test: /^[ \t]{0,3}[-*+][ \t]+\S[^\n]*\n[ \t]{0,3}[-*+][ \t]+\S/m, name: 'a list' },
  { test: /^[ \t]{0,3}\d{1,3}[.)][ \t]+\S[^\n]*\n[ \t]{0,3}\d{1,3}[.)][ \t]+\S/m, name: 'a numbered list' },
  { test: /^>[ \t]?\S/m, name: 'quotes' },
];

export function detectPasteFormat(text: string): DetectedFormat {
  const sample = text.slice(0, 200_000);
  const tags = sample.match(HTML_TAG)?.length ?? 0;
  if (tags >= 2 && HTML_CLOSE.test(sample)) return { format: 'html', reason: 'HTML elements' };
  const marks = MARKDOWN_MARKS.filter((m) => m.test.test(sample)).map((m) => m.name);
  if (marks.length) return { format: 'markdown', reason: `Markdown: ${marks.slice(0, 3).join(', ')}` };
  return { format: 'text', reason: 'no Markdown or HTML marks: every line is kept' };
}

const TITLE_MAX = 120;

/**
 * A title from the first line with words in it: heading marks, emphasis and tags removed, white
 * space folded; a long line is cut at a word before 120 characters (with "…"). Null when there is
 * nothing to suggest.
 */
export function suggestTitle(text: string, format: PasteFormat): string | null {
  let source = text.slice(0, 20_000);
  if (format === 'html') {
    const heading = /<(title|h1|h2)\b[^>]*>([\s\S]*?)<\/\1>/i.exec(source);
    source = (heading ? heading[2]! : source)
      .replace(/<(br|\/p|\/div|\/h[1-6]|\/li)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  }
  for (const raw of source.split(/\r?\n/)) {
    let line = raw;
    if (format === 'markdown') {
      line = line
        .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)/, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
        .replace(/[ \t]#+[ \t]*$/, '');
    }
    line = line.replace(/\s+/g, ' ').trim();
    if (!/[\p{L}\p{N}]/u.test(line)) continue;
    if (line.length <= TITLE_MAX) return line;
    const cut = line.slice(0, TITLE_MAX - 1);
    const space = cut.lastIndexOf(' ');
    return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
  }
  return null;
}
