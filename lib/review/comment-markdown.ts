/**
 * Comments are Markdown (GitHub-flavoured: emphasis, ~~strike~~, lists, quotes, code, bare links),
 * rendered to a small, sanitized HTML with @-mentions marked up. Decisions:
 *
 * - A single line break is a line break (`<br>`), as in GitHub comments.
 * - Elements that survive: p, br, em, strong, del, code, pre, blockquote, ul, ol (with `start`),
 *   li, a, and the mention span. Attributes: only href on links, start on ol, and the mention
 *   span's class and data-user-id.
 * - Raw HTML in the Markdown is never passed through: it is shown as the text the author typed
 *   (`<script>` appears literally, escaped). The sanitizer runs after Markdown anyway.
 * - Headings become a bold paragraph (`<p><strong>…</strong></p>`): a comment has no outline.
 * - Images are not loaded (no tracking pixels): `![alt](url)` becomes a link to the url, reading
 *   the alt text (or the url when there is none).
 * - Links keep only http:, https: and mailto: addresses; a link with any other address (javascript:,
 *   data:, relative paths…) is reduced to its text. Kept links open in a new tab with
 *   rel="noopener noreferrer nofollow".
 * - Horizontal rules are dropped; tables become one paragraph per table, a line per row with the
 *   cells separated by " | "; task-list checkboxes become the text "[x]" / "[ ]".
 * - Mentions (see ./mentions) are found in the rendered text, except inside code (inline or
 *   block) and inside links: writing `@Ana Costa` in backticks quotes the name without notifying
 *   her. A mention must fit in one run of text: "@Ana **Costa**" is not a mention of Ana Costa.
 *   The span shows the name as the author typed it ("@ana costa"); `renderComment` also returns the
 *   ids of the members mentioned, the same set the rendered spans show (use it for notifications).
 * - A comment is bounded by its structure, not only by its length (`commentStructureProblem`):
 *   at most 500 lines, and quotes and lists nested at most 10 levels deep. Writes refuse a comment
 *   beyond these; `renderComment` shows one (an older comment stored before the limits) as its
 *   text, escaped, in plain paragraphs, and so does it when rendering fails: it never throws.
 *
 * How, and why this way (a comment is rendered once, when it is written, but within one turn of
 * the server's event loop): Markdown → HTML string (marked; links decided in its link renderer)
 * → DOMPurify, string in and string out (no DOM fragment handed back: appending a fragment node
 * by node is quadratic in jsdom) → one linear pass over the sanitized string that wraps mentions
 * in the text runs outside code, pre and links (the few entities the serializer writes in text,
 * `&amp; &lt; &gt; &nbsp;`, are decoded to scan and written again around each span).
 */
import { Marked, type Tokens } from 'marked';
import { z } from 'zod';
import { lazyPurifier } from '../security/purifier';
import { mentionScanner, type MentionMember } from './mentions';

export const COMMENT_MAX_CHARS = 10_000;
/** Lines of a comment (a block takes at least one). */
export const COMMENT_MAX_LINES = 500;
/** Quotes and lists within each other, counted on each line (see `commentStructure`). */
export const COMMENT_MAX_DEPTH = 10;

const LIST_MARKER = /(?:[-*+]|\d{1,9}[.)])(?=[ \t\n]|$)/y;
const THEMATIC_BREAK = /([-*_])(?:[ \t]*\1){2,}[ \t]*(?=\n|$)/y;

/**
 * The shape of a comment's Markdown, in one pass over its lines: how many lines, and how deep its
 * quotes and lists go. A line's depth is its quote markers (`>`) plus the list items it sits in:
 * the markers on the line itself ("- - x" is two lists deep) and the items of earlier lines whose
 * content it is indented under (as CommonMark nests a list item). Over-counting a little is fine
 * (the limit is generous), under-counting is not: fenced code is counted like any other text.
 * `deepestLine` is 1-based (0 without any quote or list).
 */
export function commentStructure(text: string): { lines: number; depth: number; deepestLine: number } {
  let depth = 0;
  let deepestLine = 0;
  let lines = 0;
  /** content columns of the open list items, innermost last */
  let open: number[] = [];
  let quotesBefore = 0;
  let blankBefore = false;
  let from = 0;
  while (from <= text.length) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    lines += 1;
    let i = from;
    let col = 0;
    let quotes = 0;
    const spaces = () => {
      for (; i < end && (text[i] === ' ' || text[i] === '\t'); i++)
        col += text[i] === '\t' ? 4 - (col % 4) : 1;
    };
    for (;;) {
      spaces();
      if (i < end && text[i] === '>') {
        quotes += 1;
        col += 1;
        i += 1;
      } else break;
    }
    if (i >= end) {
      blankBefore = true;
      if (quotes > depth) [depth, deepestLine] = [quotes, lines];
    } else {
      if (quotes !== quotesBefore) open = [];
      quotesBefore = quotes;
      THEMATIC_BREAK.lastIndex = i;
      let markers = 0;
      if (!THEMATIC_BREAK.test(text)) {
        for (;;) {
          LIST_MARKER.lastIndex = i;
          const m = LIST_MARKER.exec(text);
          if (!m) break;
          // A list item is a child of the open items whose content column it starts at or after.
          if (markers === 0) while (open.length && open[open.length - 1]! > col) open.pop();
          markers += 1;
          i += m[0].length;
          col += m[0].length;
          spaces();
          open.push(col);
        }
      }
      // A line indented less than an item's content, after a blank line, closes that item.
      if (markers === 0 && blankBefore) while (open.length && open[open.length - 1]! > col) open.pop();
      blankBefore = false;
      const here = quotes + open.length;
      if (here > depth) [depth, deepestLine] = [here, lines];
    }
    if (nl < 0) break;
    from = nl + 1;
  }
  return { lines, depth, deepestLine };
}

/** Why a comment's Markdown is beyond the structural limits (a sentence naming the limit), or null. */
export function commentStructureProblem(text: string): string | null {
  const { lines, depth, deepestLine } = commentStructure(text);
  if (lines > COMMENT_MAX_LINES)
    return `Keep comments to ${COMMENT_MAX_LINES} lines or fewer (this one has ${lines.toLocaleString('en-US')}).`;
  if (depth > COMMENT_MAX_DEPTH)
    return `Nest quotes and lists at most ${COMMENT_MAX_DEPTH} levels deep (line ${deepestLine.toLocaleString('en-US')} goes ${depth.toLocaleString('en-US')} levels deep).`;
  return null;
}

/**
 * Line endings to "\n", no NUL characters, then trimmed: 1 to 10,000 characters, at most 500 lines,
 * quotes and lists at most 10 levels deep.
 */
export const commentBodySchema = z
  .string({ error: 'Write a comment first.' })
  .overwrite((s) => s.replace(/\r\n?/g, '\n').replace(/\u0000/g, ''))
  .trim()
  .min(1, 'Write a comment first.')
  .max(COMMENT_MAX_CHARS, 'Keep comments under 10,000 characters.')
  .superRefine((s, ctx) => {
    if (s.length > COMMENT_MAX_CHARS) return;
    const problem = commentStructureProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const COMMENT_TAGS = [
  'p',
  'br',
  'em',
  'strong',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
] as const;

const SAFE_HREF = /^(?:https?:|mailto:)/i;
const LINK_ATTRIBUTES = 'rel="noopener noreferrer nofollow" target="_blank"';

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** marked's own escaping of an address: `&` of an entity kept (the browser decodes it). */
const escapeHref = (s: string) =>
  s
    .replace(/&(?!#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** marked's cleanUrl: the address percent-encoded (null when it cannot be). */
function cleanUrl(href: string): string | null {
  try {
    return encodeURI(href).replace(/%25/g, '%');
  } catch {
    return null;
  }
}

const markdown = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  renderer: {
    // Raw HTML, block or inline, is shown as typed.
    html({ text, block }: Tokens.HTML | Tokens.Tag) {
      if (!block) return escapeHtml(text);
      const body = text.trim();
      return body ? `<p>${escapeHtml(body).replace(/\n/g, '<br>')}</p>\n` : '';
    },
    heading({ tokens }: Tokens.Heading) {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
    },
    hr() {
      return '';
    },
    // Only safe addresses make a link (the sanitizer checks them again); any other is its text.
    link({ href, text, tokens, autolink }: Tokens.Link & { autolink?: boolean }) {
      const label = autolink ? escapeHtml(text) : this.parser.parseInline(tokens);
      const url = SAFE_HREF.test(href.trim()) ? cleanUrl(href) : null;
      if (url === null) return label;
      return `<a href="${autolink ? escapeHtml(url) : escapeHref(url)}" ${LINK_ATTRIBUTES}>${label}</a>`;
    },
    image({ href, text, tokens }: Tokens.Image) {
      const label = text.trim() ? this.parser.parseInline(tokens) : escapeHtml(href);
      if (!SAFE_HREF.test(href.trim())) return label;
      return `<a href="${escapeHtml(href)}" ${LINK_ATTRIBUTES}>${label}</a>`;
    },
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? '[x] ' : '[ ] ';
    },
    table(token: Tokens.Table) {
      const row = (cells: Tokens.TableCell[]) =>
        cells.map((c) => this.parser.parseInline(c.tokens)).join(' | ');
      return `<p>${[row(token.header), ...token.rows.map(row)].join('<br>')}</p>\n`;
    },
  },
});

// Its own DOMPurify on its own jsdom window (the one of ../documents/sanitize keeps the documents'
// wider allowlist and hooks).
const getPurifier = lazyPurifier();

/** Sanitized HTML, as a string (serialized by jsdom: text escapes only `& < >` and no-break spaces). */
function sanitize(html: string): string {
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS: [...COMMENT_TAGS],
    ALLOWED_ATTR: ['href', 'start', 'rel', 'target'],
    ALLOWED_URI_REGEXP: SAFE_HREF,
    // Attributes that are not addresses (otherwise their value is checked as one).
    ADD_URI_SAFE_ATTR: ['start', 'rel', 'target'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
  });
}

const TEXT_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': '\u00a0' };
const decodeText = (s: string) => s.replace(/&(?:amp|lt|gt|nbsp);/g, (e) => TEXT_ENTITIES[e]!);
/** Text as the HTML serializer writes it. */
const encodeText = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');
/** An attribute value as the HTML serializer writes it. */
const encodeAttribute = (s: string) => encodeText(s).replace(/"/g, '&quot;');

/** Elements whose text mentions nobody. */
const OPAQUE = new Set(['code', 'pre', 'a']);

/**
 * Wraps each mention in the text runs (outside code, pre and links) of sanitized HTML in a span,
 * in one pass; drops a link the sanitizer left without an address (keeping its text). Returns the
 * ids in order, and the names several members share that were written bare (they mention nobody).
 */
function markMentions(
  html: string,
  members: readonly MentionMember[],
): { html: string; ids: string[]; ambiguous: string[] } {
  const scan = mentionScanner(members);
  const ids: string[] = [];
  const ambiguous: string[] = [];
  const links: boolean[] = [];
  let out = '';
  let opaque = 0;
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > at) {
      const encoded = html.slice(at, textEnd);
      out += opaque > 0 || !encoded.includes('@') ? encoded : markRun(encoded);
    }
    if (lt < 0) break;
    // A tag: up to the first ">" outside a quoted attribute value.
    let end = lt + 1;
    for (let quoted = false; end < html.length; end++) {
      const c = html[end];
      if (c === '"') quoted = !quoted;
      else if (c === '>' && !quoted) break;
    }
    const tag = html.slice(lt, end + 1);
    at = end + 1;
    const closing = tag[1] === '/';
    const name = /^<\/?([a-zA-Z][a-zA-Z0-9]*)/.exec(tag)?.[1]?.toLowerCase() ?? '';
    if (OPAQUE.has(name)) opaque += closing ? -1 : 1;
    if (name === 'a') {
      const kept = closing ? links.pop() : / href="/.test(tag);
      if (!closing) links.push(Boolean(kept));
      if (!kept) continue;
    }
    out += tag;
  }
  return { html: out, ids: [...new Set(ids)], ambiguous: [...new Set(ambiguous)] };

  function markRun(encoded: string): string {
    const text = decodeText(encoded);
    const found = scan(text);
    for (const f of found) if (f.userId === null) ambiguous.push(text.slice(f.start + 1, f.end));
    const spans = found.filter((f) => f.userId !== null);
    if (spans.length === 0) return encoded;
    let run = '';
    let from = 0;
    for (const s of spans) {
      run += encodeText(text.slice(from, s.start));
      run += `<span class="mention" data-user-id="${encodeAttribute(s.userId!)}">${encodeText(text.slice(s.start, s.end))}</span>`;
      ids.push(s.userId!);
      from = s.end;
    }
    return run + encodeText(text.slice(from));
  }
}

/**
 * A comment's text without Markdown: escaped, a paragraph per run of lines between blank lines, a
 * `<br>` per line break (what a comment beyond the structural limits is shown as).
 */
export function plainCommentHtml(source: string): string {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) paragraphs.push(`<p>${lines.map(encodeText).join('<br>')}</p>`);
    lines = [];
  };
  for (const line of source
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '')
    .trim()
    .split('\n')) {
    if (line.trim()) lines.push(line.trim());
    else flush();
  }
  flush();
  return paragraphs.join('\n');
}

export interface RenderedComment {
  html: string;
  /** members mentioned outside code and links, each once, in order of first mention */
  mentionedUserIds: string[];
  /** names several members share, written bare outside code and links (see ./mentions) */
  ambiguousMentions: string[];
  /** false: shown as plain text (beyond the structural limits, or the Markdown failed to render) */
  markdown: boolean;
}

/** Markdown → sanitized HTML with mention spans, and who is mentioned. Never throws. */
export function renderComment(source: string, members: readonly MentionMember[]): RenderedComment {
  const text = source.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
  if (!text.trim()) return { html: '', mentionedUserIds: [], ambiguousMentions: [], markdown: true };
  let html: string | null = null;
  if (text.length <= COMMENT_MAX_CHARS && !commentStructureProblem(text)) {
    try {
      html = sanitize(markdown.parse(text, { async: false }));
    } catch {
      html = null;
    }
  }
  const marked = markMentions(html ?? plainCommentHtml(text), members);
  return {
    html: marked.html.trim(),
    mentionedUserIds: marked.ids,
    ambiguousMentions: marked.ambiguous,
    markdown: html !== null,
  };
}

/** Markdown → sanitized HTML, with `<span class="mention" data-user-id="…">@Name</span>` per mention. */
export function renderCommentHtml(source: string, members: readonly MentionMember[]): string {
  return renderComment(source, members).html;
}
