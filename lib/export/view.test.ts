import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { collectBytes, collectText, FIXTURE_CLAIMS, fixtureExport } from './fixtures';
import { serialize } from './index';
import { evidenceRows } from './rows';
import { displayRow } from './table-view';
import { viewHeaders, viewRows, type ViewExport } from './view';

const all = async (view: ViewExport) => {
  const rows = [];
  for await (const row of viewRows(fixtureExport(), view)) rows.push(row);
  return rows;
};
const shown = FIXTURE_CLAIMS.flatMap(evidenceRows).map(displayRow);

describe('the evidence table exported as shown', () => {
  it.each<[string, ViewExport, string[]]>([
    ['chosen columns, in their order', { cols: ['source', 'statement'], dir: 'asc' }, ['Source', 'Claim']],
    ['a grouping: its name first', { cols: ['statement'], dir: 'asc', group: 'topic' }, ['Topic', 'Claim']],
  ])('%s', async (_, view, headers) => {
    expect(viewHeaders(view)).toEqual(headers);
    const rows = await all(view);
    expect(rows).toHaveLength(shown.length);
    for (const row of rows) expect(row).toHaveLength(headers.length);
  });

  it('streams the rows as read without a sort or grouping, with only the chosen cells', async () => {
    expect(await all({ cols: ['statement', 'stance'], dir: 'asc' })).toEqual(
      shown.map((r) => [r.cells.statement || null, r.cells.stance || null]),
    );
  });

  it('orders all rows by the sort column, then groups them, groups by name', async () => {
    const rows = await all({
      cols: ['statement', 'quantity'],
      sort: 'quantity',
      dir: 'desc',
      group: 'topic',
    });
    const groups = rows.map((r) => r[0] as string);
    expect(groups).toEqual([...groups].sort((a, b) => a.localeCompare(b)));
    // Within a group, quantities descend (blanks last): the order of the values shown.
    for (const topic of new Set(groups)) {
      const inGroup = rows.filter((r) => r[0] === topic).map((r) => r[2] as string | null);
      const expected = shown
        .filter((r) => r.group.topic === topic)
        .sort((a, b) =>
          a.quantityValue === null ? 1 : b.quantityValue === null ? -1 : b.quantityValue - a.quantityValue,
        )
        .map((r) => r.cells.quantity || null);
      expect(inGroup.map((v) => v === null)).toEqual(expected.map((v) => v === null));
      expect(inGroup.filter(Boolean)).toEqual(expected.filter(Boolean));
    }
    expect(new Set(groups).size).toBeGreaterThan(1);
  });

  it('writes the view as CSV (formula guard kept) and as a one-sheet workbook', async () => {
    const view: ViewExport = { cols: ['statement', 'source', 'credibility'], dir: 'asc', group: 'type' };
    const csv = parse(await collectText(serialize('csv', fixtureExport(), { view })), {
      columns: true,
    }) as Record<string, string>[];
    expect(Object.keys(csv[0]!)).toEqual(['Type', 'Claim', 'Source', 'Credibility']);
    expect(csv).toHaveLength(shown.length);
    for (const row of csv) expect(row.Credibility === '' || /^[A-F][1-6]$/.test(row.Credibility!)).toBe(true);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await collectBytes(serialize('xlsx', fixtureExport(), { view }))) as unknown as ArrayBuffer,
    );
    expect(book.worksheets.map((s) => s.name)).toEqual(['Evidence table']);
    const sheet = book.getWorksheet('Evidence table')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Type',
      'Claim',
      'Source',
      'Credibility',
    ]);
    expect(sheet.rowCount - 1).toBe(shown.length);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
