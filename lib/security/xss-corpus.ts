/**
 * The standing XSS corpus: payloads written for Warrant's own tests (no third-party list). Every
 * payload, if a browser ever ran it, calls the sink `__xss(n)` with its own number (or `alert(n)`,
 * `confirm`, `prompt`, which the browser tests also trap), so a test can see that none ran.
 *
 * Families: script elements, event handlers on many elements, dangerous URLs (javascript:, data:,
 * vbscript: with entity, whitespace, control-character and case tricks) in every URL-bearing
 * attribute, SVG and MathML, mutation XSS (noscript, style, template, namespace confusion, raw
 * text elements), frames and embedding (srcdoc, object, embed, base, meta refresh, form action),
 * CSS (expression, url(javascript:), bindings), Markdown links, images, autolinks and reference
 * links, attribute breakouts, template-language lookalikes and polyglots.
 *
 * Used by the unit tests of every server-side path text takes (xss-paths.test.ts) and by the
 * browser suite (e2e/xss.spec.ts), which enters a sample through every way text enters the app.
 */

export const XSS_FAMILIES = [
  'script',
  'handler',
  'url',
  'svg-math',
  'mutation',
  'embedding',
  'css',
  'markdown',
  'breakout',
  'polyglot',
] as const;
export type XssFamily = (typeof XSS_FAMILIES)[number];

export interface XssPayload {
  /** the number the payload passes to the sink; unique */
  id: number;
  family: XssFamily;
  text: string;
}

/** Builds the corpus: `$` in a template becomes the call of the sink with the payload's number. */
function build(): XssPayload[] {
  const out: XssPayload[] = [];
  const add = (family: XssFamily, template: string) => {
    const id = out.length + 1;
    out.push({ id, family, text: template.replaceAll('$', `__xss(${id})`) });
  };

  // ---- script elements ----
  for (const t of [
    '<script>$</script>',
    '<SCRIPT>$</SCRIPT>',
    '<ScRiPt>$</sCrIpT>',
    '<script type="text/javascript">$</script>',
    '<script type="module">$</script>',
    '<script/anything>$</script>',
    '<script\n>$</script\n>',
    '<scr<script>ipt>$</scr</script>ipt>',
    '<<script>$//<</script>',
    '<script src="data:text/javascript,$"></script>',
    '<script src=data:,$></script>',
    '<script>/*</script><script>*/$</script>',
    '<!--<script>--><script>$</script>',
    '<script><!--\n$\n--></script>',
    '<script\x0c>$</script>',
    '<div><script>$</script></div>',
    '<p>The ransom was <script>$</script> paid.</p>',
    '<script>window.__xss && $</script>',
    '<script async defer>$</script>',
    '<script nonce="x">$</script>',
  ])
    add('script', t);

  // ---- event handlers on many elements ----
  for (const t of [
    '<img src=x onerror=$>',
    '<img src="x" onerror="$">',
    '<IMG SRC=x OnErRoR=$>',
    '<img src=x onerror="javascript:$">',
    '<img/src=x/onerror=$>',
    '<img src=x onerror\n=\n$>',
    '<img src=x:alert(alt) onerror=eval(src) alt=0>',
    '<image src=x onerror=$>',
    '<body onload=$>',
    '<body onpageshow=$>',
    '<iframe onload=$></iframe>',
    '<video><source onerror=$></video>',
    '<video src=x onerror=$></video>',
    '<audio src=x onerror=$></audio>',
    '<input autofocus onfocus=$>',
    '<input type=image src=x onerror=$>',
    '<select autofocus onfocus=$></select>',
    '<textarea autofocus onfocus=$></textarea>',
    '<button autofocus onfocus=$>b</button>',
    '<details open ontoggle=$><summary>s</summary></details>',
    '<marquee onstart=$>m</marquee>',
    '<div onmouseover=$>hover the ransom</div>',
    '<span onclick=$>click</span>',
    '<a onmouseover=$ href="https://example.org">link</a>',
    '<p onpointerenter=$>pointer</p>',
    '<div tabindex=0 autofocus onfocusin=$>f</div>',
    '<form onsubmit=$><input type=submit></form>',
    '<object data=x onerror=$></object>',
    '<embed src=x onerror=$>',
    '<style onload=$></style>',
    '<link rel=stylesheet href=x onerror=$>',
    '<table background=x onerror=$><tr><td>t</td></tr></table>',
    '<td onmouseover=$>cell</td>',
    '<li onclick=$>item</li>',
    '<blockquote onanimationstart=$ style="animation-name:x">q</blockquote>',
    '<h1 onclick=$>heading</h1>',
    '<strong onmouseenter=$>bold</strong>',
    '<em onauxclick=$>em</em>',
    '<code oncopy=$>code</code>',
    '<pre onbeforecopy=$>pre</pre>',
    '<img src=x onerror=&#36;&#123;$&#125;>',
    '<img src=x onerror=&#x5f;&#x5f;xss(0)>',
    '<svg onload=$>',
    '<svg/onload=$>',
    '<keygen autofocus onfocus=$>',
    '<isindex type=image src=x onerror=$>',
    '<picture><source srcset=x><img src=x onerror=$></picture>',
    '<track src=x onerror=$>',
    '<frameset onload=$>',
    '<div contenteditable onbeforeinput=$>edit</div>',
  ])
    add('handler', t);

  // ---- dangerous URLs: scheme tricks × the attributes that take a URL ----
  const schemes = [
    'javascript:$',
    'JaVaScRiPt:$',
    ' javascript:$',
    'java\tscript:$',
    'java\nscript:$',
    '\x01javascript:$',
    'javascript&colon;$',
    '&#106;avascript:$',
    '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;$',
    '&#0000106&#0000097vascript:$',
    'jav&#x09;ascript:$',
    'javascript%3A$',
    'vbscript:$',
    'VBScript:msgbox($)',
    'data:text/html,<script>$</script>',
    'data:text/html;base64,PHNjcmlwdD5fX3hzcygwKTwvc2NyaXB0Pg==',
    'data:image/svg+xml,<svg onload=$>',
    'livescript:$',
  ];
  const sinks = [
    (u: string) => `<a href="${u}">read the source</a>`,
    (u: string) => `<iframe src="${u}"></iframe>`,
    (u: string) => `<form action="${u}"><button>send</button></form>`,
    (u: string) => `<svg><a xlink:href="${u}"><text x=10 y=20>svg link</text></a></svg>`,
  ];
  for (const scheme of schemes) {
    add('url', sinks[0]!(scheme));
    add('url', sinks[1]!(scheme));
  }
  for (const scheme of schemes.slice(0, 9)) {
    add('url', sinks[2]!(scheme));
    add('url', sinks[3]!(scheme));
  }
  for (const t of [
    '<a href=javascript:$>unquoted</a>',
    "<a href='javascript:$'>single quoted</a>",
    '<a href="  &#14;  javascript:$">leading controls</a>',
    '<area href="javascript:$">',
    '<button formaction="javascript:$">go</button>',
    '<input type=submit formaction=javascript:$>',
    '<img src="javascript:$">',
    '<img srcset="javascript:$ 1x">',
    '<video poster="javascript:$"></video>',
    '<object data="javascript:$"></object>',
    '<embed src="javascript:$">',
    '<math href="javascript:$"><mtext>math link</mtext></math>',
    '<a href="https://example.org" ping="javascript:$">ping</a>',
    '<a href="//evil.example/$">protocol relative</a>',
    '<a href="/relative/path?$">relative</a>',
  ])
    add('url', t);

  // ---- SVG and MathML ----
  for (const t of [
    '<svg><script>$</script></svg>',
    '<svg><script href="data:,$"/></svg>',
    '<svg><animate onbegin=$ attributeName=x dur=1s>',
    '<svg><set attributeName=onmouseover to=$ />',
    '<svg><animate attributeName=href values=javascript:$ /><a><text>x</text></a></svg>',
    '<svg><foreignObject><img src=x onerror=$></foreignObject></svg>',
    '<svg><use href="data:image/svg+xml,<svg id=x onload=$/>#x"/></svg>',
    '<svg><image href=x onerror=$ /></svg>',
    '<svg><style>@import "javascript:$"</style></svg>',
    '<svg><desc><img src=x onerror=$></desc></svg>',
    '<svg><title><img src=x onerror=$></title></svg>',
    '<math><maction actiontype=statusline xlink:href=javascript:$>m</maction></math>',
    '<math><mi xlink:href="javascript:$">x</mi></math>',
    '<math><annotation-xml encoding="text/html"><img src=x onerror=$></annotation-xml></math>',
    '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">$</handler></svg>',
  ])
    add('svg-math', t);

  // ---- mutation XSS ----
  for (const t of [
    '<noscript><p title="</noscript><img src=x onerror=$>"></noscript>',
    '<noscript><style></noscript><img src=x onerror=$>',
    '<style><img src=x onerror=$></style>',
    '<style></style><img src=x onerror=$>',
    '<template><img src=x onerror=$></template>',
    '<template><script>$</script></template>',
    '<svg></p><style><a id="</style><img src=1 onerror=$>">',
    '<math><mtext><table><mglyph><style><img src=x onerror=$>',
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=$>',
    '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=$>">',
    '<xmp><p title="</xmp><img src=x onerror=$>">',
    '<textarea><p title="</textarea><img src=x onerror=$>">',
    '<title><img src=x onerror=$></title>',
    '<iframe><img src=x onerror=$></iframe>',
    '<noembed><img title="</noembed><img src=x onerror=$>"></noembed>',
    '<noframes><img title="</noframes><img src=x onerror=$>"></noframes>',
    '<listing><img src=x onerror=$></listing>',
    '<plaintext><img src=x onerror=$>',
    '<!--><img src=x onerror=$>-->',
    '<!-- --!><img src=x onerror=$> -->',
    '<![CDATA[><img src=x onerror=$>]]>',
    '<?xml-stylesheet ?><img src=x onerror=$>',
    '<a title="a&quot;><img src=x onerror=$>">x</a>',
    '<div id="1"><svg><p><style><img src=x onerror=$></style></p></svg></div>',
    '<select><template><style><img src=x onerror=$></style></template></select>',
  ])
    add('mutation', t);

  // ---- frames and embedding ----
  for (const t of [
    '<iframe srcdoc="<script>parent.$</script>"></iframe>',
    '<iframe srcdoc="&lt;img src=x onerror=parent.$&gt;"></iframe>',
    '<object data="data:text/html,<script>parent.$</script>"></object>',
    '<embed src="data:text/html,<script>parent.$</script>">',
    '<base href="javascript:$//">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:$">',
    '<meta http-equiv="refresh" content="0;url=data:text/html,<script>$</script>">',
    '<meta http-equiv="Content-Security-Policy" content="script-src * \'unsafe-inline\'">',
    '<form action="javascript:$"><input type=submit value=send></form>',
    '<form id=f></form><button form=f formaction=javascript:$>x</button>',
    '<applet code="javascript:$"></applet>',
    '<frameset><frame src="javascript:$"></frameset>',
    '<portal src="javascript:$"></portal>',
    '<link rel=import href="data:text/html,<script>$</script>">',
  ])
    add('embedding', t);

  // ---- CSS ----
  for (const t of [
    '<div style="width: expression($)">css expression</div>',
    '<div style="background:url(javascript:$)">css url</div>',
    '<div style="behavior: url(data:,$)">behavior</div>',
    '<div style="-moz-binding:url(data:,$)">binding</div>',
    '<style>@import "javascript:$";</style>',
    '<style>body{background:url("javascript:$")}</style>',
    '<p style="x:\\65 xpression($)">escaped expression</p>',
    '<link rel=stylesheet href="data:text/css,body{background:url(javascript:$)}">',
  ])
    add('css', t);

  // ---- Markdown ----
  for (const t of [
    '[read more](javascript:$)',
    '[read more](JaVaScRiPt:$)',
    '[read more](javascript&#58;$)',
    '[read more](&#106;avascript:$)',
    '[read more]( javascript:$)',
    '[read more](<javascript:$>)',
    '[read more](javascript:$ "a title")',
    '[read more](vbscript:$)',
    '[read more](data:text/html;base64,PHNjcmlwdD5fX3hzcygwKTwvc2NyaXB0Pg==)',
    '[read more](https://example.org "title\\" onmouseover=\\"$")',
    '[read more](https://example.org" onmouseover="$)',
    '<javascript:$>',
    '<JAVASCRIPT:$>',
    '[ref link][r]\n\n[r]: javascript:$',
    '[ref link][r]\n\n[r]: <javascript:$> "t"',
    '[collapsed][]\n\n[collapsed]: javascript:$',
    '![chart](javascript:$)',
    '![chart](x" onerror="$)',
    '![chart](https://example.org/x.png "t\\" onerror=\\"$")',
    '![<img src=x onerror=$>](https://example.org/i.png)',
    '[<img src=x onerror=$>](https://example.org)',
    '[a](javascript:$)[b](https://example.org)',
    '[nested [inner](javascript:$)](https://example.org)',
    '*emphasis <img src=x onerror=$>*',
    '`code` <script>$</script>',
    '> quote <svg onload=$>',
    '- item <a href="javascript:$">x</a>',
    '| a | b |\n|---|---|\n| <img src=x onerror=$> | [x](javascript:$) |',
    '```html\n<script>$</script>\n```',
    '<div>\n\n[inside html](javascript:$)\n\n</div>',
    '[x](java\nscript:$)',
    '[x](%6Aavascript:$)',
    'www.example.org/<img src=x onerror=$>',
    'https://example.org/"onmouseover="$',
    '[x]: javascript:$\n\n[x]',
  ])
    add('markdown', t);

  // ---- attribute breakouts (for text that lands in titles, values, aria labels) ----
  for (const t of [
    '" onmouseover="$" x="',
    "' onmouseover='$' x='",
    '" autofocus onfocus="$" x="',
    '"><img src=x onerror=$>',
    "'><img src=x onerror=$>",
    '`><img src=x onerror=$>',
    '"/><svg onload=$>',
    '</title><script>$</script>',
    '</textarea><script>$</script>',
    '</style><script>$</script>',
    '</script><script>$</script>',
    '--><script>$</script>',
    ']]><script>$</script>',
    '\\"><img src=x onerror=$>',
    '&quot; onmouseover=&quot;$',
    '&#34;><img src=x onerror=$>',
    '\u2028<img src=x onerror=$>',
    '"\'><img src=x onerror=$>\'"',
  ])
    add('breakout', t);

  // ---- template lookalikes and polyglots ----
  for (const t of [
    '{{constructor.constructor("$")()}}',
    '${$}',
    '#{$}',
    '<%= $ %>',
    'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */$ )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=$//>\\x3e',
    '"><svg/onload=$>"@x.y',
    '\'"--></style></script><script>$</script>',
    '<img src=x onerror=alert(1)>',
    '<img src=x onerror=confirm(1)>',
    '<img src=x onerror=prompt(1)>',
    '<svg><script>alert&#40;1&#41;</script>',
    '<a href="javascript:alert(1)">alert link</a>',
  ])
    add('polyglot', t);

  return out;
}

export const XSS_CORPUS: readonly XssPayload[] = build();

/** A deterministic sample of the corpus: every family, then every `step`-th payload. */
export function sampleCorpus(step: number): XssPayload[] {
  const seen = new Set<XssFamily>();
  const picked = XSS_CORPUS.filter((p, i) => {
    if (!seen.has(p.family)) {
      seen.add(p.family);
      return true;
    }
    return i % step === 0;
  });
  return picked;
}
