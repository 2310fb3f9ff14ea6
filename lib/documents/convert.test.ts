import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { PmJson } from './canonical-text';
import {
  convertToDocument,
  finishDocument,
  normaliseInput,
  plainTextToHtml,
  validateDocument,
} from './convert';
import { makeDocx } from './docx-fixture';
import { BRIEF_MARKDOWN, BRIEF_PLAIN_TEXT } from './fixtures';

const types = (doc: PmJson) => (doc.content ?? []).map((n) => n.type);
const marksOf = (doc: PmJson): string[] => {
  const out: string[] = [];
  const walk = (n: PmJson) => {
    n.marks?.forEach((m) => out.push(m.type));
    n.content?.forEach(walk);
  };
  walk(doc);
  return out;
};

describe('Markdown', () => {
  it('keeps headings, paragraphs, lists, quotes, emphasis, links and tables', async () => {
    const d = await convertToDocument('markdown', BRIEF_MARKDOWN);
    expect(types(d.content)).toEqual([
      'heading',
      'paragraph',
      'heading',
      'bulletList',
      'blockquote',
      'table',
      'paragraph',
    ]);
    expect(d.content.content![0]!.attrs?.level).toBe(1);
    expect(new Set(marksOf(d.content))).toEqual(new Set(['bold', 'italic', 'link']));
    expect(d.text).toContain('Claim\tReported by\tFigure\nPrisoners released\ttwo outlets\t206');
    expect(d.text.startsWith('The October exchange\n\nIn October 2020')).toBe(true);
    expect(d.words).toBeGreaterThan(80);
  });

  it('sends raw HTML inside Markdown through the same sanitizer', async () => {
    const d = await convertToDocument(
      'markdown',
      'Text <script>window.__x=1</script> and <a href="javascript:alert(1)">a link</a>.',
    );
    expect(JSON.stringify(d.content)).not.toMatch(/script>|javascript:/);
    expect(d.text).toBe('Text and a link.');
  });
});

describe('plain text', () => {
  it('turns blank lines into paragraphs and line breaks into hard breaks, CRLF included', async () => {
    const d = await convertToDocument('text', BRIEF_PLAIN_TEXT);
    expect(types(d.content)).toEqual(['paragraph', 'paragraph']);
    expect(d.text).toBe(
      'Ibrahim Boubacar Keïta had left office by then.\nThe transition authorities handled the talks.\n\nPétronin flew out of Bamako the next day.',
    );
  });

  it('escapes markup instead of interpreting it', async () => {
    const d = await convertToDocument('text', '<b>not bold</b> & <script>alert(1)</script>');
    expect(d.text).toBe('<b>not bold</b> & <script>alert(1)</script>');
    expect(marksOf(d.content)).toEqual([]);
  });

  it('normalises Unicode to NFC and drops NUL characters', () => {
    expect(normaliseInput('Pe\u0301tronin Kei\u0308ta\u0000')).toBe('Pétronin Keïta');
    expect(plainTextToHtml('a\r\n\r\n\r\nb')).toBe('<p>a</p>\n<p>b</p>');
  });
});

describe('HTML', () => {
  it('keeps structure and drops unknown wrappers', async () => {
    const d = await convertToDocument(
      'html',
      '<article><h2>Sources</h2><div><p>One <i>outlet</i> said <span>so</span>.</p></div><ol><li>first</li><li>second</li></ol></article>',
    );
    expect(types(d.content)).toEqual(['heading', 'paragraph', 'orderedList']);
    expect(d.text).toBe('Sources\n\nOne outlet said so.\n\nfirst\nsecond');
  });
});

describe('.docx', () => {
  it('converts headings, bold runs, lists and tables', async () => {
    const docx = makeDocx([
      { heading: 'Negotiation timeline' },
      { paragraph: ['Talks lasted ', { text: 'several weeks', bold: true }, ' in Bamako.'] },
      { bullet: 'Prisoners released: 206' },
      { bullet: 'Hostages freed: 4' },
      {
        table: [
          ['Outlet', 'Figure'],
          ['First outlet', '€2.5M'],
        ],
      },
    ]);
    const d = await convertToDocument('docx', docx);
    expect(types(d.content)).toEqual(['heading', 'paragraph', 'bulletList', 'table']);
    expect(marksOf(d.content)).toEqual(['bold']);
    expect(d.text).toBe(
      'Negotiation timeline\n\nTalks lasted several weeks in Bamako.\n\nPrisoners released: 206\nHostages freed: 4\n\nOutlet\tFigure\nFirst outlet\t€2.5M',
    );
  });

  it.each([
    ['not an archive', strToU8('plain words, not a zip'), /not a valid \.docx/],
    [
      'an archive without a Word document',
      zipSync({ 'readme.txt': strToU8('hello') }),
      /not a Word document/,
    ],
    [
      'an archive with too many entries',
      zipSync(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}`, strToU8('x')]))),
      /at most 1000/,
    ],
    [
      'an archive that expands too far',
      makeDocx([{ paragraph: ['x'] }], { 'word/media/huge.bin': new Uint8Array(51 * 1024 * 1024) }),
      /beyond 50 MB/,
    ],
  ])('refuses %s with a clear message', async (_name, data, message) => {
    await expect(convertToDocument('docx', data)).rejects.toMatchObject({
      code: 'invalid:document',
      message: expect.stringMatching(message),
    });
  });
});

describe('validation against the editor schema', () => {
  it.each([
    ['an empty document', { type: 'doc', content: [{ type: 'paragraph' }] }, /empty/],
    ['an unknown node', { type: 'doc', content: [{ type: 'iframe' }] }, /not valid/],
    ['a node in the wrong place', { type: 'doc', content: [{ type: 'text', text: 'loose' }] }, /not valid/],
    [
      'a javascript: link',
      {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
            ],
          },
        ],
      },
      /http, https or mailto/,
    ],
    ['not a document', { type: 'paragraph', content: [{ type: 'text', text: 'x' }] }, /whole document/],
  ])('refuses %s', (_name, json, message) => {
    expect(() => finishDocument(json)).toThrow(message);
  });

  it.each([
    ['a NUL character is dropped', 'Bamako\u0000 freed 206', 'Bamako freed 206'],
    ['decomposed accents are composed (NFC)', 'Tombouctou, pre\u0301fet', 'Tombouctou, préfet'],
    ['CRLF in a code block becomes LF', 'line one\r\nline two', 'line one\nline two'],
  ])('normalises editor JSON like imported text: %s', (_name, text, expected) => {
    const json = validateDocument({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    expect(json.content?.[0]?.content?.[0]?.text).toBe(expected);
  });

  it('drops a text node that normalisation empties', () => {
    const json = validateDocument({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'kept' },
            { type: 'text', text: '\u0000', marks: [{ type: 'bold' }] },
          ],
        },
      ],
    });
    expect(json.content?.[0]?.content).toEqual([{ type: 'text', text: 'kept' }]);
  });

  it('accepts a valid document and returns it in canonical JSON', () => {
    const json = validateDocument({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ok' }] }],
    });
    expect(json).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ok' }] }],
    });
  });
});
