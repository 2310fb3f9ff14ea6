import { DOMSerializer, Node as PmNode } from '@tiptap/pm/model';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { canonicalize, type PmJson } from './canonical-text';
import { htmlToDocument, markdownToHtml } from './convert';
import { documentSchema } from './extensions';
import { BRIEF_MARKDOWN } from './fixtures';
import { escapeHtml, renderDocumentHtml } from './render-html';

const p = (...content: PmJson[]): PmJson => ({ type: 'paragraph', content });
const t = (text: string, marks?: PmJson['marks']): PmJson => ({
  type: 'text',
  text,
  ...(marks ? { marks } : {}),
});
const doc = (...content: PmJson[]): PmJson => ({ type: 'doc', content });
const li = (...content: PmJson[]): PmJson => ({ type: 'listItem', content });
const cell = (text: string, type = 'tableCell'): PmJson => ({ type, content: [p(t(text))] });

const { window } = new JSDOM('<!doctype html><body></body>');

function parse(html: string) {
  const root = window.document.createElement('div');
  root.innerHTML = html;
  return root;
}

function textNodes(root: Element): string[] {
  const walker = window.document.createTreeWalker(root, window.NodeFilter.SHOW_TEXT);
  const out: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push((n as Text).data);
  return out;
}

/** Element names in document order, without the table parts only the editor adds. */
function shape(root: Element): string[] {
  return [...root.querySelectorAll('*')]
    .map((e) => e.tagName.toLowerCase())
    .filter((name) => name !== 'colgroup' && name !== 'col');
}

/** What Tiptap's editor would draw for the same JSON (ProseMirror's serializer). */
function editorDom(json: PmJson) {
  const node = PmNode.fromJSON(documentSchema, json);
  const fragment = DOMSerializer.fromSchema(documentSchema).serializeFragment(node.content, {
    document: window.document as unknown as Document,
  });
  const root = window.document.createElement('div');
  root.appendChild(fragment as unknown as globalThis.Node);
  return root;
}

const CASES: { name: string; doc: PmJson }[] = [
  { name: 'two paragraphs', doc: doc(p(t('Bamako, October.')), p(t('The exchange took place at dawn.'))) },
  {
    name: 'marks split a paragraph into runs',
    doc: doc(
      p(
        t('Most counts say '),
        t('206', [{ type: 'bold' }]),
        t(' prisoners; '),
        t('others', [{ type: 'italic' }, { type: 'strike' }]),
        t(' disagree.'),
      ),
    ),
  },
  {
    name: 'a link and inline code',
    doc: doc(
      p(
        t('Reported by '),
        t('an outlet', [{ type: 'link', attrs: { href: 'https://example.org/report' } }]),
        t(' under '),
        t('ref-206', [{ type: 'code' }]),
      ),
    ),
  },
  { name: 'hard break', doc: doc(p(t('line one'), { type: 'hardBreak' }, t('line two'))) },
  {
    name: 'lists, nested',
    doc: doc(
      p(t('Reported:')),
      {
        type: 'bulletList',
        content: [
          li(p(t('206 released')), { type: 'bulletList', content: [li(p(t('by most counts')))] }),
          li(p(t('ransom paid'))),
        ],
      },
      { type: 'orderedList', attrs: { start: 3 }, content: [li(p(t('third point')))] },
    ),
  },
  {
    name: 'table',
    doc: doc({
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('Source', 'tableHeader'), cell('Figure', 'tableHeader')] },
        { type: 'tableRow', content: [cell('Outlet A'), cell('€2.5M')] },
      ],
    }),
  },
  {
    name: 'heading, quote, rule, code block with newlines',
    doc: doc(
      { type: 'heading', attrs: { level: 2 }, content: [t('The exchange')] },
      { type: 'blockquote', content: [p(t('“No ransom was paid,” said the minister.'))] },
      { type: 'horizontalRule' },
      { type: 'codeBlock', attrs: { language: 'text' }, content: [t('\nline 1\nline 2\n')] },
      p(),
      p(t('After an empty paragraph.')),
    ),
  },
  {
    name: 'a paragraph across two pages of a PDF (page marks)',
    doc: doc(
      p(
        t('ships waited outside the harbour', [{ type: 'page', attrs: { n: 1 } }]),
        t(' until the Monday morning.', [{ type: 'page', attrs: { n: 2 } }]),
      ),
      p(t('The ransom was 2.5 million euros.', [{ type: 'page', attrs: { n: 2 } }])),
    ),
  },
  {
    name: 'markup characters and unicode stay text',
    doc: doc(p(t('<script>alert(1)</script> & “quotes” — Tombouctou, 🇲🇱 "x"'))),
  },
];

describe('renderDocumentHtml', () => {
  it.each(CASES)('$name: one DOM text node per run, at its canonical offset', ({ doc: json }) => {
    const { text } = canonicalize(json);
    const { html, starts } = renderDocumentHtml(json);
    const nodes = textNodes(parse(html));
    expect(nodes.length).toBe(starts.length);
    nodes.forEach((data, k) => expect(text.slice(starts[k], starts[k]! + data.length)).toBe(data));
  });

  it.each(CASES)('$name: the same elements and text as the editor draws', ({ doc: json }) => {
    const ours = parse(renderDocumentHtml(json).html);
    const editor = editorDom(json);
    expect(shape(ours)).toEqual(shape(editor));
    expect(ours.textContent).toBe(editor.textContent);
  });

  it('maps a whole imported brief', () => {
    const json = htmlToDocument(markdownToHtml(BRIEF_MARKDOWN));
    const { text } = canonicalize(json);
    const { html, starts } = renderDocumentHtml(json);
    const nodes = textNodes(parse(html));
    expect(nodes.length).toBe(starts.length);
    expect(nodes.length).toBeGreaterThan(10);
    nodes.forEach((data, k) => expect(text.slice(starts[k], starts[k]! + data.length)).toBe(data));
  });

  it('writes adjacent runs with the same marks as one text node', () => {
    const { html, starts } = renderDocumentHtml(doc(p(t('two '), t('runs'))));
    expect(html).toBe('<p>two runs</p>');
    expect(starts).toEqual([0]);
  });

  it.each([['javascript:alert(1)'], ['data:text/html,<b>x</b>'], [' vbscript:msgbox(1)'], [42]])(
    'drops a link whose address is not http(s) or mailto: %s',
    (href) => {
      const { html } = renderDocumentHtml(doc(p(t('click', [{ type: 'link', attrs: { href } }]))));
      expect(html).toBe('<p>click</p>');
    },
  );

  it('escapes attributes and ignores unknown or hostile attributes', () => {
    const json = doc(
      { type: 'heading', attrs: { level: '1 onclick=x' }, content: [t('Title')] },
      { type: 'codeBlock', attrs: { language: '"><script>' }, content: [t('x')] },
      p(t('go', [{ type: 'link', attrs: { href: 'https://example.org/?a="b"&c=<d>' } }])),
    );
    const { html } = renderDocumentHtml(json);
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<code class="language-script">');
    expect(html).toContain('href="https://example.org/?a=&quot;b&quot;&amp;c=&lt;d&gt;"');
    expect(parse(html).querySelectorAll('script')).toHaveLength(0);
  });

  it('keeps a carriage return as one character', () => {
    const json = doc({ type: 'codeBlock', content: [t('a\r\nb')] });
    expect(textNodes(parse(renderDocumentHtml(json).html))).toEqual(['a\r\nb']);
    expect(escapeHtml('\r')).toBe('&#13;');
  });
});
