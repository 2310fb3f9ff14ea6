import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createApiToken, createWorkspace, makeClaim, openDemoWorkspace, pasteDocument } from './pages';

/** The evidence table: filter it, and hand the view to a colleague as CSV and XLSX. */
async function download(page: Page, name: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'Export' }).getByRole('link', { name, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), body: await readFile((await file.path())!) };
}

test('filter the evidence table, then export the view as CSV and XLSX and read the files', async ({
  page,
}) => {
  const workspaceId = await openDemoWorkspace(page);
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Evidence' }).click();
  const table = page.getByRole('table', { name: 'Evidence table' });
  await expect(table).toContainText('The ransom was 10 million euros');

  // Filter: ransom claims with contradicting evidence. The filters go into the URL. The common
  // filters show first; stance is among the others, behind "More filters".
  const filters = page.getByRole('search', { name: 'Filter the table' });
  await filters.getByLabel('Type').selectOption({ label: 'Ransom' });
  await expect(filters.getByLabel('Stance')).toBeHidden();
  await filters.getByText('More filters').click();
  await filters.getByLabel('Stance').selectOption('contradicts');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/stance=contradicts/);
  // An active filter is never hidden: the disclosure opens by itself and counts it.
  await expect(filters.getByText('More filters (1 active)')).toBeVisible();
  await expect(filters.getByLabel('Stance')).toHaveValue('contradicts');
  const rows = table.locator('tbody tr');
  await expect(rows).not.toHaveCount(0);
  const stanceColumn = await table.locator('thead th').allTextContents();
  const stanceIndex = stanceColumn.findIndex((h) => h.startsWith('Stance'));
  for (const stance of await rows.locator(`td:nth-child(${stanceIndex + 1})`).allTextContents()) {
    expect(stance).toBe('contradicts');
  }
  const statements = await rows.locator('td:first-child').allTextContents();

  // Sorting and grouping are in the URL too, so the view can be shared as a link.
  await table.getByRole('link', { name: 'Claim', exact: true }).click();
  await expect(page).toHaveURL(/sort=statement/);
  await expect(table.getByRole('columnheader', { name: /Claim/ })).toHaveAttribute('aria-sort', 'ascending');

  const sorted = await rows.locator('td:first-child').allTextContents();
  expect([...sorted].sort((x, y) => x.localeCompare(y))).toEqual(
    [...statements].sort((x, y) => x.localeCompare(y)),
  );

  // CSV of this view: the table as shown — its columns, its order — RFC 4180, read back with a parser.
  const csv = await download(page, 'CSV of this view');
  expect(csv.name).toMatch(/^warrant-demo-sahel-hostage-briefing-\d{4}-\d{2}-\d{2}-view\.csv$/);
  const [headers, ...records] = parse(csv.body) as string[][];
  expect(headers).toEqual(
    (await table.locator('thead th').allTextContents()).map((h) => h.replace(/[▲▼↑↓\s]+$/u, '')),
  );
  const at = (name: string) => headers!.indexOf(name);
  expect(records.map((r) => r[at('Claim')])).toEqual(sorted);
  expect(records.every((r) => r[at('Stance')] === 'contradicts' && r[at('Type')] === 'Ransom')).toBe(true);
  expect(records[0]![at('Credibility')]).toMatch(/^[A-F][1-6]$/);
  // CSV for Excel: the same view with a byte-order mark, under a name of its own.
  const forExcel = await download(page, 'CSV for Excel of this view');
  expect(forExcel.name).toMatch(/-view-excel\.csv$/);
  expect(forExcel.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  // The view as a one-sheet workbook.
  const viewBook = new ExcelJS.Workbook();
  await viewBook.xlsx.load(
    (await download(page, 'Excel workbook of this view')).body as unknown as ArrayBuffer,
  );
  expect(viewBook.worksheets.map((w) => w.name)).toEqual(['Evidence table']);
  expect(viewBook.getWorksheet('Evidence table')!.rowCount - 1).toBe(records.length);

  // Every column of these claims: the full workbook, no formula anywhere, evidence with its source's URL.
  const xlsx = await download(page, 'Excel workbook of these claims');
  expect(xlsx.name).toMatch(/\d\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  for (const sheet of ['Claims', 'Evidence', 'Sources', 'Assessments']) {
    expect(book.getWorksheet(sheet), sheet).toBeDefined();
  }
  const evidence = book.getWorksheet('Evidence')!;
  expect(evidence.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(evidence.rowCount - 1).toBe(records.length);
  expect((evidence.getRow(1).values as unknown[]).includes('source url')).toBe(true);
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))),
  );
  // A filtered workbook lists only the sources its claims cite.
  const cited = new Set(records.map((r) => r[at('Source')]).filter(Boolean));
  const sourceNames = (book.getWorksheet('Sources')!.getColumn(2).values as unknown[]).slice(2);
  expect(new Set(sourceNames)).toEqual(cited);

  // Fewer columns, grouped by type: the export follows.
  await page.getByText('Columns and grouping').click();
  const chooser = page.getByRole('form', { name: 'Columns and grouping' });
  for (const box of await chooser.getByRole('checkbox').all()) await box.uncheck();
  for (const name of ['Claim', 'Source', 'Stance']) await chooser.getByRole('checkbox', { name }).check();
  await chooser.getByLabel('Group by').selectOption({ label: 'Type' });
  await chooser.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/group=type/);
  const [grouped, ...groupedRows] = parse((await download(page, 'CSV of this view')).body) as string[][];
  expect(grouped).toEqual(['Type', 'Claim', 'Source', 'Stance']);
  expect(groupedRows).toHaveLength(records.length);
  expect(groupedRows.every((r) => r[0] === 'Ransom')).toBe(true);

  // The claim-centred and source-centred views.
  await page
    .getByRole('navigation', { name: 'Table views' })
    .getByRole('link', { name: 'By source' })
    .click();
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('article').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Table views' }).getByRole('link', { name: 'By claim' }).click();
  await expect(page.getByRole('table', { name: 'Claims' })).toContainText('Ransom');
  expect(page.url()).toContain(`/w/${workspaceId}/evidence`);
});

test('filter the evidence table by an analyst’s likelihood and confidence', async ({ page }) => {
  await openDemoWorkspace(page);
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Evidence' }).click();
  const table = page.getByRole('table', { name: 'Evidence table' });
  await expect(table).toContainText('A ransom was paid for the hostages');

  const filters = page.getByRole('search', { name: 'Filter the table' });
  await filters.getByText('More filters').click();
  await filters.getByLabel('Likelihood').selectOption({ label: 'unlikely (20–45%)' });
  await filters.getByLabel('Confidence').selectOption({ label: 'low confidence' });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/likelihood=unlikely/);
  await expect(page).toHaveURL(/confidence=low/);
  await expect(table).toContainText('The ransom was 10 million euros');
  // "likely · low confidence": the same confidence, another likelihood.
  await expect(table).not.toContainText('A ransom was paid for the hostages');
  const headers = await table.locator('thead th').allTextContents();
  const column = headers.findIndex((h) => h.startsWith('Likelihood'));
  for (const cell of await table.locator(`tbody tr td:nth-child(${column + 1})`).allTextContents()) {
    expect(cell).toContain('unlikely (20–45%) · low confidence');
  }
});

test('each export says what it is for, beside a short link name; an empty filter result offers to clear', async ({
  page,
}) => {
  const workspaceId = await openDemoWorkspace(page);
  await page.goto(`/w/${workspaceId}/evidence`);
  const exports = page.getByRole('region', { name: 'Export' });
  const uses: [string, RegExp][] = [
    ['CSV of this view', /the table as shown/],
    ['CSV for Excel of these claims', /for Excel/],
    ['Excel workbook of these claims', /for Excel: claims, evidence, sources and assessments/],
    ['JSON of these claims', /for scripts and other systems \(JSON\)/],
    ['W3C Web Annotations of these claims', /for other annotation tools \(W3C Web Annotation\)/],
    ['ClaimReview of these claims', /for fact-check publishers \(ClaimReview\)/],
    ['Markdown brief of these claims', /a brief to send/],
  ];
  for (const [name, use] of uses) {
    const link = exports.getByRole('link', { name, exact: true });
    await expect(link).toHaveAccessibleDescription(use);
    // The description is on screen too, next to the link, in the same list item.
    await expect(
      exports.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) }),
    ).toContainText(use);
  }

  // A search that matches nothing says so, and the way back keeps the view.
  await page.goto(`/w/${workspaceId}/evidence?q=no-such-words-anywhere&group=type`);
  await expect(page.getByText('Nothing matches these filters.')).toBeVisible();
  await page.getByRole('link', { name: 'Clear the filters' }).click();
  await expect(page).toHaveURL(/group=type/);
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.getByRole('table', { name: 'Evidence table' })).toBeVisible();
});

const LONG_TITLE = 'Border crossing log';
const LONG_QUOTE =
  'The convoy that carried the released men waited for three days at the crossing near Labbezanga, where officials from two ministries, a mediator from the north and a doctor sent by the Red Cross checked each name against a list that nobody outside the room has seen since';

test('a new workspace’s table says what to do; a long quote folds; the page never scrolls sideways', async ({
  page,
}) => {
  await openDemoWorkspace(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  const ws = await createWorkspace(page, `Crossing desk ${Date.now()}`);

  await page.goto(`/w/${ws}/evidence?view=sources`);
  await expect(page.getByText('No source is cited yet')).toContainText('choose “Add evidence”');
  await page.goto(`/w/${ws}/evidence`);
  const empty = page.getByText('No evidence yet');
  await expect(empty).toContainText('select a passage and make a claim');
  await empty.getByRole('link', { name: 'document' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/documents$`));
  await expect(page.getByText('No documents yet')).toContainText('then select passages in it to make claims');
  await page.getByText('No documents yet').getByRole('link', { name: 'import one' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/documents/new$`));

  await pasteDocument(page, ws, {
    title: LONG_TITLE,
    format: 'Plain text',
    text: `${LONG_QUOTE}.\n\nThe list was later burned.`,
  });
  await makeClaim(page, LONG_TITLE, LONG_QUOTE, {
    statement: 'The convoy waited three days at Labbezanga',
    type: 'Event',
  });

  await page.goto(`/w/${ws}/evidence`);
  const table = page.getByRole('table', { name: 'Evidence table' });
  await expect(table).toContainText('The convoy waited three days at Labbezanga');
  // The long quote shows a few lines, and "Show all" lifts the fold (the text is there once).
  const quote = table.getByText(LONG_QUOTE.slice(0, 60));
  const folded = () => quote.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  await expect.poll(folded).toBe(true);
  await table.getByText('Show all').click();
  await expect.poll(folded).toBe(false);
  await expect(table.getByText('Show less')).toBeVisible();
  // The header stays in view as the table scrolls in its own box; the page does not scroll sideways.
  expect(
    await table
      .locator('thead th')
      .first()
      .evaluate((th) => getComputedStyle(th).position),
  ).toBe('sticky');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
});

test('the table pages: a cursor that is not one shows the first rows, and no page control when every row fits', async ({
  page,
}) => {
  const workspaceId = await openDemoWorkspace(page);
  await page.goto(`/w/${workspaceId}/evidence?sort=statement`);
  const table = page.getByRole('table', { name: 'Evidence table' });
  await expect(table).toBeVisible();
  const firstRows = await table.getByRole('row').allInnerTexts();
  // The demo's rows fit on one page (1,000 rows): neither "Next 1,000 rows" nor "First rows".
  await expect(page.getByRole('navigation', { name: 'Table pages' })).toHaveCount(0);
  for (const bad of ['not-a-cursor', 'eyJ2IjpbXX0', '%E2%80%9C']) {
    await page.goto(`/w/${workspaceId}/evidence?sort=statement&after=${bad}`);
    await expect(table).toBeVisible();
    expect(await table.getByRole('row').allInnerTexts()).toEqual(firstRows);
    await expect(page.getByRole('link', { name: 'First rows' })).toHaveCount(0);
  }
});

test('the table pages through every row: rows per page, then Next and First rows, no row twice or lost', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, `Patrol desk ${Date.now()}`);
  // Our own patrol log: 60 reports, one claim on each (made over the REST API, for speed).
  const text = Array.from(
    { length: 60 },
    (_, i) => `Report ${i + 1}: the patrol counted ${i + 3} vehicles at checkpoint ${i + 1}.`,
  ).join('\n\n');
  const documentId = await pasteDocument(page, ws, { title: 'Patrol log', format: 'Plain text', text });
  const headers = { authorization: `Bearer ${await createApiToken(page, 'Paging e2e')}` };
  const types = await request.get(`/api/v1/workspaces/${ws}/claim-types`, { headers });
  const typeId: string = (await types.json()).claimTypes[0].id;
  const label = (n: number) => `Patrol report ${String(n).padStart(2, '0')}`;
  for (let n = 1; n <= 60; n++) {
    const made = await request.post(`/api/v1/documents/${documentId}/claims`, {
      headers,
      data: {
        statement: label(n),
        typeId,
        kind: 'reported',
        target: { selector: [{ type: 'TextQuoteSelector', exact: `checkpoint ${n}.` }] },
      },
    });
    expect(made.status(), await made.text()).toBe(201);
  }

  await page.goto(`/w/${ws}/evidence?sort=statement`);
  const table = page.getByRole('table', { name: 'Evidence table' });
  const status = page.getByRole('status', { name: 'Rows' });
  const pages = page.getByRole('navigation', { name: 'Table pages' });
  const statements = async () =>
    (await table.getByRole('row').allInnerTexts()).flatMap((row) => /Patrol report \d\d/.exec(row) ?? []);
  // Every row fits on the default page (250): no page control.
  await expect(status).toHaveText('60 rows');
  await expect(pages).toHaveCount(0);

  // 50 rows per page, chosen with the columns.
  await page.getByText('Columns and grouping', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Columns and grouping' });
  await form.getByLabel('Rows per page').selectOption('50');
  await form.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/rows=50/);
  await expect(status).toHaveText(
    '60 rows — the first 50 in this order are shown; the exports carry them all',
  );
  const first = Array.from({ length: 50 }, (_, i) => label(i + 1));
  expect(await statements()).toEqual(first);
  await expect(pages.getByRole('link', { name: 'First rows' })).toHaveCount(0);

  await pages.getByRole('link', { name: 'Next 50 rows' }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(pages.getByRole('link', { name: 'First rows' })).toBeVisible();
  await expect(status).toHaveText(
    '60 rows — 10 further rows in this order are shown; the exports carry them all',
  );
  expect(await statements()).toEqual(Array.from({ length: 10 }, (_, i) => label(i + 51)));
  await expect(pages.getByRole('link', { name: 'Next 50 rows' })).toHaveCount(0);

  await pages.getByRole('link', { name: 'First rows' }).click();
  await expect(page).not.toHaveURL(/after=/);
  await expect(page).toHaveURL(/rows=50/);
  expect(await statements()).toEqual(first);
});
