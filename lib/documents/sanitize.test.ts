import { describe, expect, it } from 'vitest';
import { convertToDocument } from './convert';
import { sanitizeHtml } from './sanitize';

/** At least 50 payloads from the usual families: script, handlers, URLs, svg, frames, style, base, forms, meta. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<script>window.__xss = 1</script><p>text</p>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<p>safe</p><script type="module">import("https://evil.example")</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="window.__xss=1">',
  '<body onload=alert(1)>',
  '<p onclick="alert(1)">click</p>',
  '<a href="https://example.org" onmouseover="alert(1)">hover</a>',
  '<div onfocus=alert(1) tabindex=0 autofocus>focus</div>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<a href="javascript:alert(1)">js link</a>',
  '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  '<a href="  javascript:alert(1)">leading spaces</a>',
  '<a href="java&#x09;script:alert(1)">entity tab</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">entities</a>',
  '<a href="vbscript:msgbox(1)">vbscript</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data html</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data inline</a>',
  '<img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+">',
  '<a href="file:///etc/passwd">file</a>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<frameset><frame src="javascript:alert(1)"></frameset>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<p style="background-image:url(javascript:alert(1))">styled</p>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<div style="width: expression(alert(1))">ie</div>',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example"><input name=q><button>go</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<template><script>alert(1)</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<table><tr><td background="javascript:alert(1)">cell</td></tr></table>',
  '<a href="https://example.org" target="_self" rel="opener">rel</a>',
  '<p data-x="1" aria-label="x" id="hijack" class="x">attrs</p>',
  '<isindex action=javascript:alert(1) type=image>',
  '<xss onafterscriptexecute=alert(1)><script>1</script>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<p>"><script>alert(document.cookie)</script></p>',
];

const FORBIDDEN = [
  /<script/i,
  /\son\w+\s*=/i,
  /javascript:/i,
  /vbscript:/i,
  /data:/i,
  /<svg/i,
  /<iframe/i,
  /<frame/i,
  /<object/i,
  /<embed/i,
  /<style/i,
  /\sstyle\s*=/i,
  /<link/i,
  /<base/i,
  /<form/i,
  /<input/i,
  /<button/i,
  /<meta/i,
  /<img/i,
  /<math/i,
  /<template/i,
  /\sid\s*=/i,
  /\sclass\s*=/i,
  /file:/i,
];

describe('sanitizeHtml', () => {
  it('has at least 50 payloads', () => expect(PAYLOADS.length).toBeGreaterThanOrEqual(50));

  it.each(PAYLOADS)('neutralises %s', (payload) => {
    const clean = sanitizeHtml(payload);
    for (const pattern of FORBIDDEN) expect(clean, `${pattern} in ${clean}`).not.toMatch(pattern);
  });

  it.each(PAYLOADS)('leaves nothing executable in the stored document: %s', async (payload) => {
    const json = await convertToDocument('html', `<p>Context paragraph.</p>${payload}`).then(
      (d) => JSON.stringify(d.content),
      () => '',
    );
    // Only schema nodes reach the stored JSON; the one attribute that could carry code is href.
    const hrefs = [...json.matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]);
    for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
    expect(json).not.toMatch(/<script|<svg|<iframe|"on\w+":/i);
  });

  it('keeps what a reader needs', () => {
    const html =
      '<h2>Heading</h2><p>A <strong>bold</strong> and <em>quiet</em> <a href="https://example.org/a?b=1">link</a>, ' +
      '<a href="mailto:desk@example.org">mail</a>.</p><ul><li>one</li></ul><blockquote><p>quoted</p></blockquote>' +
      '<table><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="2">c</td></tr></tbody></table>';
    const clean = sanitizeHtml(html);
    for (const kept of [
      '<h2>',
      '<strong>',
      '<em>',
      'href="https://example.org/a?b=1"',
      'href="mailto:desk@example.org"',
      '<ul>',
      '<blockquote>',
      '<th>',
      'colspan="2"',
    ])
      expect(clean).toContain(kept);
  });

  it('drops relative and protocol-less links but keeps their text', () => {
    expect(sanitizeHtml('<a href="/local">here</a> <a href="//evil.example">there</a>')).toBe(
      '<a>here</a> <a>there</a>',
    );
  });
});
