/**
 * Every payload of the corpus through every server-side path text takes, asserting with jsdom
 * (find-xss.ts) that what comes out could not run script: pasted plain text, Markdown and HTML
 * (import conversion, then the reader's server-side HTML), .docx import (payloads in text runs,
 * hyperlinks, anchors, HYPERLINK fields and HTML-looking runs), the document sanitizer alone, a
 * stored document whose JSON never went through an import (the reader must still escape it), the
 * schema check of editor/API JSON, comment Markdown (bodies and member names in mentions), and the
 * Markdown export read back by a Markdown renderer.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { convertToDocument, validateDocument, type SourceFormat } from '@/lib/documents/convert';
import type { PmJson } from '@/lib/documents/canonical-text';
import { renderDocumentHtml } from '@/lib/documents/render-html';
import { sanitizeHtml } from '@/lib/documents/sanitize';
import { escapeMarkdown } from '@/lib/export/markdown';
import { renderComment } from '@/lib/review/comment-markdown';
import { findXss, findXssEach } from './find-xss';
import { XSS_CORPUS, XSS_FAMILIES } from './xss-corpus';
import { makeHostileDocx } from './xss-docx';

/** Imports; an import refused with a message (e.g. nothing readable left) is also safe. */
async function imported(format: SourceFormat, input: string | Uint8Array): Promise<string | null> {
  try {
    const doc = await convertToDocument(format, input);
    return renderDocumentHtml(doc.content).html;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('invalid');
    return null;
  }
}

/** A document as it could sit in the database had it bypassed the import: payloads everywhere. */
function hostileDocument(p: string): PmJson {
  const text = (t: string, marks?: PmJson['marks']): PmJson => ({ type: 'text', text: t, marks });
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: p }, content: [text(p)] },
      {
        type: 'paragraph',
        content: [
          text(p, [{ type: 'link', attrs: { href: p } }]),
          text(' and ', [{ type: 'link', attrs: { href: `https://example.org/${p}` } }]),
          text(p, [{ type: p } as never, { type: 'bold' }]),
          { type: 'hardBreak' },
          text(p, [{ type: 'code' }]),
        ],
      },
      { type: 'codeBlock', attrs: { language: p }, content: [text(p)] },
      {
        type: 'orderedList',
        attrs: { start: p },
        content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text(p)] }] }],
      },
      {
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              {
                type: 'tableCell',
                attrs: { colspan: p, rowspan: p },
                content: [{ type: 'paragraph', content: [text(p)] }],
              },
            ],
          },
        ],
      },
      { type: p, content: [text(p)] } as PmJson,
    ],
  } as PmJson;
}

describe('the XSS corpus', () => {
  it('holds at least 200 payloads in every family, each with its own number', () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(200);
    for (const family of XSS_FAMILIES) expect(XSS_CORPUS.some((p) => p.family === family)).toBe(true);
    expect(new Set(XSS_CORPUS.map((p) => p.text)).size).toBe(XSS_CORPUS.length);
    for (const p of XSS_CORPUS)
      expect(p.text).toMatch(/xss\(\d+\)|alert|confirm\(|prompt\(|base64,|<base|<meta/);
  });

  it('is dangerous as raw HTML: the detector flags the HTML payloads when nothing sanitizes them', () => {
    const html = XSS_CORPUS.filter((p) => !['markdown', 'breakout', 'polyglot'].includes(p.family));
    const missed = html.filter((p) => findXss(p.text).length === 0).map((p) => p.text);
    // Inert as they stand: they probe sanitizers that strip or decode (a removed "<script>" that
    // leaves a new one, an entity decoded into markup) or need a table around them.
    expect(missed).toEqual([
      '<scr<script>ipt>__xss(8)</scr</script>ipt>',
      '<td onmouseover=__xss(53)>cell</td>',
      '<a title="a&quot;><img src=x onerror=__xss(177)>">x</a>',
    ]);
  });
});

describe('the detector', () => {
  it.each([
    ['<p>The <strong>ransom</strong> was <a href="https://example.org/a">reported</a>.</p>'],
    ['<a href="mailto:desk@example.org">write</a>'],
    ['<p>&lt;script&gt;__xss(1)&lt;/script&gt;</p>'],
    ['<pre><code class="language-js">alert(1)</code></pre>'],
    ['<table><tbody><tr><td colspan="2">x</td></tr></tbody></table>'],
  ])('finds nothing in inert HTML: %s', (html) => {
    expect(findXss(html)).toEqual([]);
  });

  it.each([
    ['<script>__xss(1)</script>', 'element <script>'],
    ['<p onclick="x">p</p>', 'handler onclick on <p>'],
    ['<a href=" javascript:x">a</a>', 'url href'],
    ['<a href="//evil.example">a</a>', 'url href'],
    ['<a href="/inside">a</a>', 'url href'],
    ['<p style="color:red">p</p>', 'attribute style on <p>'],
    ['<svg><a xlink:href="javascript:x">a</a></svg>', 'element <svg>'],
    ['<noscript><p title="</noscript><img src=x onerror=y>"></noscript>', 'element <noscript>'],
    ['<body onload="x">', 'as a whole page: handler onload on <body>'],
  ])('flags %s', (html, finding) => {
    expect(findXss(html).join('\n')).toContain(finding);
  });

  it('checks many outputs at once, each on its own, even when one swallows those after it', () => {
    const found = findXssEach(['<p>fine</p>', '<!-- unclosed', '<img src=x onerror=y>', '<em>fine</em>']);
    expect(found[0]).toEqual([]);
    expect(found[1]).toEqual([]);
    expect(found[2]!.join('\n')).toContain('handler onerror on <img>');
    expect(found[3]).toEqual([]);
    expect(findXssEach(['<p>a</p>', '<p>b</p>'])).toEqual([[], []]);
  });
});

/** Runs every payload through `render` and lists the findings, each with its payload's number. */
async function sweep(render: (text: string, id: number) => Promise<string[]> | string[]) {
  const outputs: string[] = [];
  const owners: string[] = [];
  for (const p of XSS_CORPUS) {
    for (const html of await render(p.text, p.id)) {
      outputs.push(html);
      owners.push(`#${p.id} ${p.family}`);
    }
  }
  return findXssEach(outputs).flatMap((found, i) => found.map((f) => `${owners[i]}: ${f}`));
}

/** Conversions build a jsdom window each: a sweep of the corpus takes seconds on a busy machine. */
const SLOW = 120_000;

const some = (html: string | null) => (html === null ? [] : [html]);

describe('every payload, through every server-side path, comes out inert', () => {
  it('the document sanitizer alone', async () => {
    expect(await sweep((p) => [sanitizeHtml(p)])).toEqual([]);
  });

  it.each(['text', 'markdown', 'html'] as const)(
    'pasted as %s, imported, rendered by the reader',
    async (format) => {
      const dropped: number[] = [];
      const findings = await sweep(async (p, id) => {
        const html = await imported(format, p);
        // Plain text is kept as text: the payload is shown, escaped, not dropped.
        if (format === 'text' && p.includes(`__xss(${id})`) && !html?.includes(`__xss(${id})`))
          dropped.push(id);
        return some(html);
      });
      expect(findings).toEqual([]);
      expect(dropped).toEqual([]);
    },
    SLOW,
  );

  it(
    'in a .docx (text runs, hyperlinks, anchors, HYPERLINK fields, HTML-looking runs)',
    async () => {
      // Ten payloads a file (one conversion each is slow); a finding names the file's payloads.
      const outputs: string[] = [];
      const owners: string[] = [];
      for (let i = 0; i < XSS_CORPUS.length; i += 10) {
        const batch = XSS_CORPUS.slice(i, i + 10);
        const html = await imported('docx', makeHostileDocx(batch.map((p) => p.text)));
        expect(html).not.toBeNull();
        outputs.push(html!);
        owners.push(`payloads #${batch[0]!.id}–#${batch.at(-1)!.id}`);
      }
      const findings = findXssEach(outputs).flatMap((found, i) => found.map((f) => `${owners[i]}: ${f}`));
      expect(findings).toEqual([]);
    },
    SLOW,
  );

  it('stored as hostile document JSON that never went through an import, rendered by the reader', async () => {
    expect(await sweep((p) => [renderDocumentHtml(hostileDocument(p)).html])).toEqual([]);
  });

  it('as a link address in editor or API JSON: refused, or kept only as a safe address', async () => {
    const findings = await sweep((p) => {
      const json = {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: p } }] }],
          },
        ],
      };
      try {
        return [renderDocumentHtml(validateDocument(json)).html];
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return [];
      }
    });
    expect(findings).toEqual([]);
  });

  it('in a comment, and as the name of a member it mentions', { timeout: 120_000 }, async () => {
    const findings = await sweep((p) => {
      const members = [
        { id: 'u1', name: 'Ana Costa' },
        { id: 'u2', name: p },
      ];
      return [
        renderComment(p, members).html,
        renderComment(`@Ana Costa wrote ${p}`, members).html,
        renderComment(`cc @${p}`, members).html,
      ];
    });
    expect(findings).toEqual([]);
  });

  it('in the Markdown export, read back by a Markdown renderer', async () => {
    const findings = await sweep((p) =>
      [escapeMarkdown(p), escapeMarkdown(p, '   ')].map((md) =>
        marked.parse(md, { async: false, gfm: true }),
      ),
    );
    expect(findings).toEqual([]);
  });
});
