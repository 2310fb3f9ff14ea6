import { describe, expect, it } from 'vitest';
import { detectPasteFormat, suggestTitle } from './paste-format';

/** Pastes of the kinds analysts make, written for these tests. */
const POINTS = [
  'Talks in Kidal: what the desk knows',
  '• Four envoys travelled from Gao on Monday',
  '• The convoy waited two days at the border',
  '• A payment was mentioned by one intermediary',
  '• No official has confirmed the figure',
].join('\n');
const MARKDOWN = [
  '# The October exchange',
  '',
  'Officials said **206 prisoners** were freed; see [the ministry list](https://example.org/list).',
  '',
  '- Bamako confirmed the release',
  '- Paris did not comment',
].join('\n');
const HTML =
  '<article><h1>Ransom &amp; release</h1><p>A weekly put the ransom at <em>€10M</em>.</p><p>Another outlet said €2.5M.</p></article>';

describe('detecting the format of a paste', () => {
  it.each([
    ['plain lines of points (bullets typed as •)', POINTS, 'text'],
    ['one paragraph of prose', 'The mediator travelled from Gao to Kidal with two envoys.', 'text'],
    [
      'an email-like paste with a date and a dash',
      'From: desk\n2020-10-08 - notes on the talks\nNothing new.',
      'text',
    ],
    ['a single asterisk in prose', 'The figure (5* or more) is disputed by 2 * 3 sources.', 'text'],
    ['Markdown with a heading, bold text, a link and a list', MARKDOWN, 'markdown'],
    ['a Markdown list alone', '- first point\n- second point\n- third point', 'markdown'],
    ['a numbered list', '1. Gao\n2. Kidal\n3. Bamako', 'markdown'],
    ['a quote block', '> The ransom was paid in cash, he said.\n\nNo one confirmed it.', 'markdown'],
    ['HTML markup', HTML, 'html'],
    ['a lone angle bracket in prose', 'Casualties were < 10 and > 3, officials said.', 'text'],
  ])('%s → %s', (_, text, format) => {
    expect(detectPasteFormat(text).format).toBe(format);
  });

  it('says why', () => {
    expect(detectPasteFormat(MARKDOWN).reason).toBe('Markdown: headings, links, bold text');
    expect(detectPasteFormat(POINTS).reason).toContain('every line is kept');
  });
});

describe('suggesting a title', () => {
  it.each([
    ['the first line of plain text', POINTS, 'text', 'Talks in Kidal: what the desk knows'],
    ['a Markdown heading, without its marks', MARKDOWN, 'markdown', 'The October exchange'],
    ['the first heading of HTML, entities decoded', HTML, 'html', 'Ransom & release'],
    [
      'blank and punctuation-only lines skipped',
      '\n\n---\n  Second thoughts on the count  \n',
      'text',
      'Second thoughts on the count',
    ],
    [
      'emphasis and links unwrapped',
      '**Breaking:** [Kidal](https://example.org) talks resume',
      'markdown',
      'Breaking: Kidal talks resume',
    ],
    ['nothing with words', '\n \n***\n', 'markdown', null],
  ])('%s', (_, text, format, title) => {
    expect(suggestTitle(text, format as 'text' | 'markdown' | 'html')).toBe(title);
  });

  it('cuts a long first line at a word, with an ellipsis', () => {
    const line =
      'Officials in Bamako said on Thursday that the prisoners released in the exchange numbered more than two hundred, although the ministry list was shorter';
    const title = suggestTitle(line, 'text')!;
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title.endsWith('…')).toBe(true);
    expect(line.startsWith(title.slice(0, -1))).toBe(true);
    expect(title.at(-2)).not.toBe(' ');
  });
});
