import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { collectText, FIXTURE_CLAIMS, fixtureExport, fixtureWithClaims } from './fixtures';
import { escapeMarkdown, markdownChunks } from './markdown';

const brief = async (data = fixtureExport()) => collectText(markdownChunks(data));

const decode = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('Markdown brief', () => {
  it('starts with the workspace, the date and the scope', async () => {
    const md = await brief();
    expect(md.split('\n').slice(0, 3)).toEqual([
      '# Sahel desk — brief',
      '',
      'Exported 2026-03-10 08:00 UTC by Ana Duarte · Scope: all claims',
    ]);
  });

  it('groups the claims by topic, claims without a topic last', async () => {
    const md = await brief();
    expect(md.match(/^## .*$/gm)).toEqual([
      '## How many prisoners were released?',
      '## How much ransom was paid?',
      '## Claims without a topic',
    ]);
    const ransom = md.indexOf('## How much ransom was paid?');
    expect(md.indexOf('### A ransom of €2.5 million was paid')).toBeGreaterThan(ransom);
    expect(md.indexOf('### A ransom of €10 million was paid')).toBeGreaterThan(ransom);
  });

  it('writes each claim with its facts, passages, evidence and assessments', async () => {
    const md = await brief();
    for (const line of [
      '### Mali released 206 prisoners in the exchange',
      '- **Type:** Prisoner release · **Kind:** reported information · **Quantity:** 206 persons',
      '- **Tags:** prisoners · Bamako, Mali',
      '- **Status:** accepted',
      '- **Decision:** accepted by Chloé Martin on 2026-03-08 — Two independent outlets give 206; the government list matches.',
      '- “206” — *Briefing: the October exchange*',
      '- “some 200 detainees” — *Dispatch, Bamako — « libération » day* (fuzzy match, score 0.93)',
      '- [RFI](https://www.rfi.fr) (B2, supports): “Plus de 200 prisonniers, 206 selon une source sécuritaire” — para. 3',
      '- Ana Duarte: very likely (80–95%) · moderate confidence — Consistent counts across outlets.',
      '- Ben Okafor: likely (55–80%) · high confidence — The list was published; some names repeat.',
      '- **Quantity:** 2,500,000 EUR',
      '- **Contested:** competing values; mixed evidence',
      '- “dix millions” — *Dispatch, Bamako — « libération » day* (orphaned: no longer found in the text)',
      '- Official, "speaking anonymously", Bamako (F5, mentions) — interview notes, 3 March',
    ])
      expect(
        md.split('\n').some((l) => l === line || l.endsWith(line.replace(/^- /, ''))),
        line,
      ).toBe(true);
    expect(md).toContain('**Evidence**\n\nNo evidence recorded.');
    expect(md).toContain(
      '  *Note:* Counts only those flown to the north,\\\n  not the ones released in Bamako.',
    );
  });

  it('reads as a brief: per topic the bottom line first, then the competing claims, each claim, dissent and open questions', async () => {
    const md = await brief();
    const section = (title: string) => {
      const start = md.indexOf(`## ${title}`);
      const next = md.indexOf('\n## ', start + 1);
      return md.slice(start, next < 0 ? undefined : next);
    };
    const prisoners = section('How many prisoners were released?');
    const order = [
      '**Bottom line:** Mali released 206 prisoners in the exchange (206 persons) — accepted by Chloé Martin on 2026-03-08',
      "**The team's judgment:** very likely (80–95%) · high confidence, recorded with the decision. The analysts' assessments: likely (55–80%) · moderate confidence (median of 2 assessments).",
      '### Mali released 206 prisoners in the exchange',
    ].map((line) => prisoners.indexOf(line));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // A question nobody has settled says so first, and lists what stays open.
    const ransom = section('How much ransom was paid?');
    expect(ransom.split('\n')[2]).toMatch(
      /^\*\*Bottom line:\*\* open — no claim is accepted yet; \d+ claims, \d+ contested\.$/,
    );
    expect(ransom.indexOf('**Claims**')).toBeLessThan(ransom.indexOf('### '));
    expect(ransom).toContain('**Open questions**');
    expect(ransom).toMatch(
      /- A ransom of €2\.5 million was paid: contested \(competing values; mixed evidence\)/,
    );
    // The evidence for and against, apart.
    expect(prisoners).toContain('*For*');
  });

  it('puts the matrix of competing hypotheses after the competing claims, before the claims in full', async () => {
    const md = await brief();
    const start = md.indexOf('## How much ransom was paid?');
    const ransom = md.slice(start, md.indexOf('\n## ', start + 1));
    const at = ransom.indexOf('**Competing hypotheses**');
    expect(ransom.indexOf('**Bottom line:**')).toBeLessThan(ransom.indexOf('**Claims**'));
    expect(ransom.indexOf('**Claims**')).toBeLessThan(at);
    expect(at).toBeLessThan(ransom.indexOf('### '));
    const lines = ransom.split('\n');
    // Ranked by the evidence against: €10M has none, €2.5M is contradicted (F4 = 0.5 × 0.4).
    expect(lines).toContain('- H1: A ransom of €10 million was paid — inconsistency 0, support 0.24');
    expect(lines).toContain('- H2: A ransom of €2.5 million was paid — inconsistency 0.2, support 0.48');
    // Rows by diagnosticity; a cell is a symbol and a word; a line break in a quote stays in its cell.
    const rows = lines.filter(
      (l) => l.startsWith('| ') && !l.startsWith('| Source') && !l.startsWith('| ---'),
    );
    expect(rows).toEqual([
      '| RFI | B3 | “deux millions et demi d’euros” | 0.48 | – no link | ✔ supports (0.48) |',
      '| Le Point | C4 | “Bamako — « libération » 🎉, « dix millions d’euros »” | 0.24 | ✔ supports (0.24) | – no link |',
      '| Official, "speaking anonymously", Bamako | F4 | “No ransom, "none at all", was paid. We paid nothing.” | 0.2 | – no link | ✘ contradicts (0.2) |',
    ]);
    // GFM reads it as one table of three rows.
    const html = marked.parse(ransom, { async: false });
    expect(html.match(/<tr>/g)).toHaveLength(4);
    // A topic of one claim has no matrix.
    expect(md.slice(md.indexOf('## How many prisoners'), start)).not.toContain('**Competing hypotheses**');
  });

  it('falls back on the analysts’ assessments when the decision recorded no judgment', async () => {
    const claims = FIXTURE_CLAIMS.map((c) =>
      c.decision ? { ...c, decision: { ...c.decision, likelihood: null, confidence: null } } : c,
    );
    const md = await brief(await fixtureWithClaims(claims));
    expect(md).toContain("**The team's judgment:** likely (55–80%) · moderate confidence (2 assessments).");
    expect(md).not.toContain('recorded with the decision');
  });

  it('says the scope in words, not ids', async () => {
    const data = fixtureExport();
    data.context = {
      ...data.context,
      scope: {
        filters: { topic: 'topic-ransom', contested: 'yes', reviewer: 'none', stance: 'contradicts' },
        names: { topic: 'How much ransom was paid?' },
      },
    };
    expect((await brief(data)).split('\n')[2]).toBe(
      'Exported 2026-03-10 08:00 UTC by Ana Duarte · Scope: topic “How much ransom was paid?” · contested · no reviewer yet · evidence that contradicts',
    );
  });

  it('renders the formula claim as plain text', async () => {
    const html = marked.parse(await brief()) as string;
    expect(html).toContain('<h3>=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)</h3>');
  });

  it.each([
    '[click](javascript:alert(1))',
    '![pixel](http://evil.example/p.png)',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<https://evil.example>',
    'see https://evil.example/x, www.evil.example or ana@evil.example',
    '*bold* __strong__ `code` ~~gone~~',
    '# heading\n- item\n1. item\n> quote\n===\n| a | b |\n|---|---|',
    '&lt;b&gt; &amp; \\[escaped\\]',
    '[ref]: http://evil.example',
  ])('a statement cannot inject markup: %j', async (statement) => {
    const render = async (text: string) => {
      const data = await fixtureWithClaims([
        {
          ...FIXTURE_CLAIMS[0]!,
          statement: text,
          evidence: [{ ...FIXTURE_CLAIMS[0]!.evidence[0]!, note: text }],
        },
      ]);
      return marked.parse(await brief(data)) as string;
    };
    const tags = (html: string) =>
      (html.match(/<\/?[a-z][a-z0-9]*/g) ?? []).filter((t) => t !== '<br').sort();
    const html = await render(statement);
    // The same elements as the brief of a harmless statement: nothing was added.
    expect(tags(html)).toEqual(tags(await render('harmless')));
    expect(html).not.toMatch(/<(img|script)[\s>]/);
    // The one link is the source's own address.
    expect(html.match(/<a [^>]*>/g)).toEqual(['<a href="https://www.rfi.fr">']);
    // The text reads as typed: on one line in the heading, line by line in the note.
    const heading = /<h3>(.*)<\/h3>/.exec(html)![1]!;
    const lines = statement.split('\n').map((l) => l.trim());
    expect(decode(heading)).toBe(lines.join(' '));
    const note = /<em>Note:<\/em> (.*?)<\/li>/s.exec(html)![1]!;
    expect(decode(note.replace(/<br>/g, '\n'))).toBe(lines.filter(Boolean).join('\n'));
  });

  it.each([
    ['a & b', 'a \\& b'],
    ['2.5 million', '2.5 million'],
    ['1. first', '1\\. first'],
    ['- dash', '\\- dash'],
    ['+ plus', '\\+ plus'],
    ['-1+1', '-1+1'],
    ['===', '\\==='],
    ['line\nbreak', 'line break'],
    ['https://x.example', 'https\\://x.example'],
  ])('escapeMarkdown(%j) = %j', (text, escaped) => expect(escapeMarkdown(text)).toBe(escaped));

  it('says when there are no claims', async () => {
    expect(await brief(await fixtureWithClaims([]))).toContain('*No claims in this export.*');
  });
});
