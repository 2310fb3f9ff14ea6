/**
 * The brief as HTML: the Markdown brief (./markdown.ts, one source of its wording and order)
 * rendered to a page that prints cleanly, for reading in a browser, printing, or sending.
 *
 * - `briefHtmlChunks` streams a whole document (doctype, title, a print stylesheet) for the
 *   `html` export format; `briefHtmlBody` gives the body alone, for the app's *Print brief* page.
 * - Safe by construction and sanitized anyway: everything an analyst typed reaches the Markdown
 *   through `escapeMarkdown`, so it cannot open raw HTML or a link; the Markdown renderer shows raw
 *   HTML as text regardless, and keeps only http(s) links; then DOMPurify (string in, string out)
 *   keeps only the elements a brief has.
 * - Bounded work per step: the Markdown arrives a topic (or a claim) at a time, and each topic is
 *   rendered a section at a time (split before its `###` claim headings), so no single step parses
 *   more than one claim's section.
 */
import { Marked } from 'marked';
import { lazyPurifier } from '../security/purifier';
import type { ExportSourceData } from './model';
import { markdownChunks } from './markdown';

const BRIEF_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'br',
  'em',
  'strong',
  'del',
  'code',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
] as const;

const SAFE_HREF = /^https?:\/\//i;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const renderer = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML is never passed through: it reads as the text it is.
    html(token) {
      return escapeHtml(token.text);
    },
    link(token) {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_HREF.test(token.href)) return text;
      return `<a href="${escapeHtml(token.href)}" rel="noopener noreferrer">${text}</a>`;
    },
    image(token) {
      return escapeHtml(token.text || token.href);
    },
  },
});

const getPurifier = lazyPurifier();

/** One piece of the brief's Markdown as sanitized HTML. */
export function briefPieceHtml(markdown: string): string {
  const html = renderer.parse(markdown, { async: false });
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS: [...BRIEF_TAGS],
    ALLOWED_ATTR: ['href', 'rel'],
    ALLOWED_URI_REGEXP: SAFE_HREF,
    ADD_URI_SAFE_ATTR: ['rel'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
  });
}

/** A chunk of the Markdown brief cut before each claim's heading (`### `), at a blank line. */
export function sections(markdown: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const at = markdown.indexOf('\n\n### ', from);
    if (at < 0) break;
    out.push(markdown.slice(from, at + 1));
    from = at + 2;
  }
  out.push(markdown.slice(from));
  return out.filter((s) => s.trim() !== '');
}

/** The brief's body as HTML, piece by piece (each a section of at most one claim). */
export async function* briefHtmlBody(data: ExportSourceData): AsyncGenerator<string> {
  for await (const chunk of markdownChunks(data)) {
    for (const piece of sections(chunk)) {
      yield briefPieceHtml(piece);
      // Let other requests run between sections of a long brief.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * The stylesheet of the downloaded brief: readable on screen, and on paper A4 with margins, no
 * heading left alone at the foot of a page, and the address printed after each link.
 */
export const BRIEF_CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.5 Georgia, 'Times New Roman', serif; color: #111; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6em; margin: 0 0 .25em; }
h2 { font-size: 1.3em; margin: 1.6em 0 .4em; border-bottom: 1px solid #999; padding-bottom: .15em; }
h3 { font-size: 1.1em; margin: 1.2em 0 .3em; }
h1, h2, h3, h4 { font-family: system-ui, sans-serif; break-after: avoid; page-break-after: avoid; }
p, li, blockquote { orphans: 3; widows: 3; }
li { margin: .15em 0; }
blockquote { margin: .4em 0 .4em 1em; padding-left: .8em; border-left: 3px solid #bbb; color: #333; }
a { color: #1d4ed8; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; color: #444; word-break: break-all; }
  h3, li { break-inside: avoid; page-break-inside: avoid; }
}
`;

/** The whole brief as one HTML document (the `html` export format). */
export async function* briefHtmlChunks(data: ExportSourceData): AsyncGenerator<string> {
  const title = `${data.context.workspace.name} — brief`;
  yield [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${BRIEF_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '',
  ].join('\n');
  for await (const html of briefHtmlBody(data)) yield html;
  yield '</main>\n</body>\n</html>\n';
}
