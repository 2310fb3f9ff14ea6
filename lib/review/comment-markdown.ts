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
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';
import { Marked, type Tokens } from 'marked';
import { z } from 'zod';
import { mentionScanner, type MentionMember } from './mentions';

export const COMMENT_MAX_CHARS = 10_000;

/** Line endings to "\n", no NUL characters, then trimmed: 1 to 10,000 characters. */
export const commentBodySchema = z
  .string({ error: 'Write a comment first.' })
  .overwrite((s) => s.replace(/\r\n?/g, '\n').replace(/\u0000/g, ''))
  .trim()
  .min(1, 'Write a comment first.')
  .max(COMMENT_MAX_CHARS, 'Keep comments under 10,000 characters.');

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

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

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
    image({ href, text, tokens }: Tokens.Image) {
      const label = text.trim() ? this.parser.parseInline(tokens) : escapeHtml(href);
      return `<a href="${escapeHtml(href)}">${label}</a>`;
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
let purifier: DOMPurify | undefined;

function getPurifier(): DOMPurify {
  if (!purifier) {
    const { window } = new JSDOM('');
    purifier = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  }
  return purifier;
}

function sanitize(html: string): DocumentFragment {
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS: [...COMMENT_TAGS],
    ALLOWED_ATTR: ['href', 'start'],
    ALLOWED_URI_REGEXP: SAFE_HREF,
    ADD_URI_SAFE_ATTR: ['start'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
  }) as unknown as DocumentFragment;
}

/** Replaces a node by its children. */
function unwrap(el: Element) {
  el.replaceWith(...Array.from(el.childNodes));
}

function fixLinks(root: DocumentFragment) {
  for (const a of Array.from(root.querySelectorAll('a'))) {
    const href = a.getAttribute('href')?.trim() ?? '';
    if (!SAFE_HREF.test(href)) {
      unwrap(a);
      continue;
    }
    a.setAttribute('rel', 'noopener noreferrer nofollow');
    a.setAttribute('target', '_blank');
  }
}

/**
 * Wraps each mention in the text (outside code and links) in a span; returns the ids in order, and
 * the names several members share that were written bare (not marked: they mention nobody).
 */
function markMentions(
  root: DocumentFragment,
  members: readonly MentionMember[],
): { ids: string[]; ambiguous: string[] } {
  const scan = mentionScanner(members);
  const ambiguous: string[] = [];
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement?.closest('code, pre, a')) texts.push(n as Text);
  }
  const ids: string[] = [];
  for (const node of texts) {
    const text = node.data;
    const found = scan(text);
    for (const f of found) if (f.userId === null) ambiguous.push(text.slice(f.start + 1, f.end));
    const spans = found.filter((f) => f.userId !== null);
    if (spans.length === 0) continue;
    const parts: Node[] = [];
    let at = 0;
    for (const s of spans) {
      if (s.start > at) parts.push(doc.createTextNode(text.slice(at, s.start)));
      const span = doc.createElement('span');
      span.className = 'mention';
      span.setAttribute('data-user-id', s.userId!);
      span.textContent = text.slice(s.start, s.end);
      parts.push(span);
      ids.push(s.userId!);
      at = s.end;
    }
    if (at < text.length) parts.push(doc.createTextNode(text.slice(at)));
    node.replaceWith(...parts);
  }
  return { ids: [...new Set(ids)], ambiguous: [...new Set(ambiguous)] };
}

export interface RenderedComment {
  html: string;
  /** members mentioned outside code and links, each once, in order of first mention */
  mentionedUserIds: string[];
  /** names several members share, written bare outside code and links (see ./mentions) */
  ambiguousMentions: string[];
}

/** Markdown → sanitized HTML with mention spans, and who is mentioned. */
export function renderComment(source: string, members: readonly MentionMember[]): RenderedComment {
  const text = source.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
  if (!text.trim()) return { html: '', mentionedUserIds: [], ambiguousMentions: [] };
  const fragment = sanitize(markdown.parse(text, { async: false }));
  fixLinks(fragment);
  const { ids: mentionedUserIds, ambiguous: ambiguousMentions } = markMentions(fragment, members);
  const container = fragment.ownerDocument.createElement('div');
  container.append(fragment);
  return { html: container.innerHTML.trim(), mentionedUserIds, ambiguousMentions };
}

/** Markdown → sanitized HTML, with `<span class="mention" data-user-id="…">@Name</span>` per mention. */
export function renderCommentHtml(source: string, members: readonly MentionMember[]): string {
  return renderComment(source, members).html;
}
