import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createApiToken, createWorkspace, openDemoWorkspace, pasteDocument } from './pages';

/**
 * A long text in the reader: drawn in sections that the browser lays out only near the viewport,
 * with the passages near the viewport painted, and the rest painted as the reader scrolls to them.
 */

/** The texts painted as claims' passages (the type and hue highlights), sorted. */
async function paintedPassages(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    const out: string[] = [];
    registry.forEach((ranges, name) => {
      if (name.startsWith('warrant-type-') || name.startsWith('warrant-mark-'))
        out.push(...[...ranges].map((r) => r.toString()));
    });
    return out.sort();
  });
}

test('a long text opens in sections; passages are painted near the viewport and as the reader scrolls', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, `Convoy desk ${Date.now()}`);
  // Our own convoy log: 240 entries under 8 headings, long enough for many screens and sections.
  const entry = (n: number) =>
    `Entry ${n}: the convoy logged ${n + 4} trucks at the ferry crossing, and the escort reported no contact on the river road that morning.`;
  const text = Array.from({ length: 8 }, (_, part) =>
    [`## Week ${part + 1}`, ...Array.from({ length: 30 }, (__, i) => entry(part * 30 + i + 1))].join('\n\n'),
  ).join('\n\n');
  const documentId = await pasteDocument(page, ws, { title: 'Convoy log', format: 'Markdown', text });

  const headers = { authorization: `Bearer ${await createApiToken(page, 'Reader e2e')}` };
  const types = await request.get(`/api/v1/workspaces/${ws}/claim-types`, { headers });
  const typeId: string = (await types.json()).claimTypes[0].id;
  // Each quote once in the text ("logged 5 trucks" is not in "logged 15 trucks").
  const quotes = {
    top: 'convoy logged 5 trucks at the ferry crossing',
    bottom: 'convoy logged 215 trucks at the ferry crossing',
  };
  for (const [where, exact] of Object.entries(quotes)) {
    const made = await request.post(`/api/v1/documents/${documentId}/claims`, {
      headers,
      data: {
        statement: `Truck count, ${where} of the log`,
        typeId,
        kind: 'reported',
        target: { selector: [{ type: 'TextQuoteSelector', exact }] },
      },
    });
    expect(made.status(), await made.text()).toBe(201);
  }

  await page.goto(`/w/${ws}/documents/${documentId}`);
  const reader = page.getByRole('document', { name: 'Convoy log' });
  await expect(reader).toBeVisible();
  expect(await reader.locator(':scope > .reader-section').count()).toBeGreaterThan(4);
  // Both claims are listed; only the one near the top of the text is painted.
  await expect(page.getByRole('button', { name: /Truck count, top of the log/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Truck count, bottom of the log/ })).toBeVisible();
  await expect.poll(() => paintedPassages(page)).toEqual([quotes.top]);

  // The table of contents takes the reader to the last week, whose first entry holds the other
  // passage: it is painted there, and the one at the top, now far above, is not.
  await page
    .getByRole('navigation', { name: 'Table of contents' })
    .getByRole('button', { name: 'Week 8' })
    .click();
  await expect(page.getByText('Entry 211:', { exact: false })).toBeInViewport();
  await expect.poll(() => paintedPassages(page)).toEqual([quotes.bottom]);

  // Opening the claim at the top from the list scrolls back to its passage, painted again.
  await page.getByRole('button', { name: /Truck count, top of the log/ }).click();
  await page.getByRole('button', { name: 'Show in text' }).click();
  await expect.poll(() => paintedPassages(page)).toEqual([quotes.top]);

  // Find in the document reaches text in a section never shown yet.
  await page.getByRole('button', { name: 'Find in document' }).click();
  await page
    .getByRole('search', { name: 'Find in document' })
    .getByRole('searchbox', { name: 'Find in document' })
    .fill('Entry 150:');
  await expect(page.getByText('Entry 150:', { exact: false })).toBeInViewport();

  // The text's address, preloaded by the page: kept by the browser for good, since it names the
  // revision and the drawing; another drawing's digest is refused; without one, it is checked again.
  const href = await page.locator('link[rel="preload"][href*="/text?revision="]').getAttribute('href');
  expect(href).toContain(`/api/documents/${documentId}/text?revision=`);
  const kept = await page.request.get(href!);
  expect(kept.status()).toBe(200);
  expect(kept.headers()['cache-control']).toBe('private, max-age=31536000, immutable');
  expect(kept.headers()['content-type']).toBe('text/plain; charset=utf-8');
  expect(await kept.text()).toContain('Entry 240: the convoy logged 244 trucks');
  const stale = await page.request.get(href!.replace(/digest=[^&]+/, 'digest=an-older-drawing'));
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.message).toMatch(/Reload the page/);
  const bare = href!.replace(/&digest=[^&]+/, '');
  const checked = await page.request.get(bare);
  expect(checked.headers()['cache-control']).toBe('private, no-cache');
  const again = await page.request.get(bare, { headers: { 'If-None-Match': checked.headers()['etag']! } });
  expect(again.status()).toBe(304);
});
