import { describe, expect, it } from 'vitest';
import { collectText, fixtureExport } from './fixtures';
import { briefHtmlChunks, briefPieceHtml, sections } from './html';
import { serialize } from './index';

describe('the HTML brief', () => {
  it('is a whole page with a print stylesheet, in the order of the Markdown brief', async () => {
    const html = await collectText(briefHtmlChunks(fixtureExport()));
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<title>Sahel desk — brief</title>');
    expect(html).toContain('@media print');
    expect(html).toContain('<h1>Sahel desk — brief</h1>');
    const order = [
      '<h2>How many prisoners were released?</h2>',
      '<strong>Bottom line:</strong> Mali released 206 prisoners in the exchange',
      "<strong>The team's judgment:</strong> very likely (80–95%) · high confidence, recorded with the decision.",
      '<h3>Mali released 206 prisoners in the exchange</h3>',
      '<h2>How much ransom was paid?</h2>',
    ].map((s) => html.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html.trimEnd().endsWith('</main>\n</body>\n</html>')).toBe(true);
  });

  it('comes as the html export format, with its own file type', async () => {
    const bytes = serialize('html', fixtureExport());
    expect(await collectText(bytes)).toContain('<h2>How much ransom was paid?</h2>');
  });

  it.each([
    [
      'raw HTML reads as text',
      'A <b>bold</b> <script>alert(1)</script> claim',
      'A &lt;b&gt;bold&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt; claim',
    ],
    [
      'a web address stays a link',
      '[Sahel Wire](https://example.org/wire)',
      '<a href="https://example.org/wire" rel="noopener noreferrer">Sahel Wire</a>',
    ],
    ['another address is only its text', '[click](javascript:alert(1))', '<p>click</p>'],
    ['a picture is never loaded', '![a map](https://example.org/map.png)', '<p>a map</p>'],
  ])('%s', (_label, markdown, expected) => {
    expect(briefPieceHtml(markdown)).toContain(expected);
  });

  it.each([
    ['one section', '## Topic\n\nBottom line.\n', ['## Topic\n\nBottom line.\n']],
    [
      'cut before each claim heading',
      '## Topic\n\nBottom line.\n\n### First claim\n\nIts evidence.\n\n### Second claim\n\nMore.\n',
      ['## Topic\n\nBottom line.\n', '### First claim\n\nIts evidence.\n', '### Second claim\n\nMore.\n'],
    ],
    ['a heading inside a line is no cut', 'A note about ### marks\n', ['A note about ### marks\n']],
    ['nothing', '', []],
  ])('sections: %s', (_label, markdown, expected) => {
    expect(sections(markdown)).toEqual(expected);
  });
});
