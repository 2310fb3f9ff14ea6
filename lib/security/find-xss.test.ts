/** The corpus is what it claims to be, and the detector finds what it must (and only that). */
import { describe, expect, it } from 'vitest';
import { findXss, findXssEach } from './find-xss';
import { XSS_CORPUS, XSS_FAMILIES } from './xss-corpus';

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
