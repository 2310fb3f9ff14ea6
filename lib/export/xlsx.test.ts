import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { collectBytes, FIXTURE_CLAIMS, fixtureExport, fixtureWithClaims, syntheticClaim } from './fixtures';
import type { ExportClaim, ExportSourceData } from './model';
import { assessmentTable, evidenceRows, evidenceTable } from './rows';
import { ACH_HEADERS, writeTableXlsx, writeXlsx, xlsxCell, XLSX_SHEETS, type XlsxOptions } from './xlsx';

// The temporary directories the writer makes, to check that it removes them.
const made = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    mkdtemp: async (prefix: string) => {
      const dir = await fs.mkdtemp(prefix);
      made.push(dir);
      return dir;
    },
  };
});

async function workbookOf(data: ExportSourceData, options?: XlsxOptions): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const [bytes] = await Promise.all([collectBytes(out), writeXlsx(data, out, options)]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

function values(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

function cellOf(sheet: ExcelJS.Worksheet, rowKey: string, header: string): ExcelJS.Cell {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const col = headers.indexOf(header) + 1;
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === rowKey && !found) found = row.getCell(col);
  });
  if (!found || col === 0) throw new Error(`No cell ${rowKey} / ${header}`);
  return found;
}

describe('XLSX export', () => {
  it('writes the sheets, each with a frozen header row and an auto-filter', async () => {
    const workbook = await workbookOf(fixtureExport());
    expect(workbook.worksheets.map((s) => s.name)).toEqual([...XLSX_SHEETS]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    }
    const rowCount = (name: string) => values(workbook.getWorksheet(name)!).length - 1;
    expect(rowCount('Claims')).toBe(FIXTURE_CLAIMS.length);
    expect(rowCount('Evidence')).toBe(8);
    expect(rowCount('Assessments')).toBe(5);
    expect(rowCount('Sources')).toBe(3);
    expect(rowCount('Source ratings')).toBe(2);
    expect(rowCount('Documents')).toBe(2);
    const evidence = workbook.getWorksheet('Evidence')!;
    expect(evidence.actualColumnCount).toBe(40);
    expect(evidence.autoFilter).toBe('A1:AN9');
  });

  it('writes each topic’s competing hypotheses on the ACH sheet, every item × claim, by diagnosticity', async () => {
    const workbook = await workbookOf(fixtureExport());
    const rows = values(workbook.getWorksheet('ACH')!);
    expect(rows[0]).toEqual([...ACH_HEADERS]);
    // The ransom question: 2 claims × 3 items of evidence; the prisoners' question has one claim, no matrix.
    expect(rows.slice(1).map((r) => r[0])).toEqual(Array(6).fill('How much ransom was paid?'));
    const pick = (r: unknown[]) => [r[1], r[3], r[4], r[6], r[7], r[10], r[11], r[12], r[13]];
    expect(rows.slice(1, 3).map(pick)).toEqual([
      [1, 'A ransom of €10 million was paid', 0, 'RFI', 'B3', 0.48, 'no link', 0, 0],
      [2, 'A ransom of €2.5 million was paid', 0.2, 'RFI', 'B3', 0.48, 'supports', 0.48, 0.48],
    ]);
    expect(pick(rows[6]!)).toEqual([
      2,
      'A ransom of €2.5 million was paid',
      0.2,
      'Official, "speaking anonymously", Bamako',
      'F4',
      0.2,
      'contradicts',
      0.2,
      -0.2,
    ]);
  });

  it('lists, in a scoped export, only the documents and sources its claims cite', async () => {
    const prisoners = FIXTURE_CLAIMS.filter((c) => c.id === 'c-prisoners');
    const cited = {
      documents: new Set(prisoners.flatMap((c) => c.anchors.map((a) => a.documentId))),
      sources: new Set(prisoners.flatMap((c) => c.evidence.map((e) => e.sourceId))),
    };
    const scoped = await fixtureWithClaims(prisoners);
    scoped.context = {
      ...scoped.context,
      scope: { filters: { topic: 'How many prisoners were released?' } },
    };
    const workbook = await workbookOf(scoped);
    const ids = (name: string) =>
      values(workbook.getWorksheet(name)!)
        .slice(1)
        .map((r) => r[0]);
    expect(new Set(ids('Sources'))).toEqual(cited.sources);
    expect(new Set(ids('Documents'))).toEqual(cited.documents);
    expect(cited.sources.size).toBeLessThan(3);
    // The whole workspace's export lists every source and document, cited or not.
    const whole = await workbookOf(await fixtureWithClaims(prisoners));
    expect(values(whole.getWorksheet('Sources')!).length - 1).toBe(3);
    expect(values(whole.getWorksheet('Documents')!).length - 1).toBe(2);
  });

  it('never writes a formula, and neutralises formula payloads', async () => {
    const workbook = await workbookOf(fixtureExport());
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r\0]/);
        }),
      );
    const claims = workbook.getWorksheet('Claims')!;
    expect(cellOf(claims, 'c-formula', 'statement').value).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(cellOf(claims, 'c-formula', 'author').value).toBe("'@SUM(1)");
    const evidence = workbook.getWorksheet('Evidence')!;
    expect(cellOf(evidence, 'c-formula', 'locator').value).toBe("'=1+1");
    expect(cellOf(evidence, 'c-formula', 'quote').value).toBe("'\t=1");
    const sources = workbook.getWorksheet('Sources')!;
    expect(cellOf(sources, 'src-official', 'description').value).toBe(`'=cmd|" /C calc"!A0`);
  });

  it('keeps numbers as numbers and text intact', async () => {
    const workbook = await workbookOf(fixtureExport());
    const evidence = workbook.getWorksheet('Evidence')!;
    const min = cellOf(evidence, 'c-prisoners', 'quantity min');
    expect(min.type).toBe(ExcelJS.ValueType.Number);
    expect(min.value).toBe(206);
    expect(cellOf(evidence, 'c-formula', 'quantity min').value).toBe(-1);
    expect(cellOf(evidence, 'c-prisoners', 'credibility').value).toBe(2);
    expect(cellOf(evidence, 'c-prisoners', 'rating').value).toBe('B2');
    expect(cellOf(evidence, 'c-prisoners', 'anchor status 2').value).toBe('fuzzy (0.93)');
    expect(cellOf(evidence, 'c-ransom-high', 'quote').value).toBe(
      'Bamako — « libération » 🎉, « dix millions d’euros »',
    );
    expect(cellOf(evidence, 'c-prisoners', 'tag 2').value).toBe('Bamako, Mali');
    const assessments = workbook.getWorksheet('Assessments')!;
    expect(values(assessments)[1]).toEqual([
      'c-prisoners',
      'Mali released 206 prisoners in the exchange',
      'Ana Duarte',
      'very likely (80–95%)',
      'moderate',
      'Consistent counts across outlets.',
      '2026-03-04T10:00:00.000Z',
      '2026-03-04T10:00:00.000Z',
    ]);
    const ratings = values(workbook.getWorksheet('Source ratings')!);
    expect(ratings[2]).toEqual([
      'src-rfi',
      'RFI',
      'B',
      'C',
      'Track record on the Sahel, checked against three events',
      'Ben Okafor',
      '2026-03-04T16:30:00.000Z',
    ]);
  });

  it('continues a sheet that reaches the row limit in a numbered sheet', async () => {
    const workbook = await workbookOf(fixtureExport(), { maxRowsPerSheet: 4 });
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toContain('Evidence (3)');
    const evidenceRows = names
      .filter((n) => n.startsWith('Evidence'))
      .map((n) => values(workbook.getWorksheet(n)!).length - 1);
    expect(evidenceRows).toEqual([3, 3, 2]);
  });

  it('writes a valid workbook with no claims', async () => {
    const workbook = await workbookOf(await fixtureWithClaims([]));
    expect(values(workbook.getWorksheet('Claims')!)).toHaveLength(1);
  });

  it.each([
    ['\0x', "'x"],
    ['\u0001=1', "'=1"],
    ['a\u0007b\tc\nd', 'a' + 'b\tc\nd'],
    ['=1+1', "'=1+1"],
    ['\ud83d lone surrogate', '\ufffd lone surrogate'],
    [12.5, 12.5],
    [Number.NaN, null],
    [null, null],
  ])('cell %j is written as %j', (value, expected) => expect(xlsxCell(value)).toBe(expected));

  it('cuts a cell at 32,767 characters', () => {
    const cell = xlsxCell('x'.repeat(40_000)) as string;
    expect(cell.length).toBe(32_767);
    expect(cell.endsWith('see the JSON export]')).toBe(true);
  });

  it('puts the Evidence and Assessments rows aside while writing Claims, and writes them back whole and in order', async () => {
    made.length = 0;
    // Awkward values (line breaks, quotes, emoji, a lone surrogate, formulas, negative numbers)
    // among ordinary claims: many times the temporary files' chunk size.
    const claims: ExportClaim[] = Array.from({ length: 600 }, (_, i) => {
      if (i % 5) return syntheticClaim(i, 600);
      const c = FIXTURE_CLAIMS[i % FIXTURE_CLAIMS.length]!;
      return { ...c, id: `fixture-${i}`, statement: `${c.statement} \ud83d\n"${i}"` };
    });
    const data = await fixtureWithClaims(claims);
    const workbook = await workbookOf(data);
    // How a row reads back: empty cells as holes, trailing ones dropped, and line ends as LF (XML
    // reads a CR written as such as a line feed).
    const asRead = (cells: (string | number | null)[]) => {
      const out = cells.map((v) =>
        v === null ? undefined : typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v,
      );
      while (out.length && out.at(-1) === undefined) out.pop();
      return out;
    };
    const evidence = evidenceTable(data.layout);
    const readBack = (name: string) =>
      values(workbook.getWorksheet(name)!)
        .slice(1)
        .map((r) => [...r]);
    expect(readBack('Evidence')).toEqual(
      claims.flatMap((c) => evidenceRows(c).map((row) => asRead(evidence.cells(row).map(xlsxCell)))),
    );
    const assessments = assessmentTable();
    expect(readBack('Assessments')).toEqual(
      claims.flatMap((claim) =>
        claim.assessments.map((assessment) => asRead(assessments.cells({ claim, assessment }).map(xlsxCell))),
      ),
    );
    expect(made.length).toBe(1);
    expect(existsSync(made[0]!)).toBe(false);
  });

  it('removes its temporary files when the download is cancelled', async () => {
    made.length = 0;
    const claims = Array.from({ length: 3000 }, (_, i) => syntheticClaim(i, 3000));
    const out = new PassThrough();
    const writing = writeXlsx(await fixtureWithClaims(claims), out);
    out.once('data', () => out.destroy());
    await expect(writing).rejects.toThrow(/closed before the export finished/);
    expect(made.length).toBe(1);
    expect(existsSync(made[0]!)).toBe(false);
  });

  it('writes a table as it is shown (the evidence table view) as a one-sheet workbook', async () => {
    const out = new PassThrough();
    const headers = ['statement', 'source', 'rating', 'stance'];
    const rows: (string | number | null)[][] = [
      ['Mali freed 206 prisoners', 'Ministry of Justice', 'B2', 'supports'],
      ['=HYPERLINK("http://example.org")', null, 'C3', 'contradicts'],
      ['A claim without evidence', null, null, null],
    ];
    const [bytes] = await Promise.all([
      collectBytes(out),
      writeTableXlsx({ name: 'Evidence table', headers, rows }, fixtureExport(), out),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Evidence table']);
    const sheet = workbook.getWorksheet('Evidence table')!;
    expect(values(sheet)).toEqual([
      headers,
      ['Mali freed 206 prisoners', 'Ministry of Justice', 'B2', 'supports'],
      ['\'=HYPERLINK("http://example.org")', undefined, 'C3', 'contradicts'],
      ['A claim without evidence'],
    ]);
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:D4');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  });
});
