import { DOMSerializer, Node as PmNode } from '@tiptap/pm/model';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { canonicalize, type PmJson } from './canonical-text';
import { htmlToDocument, markdownToHtml } from './convert';
import { documentSchema } from './extensions';
import { BRIEF_MARKDOWN } from './fixtures';
import { escapeHtml, renderDocumentHtml, SECTION_CHARS } from './render-html';

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

/** A long report of our own: sections of background, sourcing and assessment, with lists and a table. */
function longReport(): PmJson {
  const sentences = [
    'Local officials in Gao said the convoy reached the river crossing before dawn on the third day.',
    'Two outlets put the number of released prisoners at 206; a ministry statement gave no figure at all.',
    'A negotiator quoted by a regional radio station described the ransom as "far below the first demand".',
    'None of the accounts names the intermediary, and the dates of the talks differ by almost a week.',
    'Our assessment rests on the two accounts that cite officials by name rather than on the anonymous posts.',
  ];
  const blocks: PmJson[] = [];
  for (let n = 0; n < 30; n++) {
    if (n % 6 === 0)
      blocks.push({ type: 'heading', attrs: { level: 2 }, content: [t(`Part ${n / 6 + 1}: the accounts`)] });
    blocks.push(p(t(sentences.slice(n % 3).join(' ')), t(` (${n + 1})`, [{ type: 'italic' }])));
    if (n % 7 === 3)
      blocks.push({ type: 'bulletList', content: [li(p(t(sentences[n % 5]!))), li(p(t('Unconfirmed.')))] });
    if (n === 12)
      blocks.push({
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('Outlet', 'tableHeader'), cell('Prisoners', 'tableHeader')] },
          { type: 'tableRow', content: [cell('Regional radio'), cell('206')] },
        ],
      });
    if (n === 20) blocks.push({ type: 'horizontalRule' });
  }
  return doc(...blocks);
}

describe('renderDocumentHtml in sections (the reader)', () => {
  const json = longReport();
  const plain = renderDocumentHtml(json);
  const sectioned = renderDocumentHtml(json, { sections: true });
  const root = parse(sectioned.html);
  const sections = [...root.children];

  it('draws the same runs at the same offsets, and only adds wrappers', () => {
    expect(sectioned.starts).toEqual(plain.starts);
    expect(textNodes(root)).toEqual(textNodes(parse(plain.html)));
    // Without the section and table wrappers, the markup is the plain render's.
    const copy = parse(sectioned.html);
    for (const wrapper of [...copy.querySelectorAll('.reader-section, .reader-table')])
      wrapper.replaceWith(...wrapper.childNodes);
    expect(copy.innerHTML).toBe(parse(plain.html).innerHTML);
  });

  it('makes sections of about SECTION_CHARS characters, each started by a block without a top margin', () => {
    expect(sections.length).toBeGreaterThan(2);
    expect(sections.every((s) => s.className === 'reader-section')).toBe(true);
    sections.slice(0, -1).forEach((s) => expect(s.textContent!.length).toBeGreaterThanOrEqual(SECTION_CHARS));
    sections
      .slice(1)
      .forEach((s) =>
        expect(['P', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'DIV']).toContain(s.firstElementChild!.tagName),
      );
    expect(root.querySelectorAll(':scope > .reader-section > h2').length).toBe(5);
  });

  it('gives each section an estimated height that grows with its text', () => {
    const heights = sections.map((s) =>
      Number(/contain-intrinsic-size:auto (\d+)px/.exec(s.getAttribute('style')!)![1]),
    );
    heights.forEach((h, i) => {
      const lines = sections[i]!.textContent!.length / 72;
      expect(h).toBeGreaterThan(lines * 31);
      expect(h).toBeLessThan(lines * 31 * 3);
    });
  });

  it('wraps a table in a box that scrolls (a section clips what overflows it)', () => {
    expect(root.querySelectorAll('.reader-table > table')).toHaveLength(1);
    expect(renderDocumentHtml(doc(p(t('short'))), { sections: true }).html).toMatch(
      /^<div class="reader-section" style="contain-intrinsic-size:auto \d+px"><p>short<\/p><\/div>$/,
    );
    expect(renderDocumentHtml(doc(), { sections: true }).html).toBe('');
  });
});
