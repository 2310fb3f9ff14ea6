/**
 * The HTML sanitizer every import goes through (pasted HTML, Markdown's HTML, .docx's HTML):
 * DOMPurify on a jsdom window, with an allowlist of the elements the document schema knows. No
 * script, style, frame, form or media element survives, nor any event-handler or style attribute;
 * links keep only http, https and mailto addresses.
 */
import { lazyPurifier } from '../security/purifier';

export const ALLOWED_TAGS = [
  'p',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'del',
  'strike',
  'code',
  'pre',
  'a',
  'hr',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  // Containers kept only so their text survives; the schema parser unwraps them.
  'div',
  'span',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'figure',
  'figcaption',
  'sup',
  'sub',
];
export const ALLOWED_ATTR = ['href', 'colspan', 'rowspan', 'start'];

const getPurifier = lazyPurifier((purifier) => {
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!/^(https?:|mailto:)/i.test(href.trim())) node.removeAttribute('href');
    }
  });
});

export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    // With a strict URI pattern, DOMPurify checks every attribute value against it unless told
    // the attribute holds no URL.
    ADD_URI_SAFE_ATTR: ['colspan', 'rowspan', 'start'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  });
}
