import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { sampleCorpus, XSS_CORPUS, type XssPayload } from '../lib/security/xss-corpus';
import { makeHostileDocx } from '../lib/security/xss-docx';
import { findXss } from '../lib/security/find-xss';
import { expect, test } from './fixtures';
import { createApiToken, createInviteLink, joinWithInvite, openDemoWorkspace } from './pages';

/**
 * The browser half of the standing XSS suite (the unit half, lib/security/xss-paths.test.ts,
 * sends all payloads through every server-side path). Here a sample of the corpus (every family,
 * then every 6th payload: about 55) goes in through every way text enters — the REST API
 * (document text and metadata, new revision, claim statement/tags/topic/type, evidence quote and
 * note and locator, source name/description/URL, assessment rationale), pasted HTML, a .docx
 * upload, a claim type name, the workspace name, a member's display name and comments with
 * mentions — and every page that shows them is opened. An init script installs the sink the
 * payloads call (`__xss`, alert, confirm, prompt) and a `securitypolicyviolation` listener; on
 * every page the test also fires the events inline handlers listen to and scans the DOM for
 * handler attributes and script URLs. Nothing may run, nothing may be refused by the CSP.
 */

const SAMPLE = sampleCorpus(6);
const short = (max: number) => SAMPLE.filter((p) => p.text.length <= max);
const pick = (max: number, n: number) => short(max).slice(0, n);
const joined = (ps: XssPayload[], max: number) =>
  ps
    .map((p) => p.text)
    .join(' ¶ ')
    .slice(0, max);

declare global {
  interface Window {
    __xssHits: string[];
  }
}

async function installSink(context: BrowserContext) {
  await context.addInitScript(() => {
    window.__xssHits = [];
    const hit = (what: string) => window.__xssHits.push(what);
    Object.defineProperty(window, '__xss', { value: (n: unknown) => hit(`__xss(${String(n)}) ran`) });
    window.alert = (m?: unknown) => hit(`alert(${String(m)})`);
    window.confirm = (m?: unknown) => (hit(`confirm(${String(m)})`), false);
    window.prompt = (m?: unknown) => (hit(`prompt(${String(m)})`), null);
    document.addEventListener(
      'securitypolicyviolation',
      (e) => hit(`CSP refused ${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
      true,
    );
  });
  context.on('dialog', (dialog) => void dialog.dismiss());
}

/**
 * Fires the events inline handlers wait for on every element, then lists what ran and any
 * markup that could run script: on* attributes, script-bearing URLs, script elements or frames
 * carrying a payload.
 */
async function auditPage(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const problems: string[] = [];
    const events = ['mouseover', 'mouseenter', 'pointerenter', 'focus', 'focusin', 'animationstart'];
    for (const el of Array.from(document.querySelectorAll('main *'))) {
      for (const type of events) el.dispatchEvent(new Event(type, { bubbles: false }));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`handler attribute ${name} on <${el.localName}>`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name)) {
          const value = attr.value.replace(/[\u0000-\u0020]+/g, '').toLowerCase();
          // React's own guard on a form bound to a server action (never a payload's).
          const reactGuard = value.startsWith("javascript:thrownewerror('areactformwasunexpectedlysubmitted");
          if ((/^(javascript|vbscript|data):/.test(value) && !reactGuard) || name === 'srcdoc')
            problems.push(`${name}="${attr.value}" on <${el.localName}>`);
        }
      }
      // Next's own inline scripts carry the nonce (their flight data holds the payloads as
      // escaped JSON strings); a script without one that holds a payload came from the content.
      const foreignScript = el instanceof HTMLScriptElement && !el.nonce && !el.src;
      if (
        (foreignScript || ['iframe', 'object', 'embed', 'frame'].includes(el.localName)) &&
        /xss|alert/.test(el.outerHTML)
      )
        problems.push(`payload element <${el.localName}>`);
    }
    return [...window.__xssHits, ...problems];
  });
}

async function visit(page: Page, url: string, mustShow?: string) {
  await page.goto(url);
  await expect(page.getByRole('main')).toBeVisible();
  if (mustShow) await expect(page.getByRole('main')).toContainText(mustShow);
  expect(await auditPage(page), `payload ran or CSP fired on ${url}`).toEqual([]);
}

const api = (request: APIRequestContext, token: string) => {
  const call = async (method: 'POST' | 'PUT' | 'DELETE', url: string, data?: unknown) => {
    const res = await request.fetch(`/api/v1${url}`, {
      method,
      data,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
    return res.status() === 204 ? { id: '' } : ((await res.json()) as { id: string });
  };
  return call;
};

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test('no payload runs, and the CSP refuses nothing, wherever text enters and is shown', async ({
  page,
  context,
  browser,
  request,
}) => {
  await installSink(context);
  const workspaceId = await openDemoWorkspace(page);
  const w = `/w/${workspaceId}`;

  // ---- entered through the interface ----
  // Workspace name (shown in every page's header); keeps the demo name so other specs find it.
  await page.goto(`${w}/settings`);
  const wsName = `Demo: Sahel hostage briefing ${pick(40, 1)[0]!.text}`.slice(0, 80);
  const rename = page.getByRole('form', { name: 'Rename workspace' });
  await rename.getByLabel('Workspace name').fill(wsName);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByRole('status')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: wsName })).toBeVisible();

  // A claim type named with a payload.
  const typeName = pick(60, 3)[2]!.text;
  const newType = page.getByRole('form', { name: 'New claim type' });
  await newType.getByLabel('Name').fill(typeName);
  await newType.getByRole('button', { name: 'Add claim type' }).click();
  await expect(page.getByRole('form', { name: `Claim type ${typeName}` })).toBeVisible();

  // Pasted HTML, every sampled payload as a paragraph.
  await page.goto(`${w}/documents/new`);
  await page.getByLabel('Format').selectOption({ label: 'HTML' });
  await page
    .getByLabel('Text', { exact: true })
    .fill(SAMPLE.map((p) => `<p>Pasted ${p.id}: ${p.text}</p>`).join('\n'));
  await page.getByLabel('Title').fill('Pasted hostile HTML');
  await page.getByRole('button', { name: 'Import document' }).click();
  await expect(page.getByRole('document', { name: 'Pasted hostile HTML' })).toBeVisible();
  expect(await auditPage(page)).toEqual([]);

  // A .docx upload holding the sample in text, hyperlinks, anchors and fields.
  await page.goto(`${w}/documents/new`);
  await page.getByLabel('Upload a file').check();
  await page.getByLabel('File to import').setInputFiles({
    name: 'hostile.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from(
      makeHostileDocx(
        SAMPLE.map((p) => p.text),
        'Uploaded hostile docx',
      ),
    ),
  });
  await page.getByLabel('Title').fill('Uploaded hostile docx');
  await page.getByRole('button', { name: 'Import document' }).click();
  await expect(page.getByRole('document', { name: 'Uploaded hostile docx' })).toBeVisible();
  expect(await auditPage(page)).toEqual([]);

  // ---- entered through the REST API, with a token made on the account page ----
  const token = await createApiToken(page, 'xss corpus');
  const call = api(request, token);
  const payloadUrl = 'https://example.org/"><script>__xss(9001)</script>?q=\'onmouseover=__xss(9002)';
  const lines = SAMPLE.map((p) => `Anchor ${p.id}. ${p.text}`);
  const textDoc = await call('POST', `/workspaces/${workspaceId}/documents`, {
    title: pick(300, 1)[0]!.text,
    author: pick(200, 2)[1]!.text,
    outlet: pick(200, 3)[2]!.text,
    sourceUrl: payloadUrl,
    notes: joined(SAMPLE, 5000),
    format: 'text',
    content: lines.join('\n\n'),
  });
  await call('POST', `/documents/${textDoc.id}/revisions`, {
    format: 'text',
    content: [...lines.slice(0, -3), 'A changed line <img src=x onerror=__xss(9003)>'].join('\n\n'),
    note: pick(500, 4)[3]!.text,
  });
  const mdDoc = await call('POST', `/workspaces/${workspaceId}/documents`, {
    title: 'Markdown payloads',
    format: 'markdown',
    content: XSS_CORPUS.filter((p) => p.family === 'markdown')
      .map((p) => p.text)
      .join('\n\n'),
  });
  const claims: { id: string }[] = [];
  const claimPayloads = SAMPLE.slice(0, 8);
  for (const [i, p] of claimPayloads.entries()) {
    const claim = await call('POST', `/documents/${textDoc.id}/claims`, {
      target: { selector: { exact: `Anchor ${p.id}.` } },
      statement: p.text.slice(0, 2000),
      type: i % 2 ? typeName : 'Ransom',
      kind: 'reported',
      tags: pick(40, 20)
        .slice(i, i + 3)
        .map((t) => t.text),
      topic: pick(300, 20)[i]!.text,
    });
    claims.push(claim);
    const q = SAMPLE[(i + 8) % SAMPLE.length]!.text;
    await call('POST', `/claims/${claim.id}/evidence`, {
      stance: i % 2 ? 'contradicts' : 'supports',
      credibility: 2,
      quote: q.slice(0, 4000),
      locator: q.slice(0, 300),
      note: q.slice(0, 4000),
      source: {
        create: {
          name: pick(200, 20)[i]!.text,
          kind: 'outlet',
          reliability: 'B',
          url: payloadUrl,
          description: q.slice(0, 2000),
        },
      },
    });
    await call('PUT', `/claims/${claim.id}/assessment`, {
      likelihood: i % 2 ? 'unlikely' : 'likely',
      confidence: 'low',
      rationale: `Because ${q}`.slice(0, 4000),
    });
  }
  // Trash: a claim and a source named with payloads.
  await call('DELETE', `/claims/${claims[7]!.id}`);
  const trashedSource = await call('POST', `/workspaces/${workspaceId}/sources`, {
    name: pick(200, 21)[20]?.text ?? 'trashed <img src=x onerror=__xss(9004)>',
    kind: 'person',
    reliability: 'F',
  });
  await call('DELETE', `/sources/${trashedSource.id}`);

  // ---- a member whose display name is a payload, and comments with mentions ----
  const memberName = pick(100, 5)[4]!.text;
  const link = await createInviteLink(page, workspaceId, 'Editor');
  const other = await browser.newContext();
  await installSink(other);
  const guest = await other.newPage();
  await joinWithInvite(guest, link, memberName, 'xss-member@example.org');
  expect(await auditPage(guest)).toEqual([]);
  await guest.goto(`${w}/claims/${claims[0]!.id}`);
  await guest.getByLabel('New comment').fill(
    SAMPLE.slice(0, 12)
      .map((p) => p.text)
      .join('\n\n'),
  );
  await guest.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(guest.getByRole('region', { name: 'Discussion' })).toContainText('Comment');
  expect(await auditPage(guest)).toEqual([]);

  await page.goto(`${w}/claims/${claims[0]!.id}`);
  await page.getByLabel('New comment').fill(`@${memberName} please look ${SAMPLE[12]!.text}`);
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(page.locator('.mention')).toHaveCount(1);
  expect(await auditPage(page)).toEqual([]);

  // ---- every page that shows them ----
  for (const url of [
    '/workspaces',
    w,
    `${w}/documents`,
    `${w}/documents/${textDoc.id}`,
    `${w}/documents/${textDoc.id}/details`,
    `${w}/documents/${textDoc.id}/revisions`,
    `${w}/documents/${textDoc.id}/revisions/1`,
    `${w}/documents/${textDoc.id}/revisions/2`,
    `${w}/documents/${mdDoc.id}`,
    ...claims.slice(0, 7).map((c) => `${w}/claims/${c.id}`),
    `${w}/sources`,
    `${w}/evidence`,
    `${w}/evidence?view=sources`,
    `${w}/review`,
    `${w}/activity`,
    `${w}/agreement`,
    `${w}/notifications`,
    `${w}/members`,
    `${w}/trash`,
    `${w}/settings`,
    '/account',
  ]) {
    await visit(page, url);
  }
  await page.goto(`${w}/sources`);
  await page
    .getByRole('main')
    .getByRole('link')
    .filter({ hasText: /xss|alert|img|svg|script/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/sources\/[^/]+$/);
  expect(await auditPage(page)).toEqual([]);

  // The member's own notification of the mention.
  await visit(guest, `${w}/notifications`);
  await visit(guest, `${w}/members`);
  await other.close();

  // Exports are downloads, never pages: not HTML, not sniffed, an attachment.
  for (const format of ['csv', 'json', 'w3c', 'claimreview', 'markdown']) {
    const res = await request.get(`/api/v1/workspaces/${workspaceId}/export?format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).not.toMatch(/html/);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['content-disposition']).toMatch(/^attachment/);
  }
  // The HTML brief is a page, but only ever a download: an attachment, not sniffed, and what the
  // payloads put in it is text.
  const html = await request.get(`/api/v1/workspaces/${workspaceId}/export?format=html`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(html.status()).toBe(200);
  expect(html.headers()['content-disposition']).toMatch(/^attachment/);
  expect(html.headers()['x-content-type-options']).toBe('nosniff');
  const brief = await html.text();
  // The page's own head (title, style) is ours; what the payloads reach is the body, checked as a
  // browser would parse it (lib/security/find-xss.ts: no element, attribute or address that runs).
  const body = /<main>([\s\S]*)<\/main>/.exec(brief)?.[1];
  expect(body).toBeDefined();
  expect(findXss(body!)).toEqual([]);
  const head = brief.slice(0, brief.indexOf('<main>'));
  expect(head).not.toMatch(/<script/i);
  // The workspace's name (a payload) is the title's text: escaped, no tag in it.
  expect(head).toMatch(/<title>[^<]*<\/title>/);
});
