import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openDemoWorkspace } from './pages';

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

  // Filter: ransom claims with contradicting evidence. The filters go into the URL.
  const filters = page.getByRole('search', { name: 'Filter the table' });
  await filters.getByLabel('Type').selectOption({ label: 'Ransom' });
  await filters.getByLabel('Stance').selectOption('contradicts');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/stance=contradicts/);
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
