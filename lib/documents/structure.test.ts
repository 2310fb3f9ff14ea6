import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { convertToDocument } from './convert';
import { checkHtmlStructure, checkJsonStructure, checkMarkdownStructure, DOCUMENT_LIMITS } from './structure';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  return null;
};

const nested = (open: string, close: string, depth: number, inner = 'the envoy') =>
  open.repeat(depth) + inner + close.repeat(depth);

const DEEP = /nests elements more than 100 levels deep/;
const MANY = /more than 100,000 elements/;

describe('checkHtmlStructure', () => {
  it.each([
    [
      'an ordinary report',
      '<h1>Release in Gao</h1><p>The <em>envoy</em> met the <a href="https://example.org">mediator</a>.</p><ul><li>one<li>two</ul>',
    ],
    ['unclosed paragraphs, as old editors write them', '<p>First.'.repeat(5_000)],
    [
      'unclosed list items and cells',
      `<ul>${'<li>item'.repeat(3_000)}</ul><table>${'<tr><td>a<td>b'.repeat(2_000)}</table>`,
    ],
    ['void elements', '<p>line<br>'.repeat(3_000)],
    ['100 levels of quotes, the limit', nested('<blockquote>', '</blockquote>', 100)],
    ['tags inside a script are not elements', `<script>${'<div>'.repeat(500)}</script><p>text</p>`],
    ['tags inside a comment are not elements', `<!-- ${'<div>'.repeat(500)} --><p>text</p>`],
  ])('accepts %s', (_label, html) => {
    expect(refusal(() => checkHtmlStructure(html))).toBeNull();
  });

  it.each([
    ['101 levels of divs', nested('<div>', '</div>', 101), DEEP],
    ['20,000 levels of divs', nested('<div>', '</div>', 20_000), DEEP],
    ['unclosed spans', '<span>x'.repeat(200), DEEP],
    ['more than 100,000 elements', '<b>x</b>'.repeat(DOCUMENT_LIMITS.maxElements + 1), MANY],
  ])('refuses %s with a clear message', (_label, html, message) => {
    const error = refusal(() => checkHtmlStructure(html));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'invalid', object: 'document', field: 'content' });
    expect(error!.message).toMatch(message);
  });
});

describe('checkMarkdownStructure', () => {
  const list = (levels: number) =>
    Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- the claim at level ${i + 1}`).join('\n');

  it.each([
    [
      'a report with quotes and a nested list',
      '# Gao\n\n> The envoy said:\n> > "ten million"\n\n- one\n  - two\n    - three',
    ],
    ['code indented a little', 'Intro\n\n        const ransom = 10;\n'],
    ['100 quote markers', `${'>'.repeat(100)} the envoy`],
  ])('accepts %s', (_label, md) => {
    expect(refusal(() => checkMarkdownStructure(md))).toBeNull();
  });

  it.each([
    ['2,000 levels of quotes', `Intro\n\n${'>'.repeat(2_000)} deep`, /levels deep \(line 3\)/],
    ['quotes with spaces between', `${'> '.repeat(150)}deep`, /levels deep \(line 1\)/],
    ['a list 3,000 levels deep', list(3_000), /levels deep \(line 102\)/],
  ])('refuses %s, naming the line', (_label, md, message) => {
    const error = refusal(() => checkMarkdownStructure(md));
    expect(error).toBeInstanceOf(AppError);
    expect(error!.message).toMatch(message);
  });
});

describe('checkJsonStructure', () => {
  const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  const quotes = (depth: number) => {
    let node: object = paragraph('the envoy');
    for (let i = 0; i < depth; i++) node = { type: 'blockquote', content: [node] };
    return { type: 'doc', content: [node] };
  };

  it('accepts an ordinary document and quotes 99 deep', () => {
    const doc = {
      type: 'doc',
      content: [
        paragraph('Release in Gao.'),
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'a link',
              marks: [{ type: 'link', attrs: { href: 'https://example.org' } }],
            },
          ],
        },
      ],
    };
    expect(refusal(() => checkJsonStructure(doc))).toBeNull();
    expect(refusal(() => checkJsonStructure(quotes(99)))).toBeNull();
  });

  it('refuses quotes 5,000 deep and too many nodes', () => {
    expect(refusal(() => checkJsonStructure(quotes(5_000)))?.message).toMatch(DEEP);
    const wide = {
      type: 'doc',
      content: Array.from({ length: DOCUMENT_LIMITS.maxElements * 3 }, () => paragraph('x')),
    };
    expect(refusal(() => checkJsonStructure(wide))?.message).toMatch(MANY);
  });
});

describe('hostile imports answer within a second with a clear message', () => {
  it.each([
    ['html', nested('<div>', '</div>', 20_000)],
    ['markdown', `${'>'.repeat(2_000)} deep`],
    ['markdown', Array.from({ length: 3_000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')],
    ['html', '<i>x</i>'.repeat(150_000)],
  ] as const)('%s', async (format, input) => {
    const started = performance.now();
    const error = await convertToDocument(format, input).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('invalid');
  });
});
