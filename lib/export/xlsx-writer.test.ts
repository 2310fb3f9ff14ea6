import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { collectBytes } from './fixtures';
import { columnName, xmlText, XlsxWriter, type XlsxValue } from './xlsx-writer';

const CREATED = new Date('2026-11-30T08:15:00Z');

async function written(write: (w: XlsxWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const writer = new XlsxWriter(out, { creator: 'Warrant', created: CREATED });
  const [bytes] = await Promise.all([
    collectBytes(out),
    (async () => {
      await write(writer);
      await writer.finish();
    })(),
  ]);
  return Buffer.from(bytes);
}

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('columnName', () => {
  it.each([
    [0, 'A'],
    [1, 'B'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'],
  ])('column %i is %s', (index, name) => {
    expect(columnName(index)).toBe(name);
  });
});

describe('xmlText', () => {
  it.each([
    ['plain prose', 'The convoy left Kidal at dawn', 'The convoy left Kidal at dawn'],
    ['markup', 'a <b> tag', 'a &lt;b&gt; tag'],
    ['an ampersand and quotes', 'Smith & "Jones"', 'Smith &amp; &quot;Jones&quot;'],
    ['an entity typed as text', '&amp;', '&amp;amp;'],
    ['line breaks kept', 'one\ntwo', 'one\ntwo'],
  ])('%s', (_, text, xml) => {
    expect(xmlText(text)).toBe(xml);
  });
});

describe('XlsxWriter', () => {
  it('writes sheets that a spreadsheet reads back: values, bold frozen header, filter, widths', async () => {
    const claims: XlsxValue[][] = [
      ['Mali freed 206 prisoners, a ministry statement said', 206, null, 'release, ransom'],
      ['The ransom was “about €10 million” & paid in Algiers <unconfirmed>', -10_000_000, 0.35, null],
      [null, null, null, 'only the last cell'],
      ['Two lines:\nthe second one', 1e21, 0, ''],
    ];
    const bytes = await written(async (w) => {
      const sheet = w.sheet('Claims', { widths: [50, 12, 12, 20] });
      sheet.addRow(['statement', 'quantity', 'score', 'tags'], { header: true });
      for (const row of claims) sheet.addRow(row);
      await sheet.end();
      const about = w.sheet('About & scope', { widths: [12, 40] });
      about.addRow(['field', 'value'], { header: true });
      about.addRow(['workspace', 'Sahel desk']);
      await about.end();
    });
    const workbook = await readBack(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Claims', 'About & scope']);
    expect(workbook.creator).toBe('Warrant');
    expect(workbook.created?.toISOString()).toBe(CREATED.toISOString());

    const sheet = workbook.getWorksheet('Claims')!;
    expect(rowsOf(sheet)).toEqual([
      ['statement', 'quantity', 'score', 'tags'],
      ['Mali freed 206 prisoners, a ministry statement said', 206, undefined, 'release, ransom'],
      ['The ransom was “about €10 million” & paid in Algiers <unconfirmed>', -10_000_000, 0.35],
      [undefined, undefined, undefined, 'only the last cell'],
      ['Two lines:\nthe second one', 1e21, 0],
    ]);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:D5');
    expect(sheet.getColumn(1).width).toBe(50);
    expect(sheet.getColumn(4).width).toBe(20);
    expect(workbook.getWorksheet('About & scope')!.autoFilter).toBe('A1:B2');
  });

  it('streams a large sheet in parts, every part well-formed (no row cut between two)', async () => {
    const rows = 20_000;
    const bytes = await written(async (w) => {
      const sheet = w.sheet('Evidence', { widths: [12, 50] });
      sheet.addRow(['n', 'quote'], { header: true });
      for (let i = 1; i <= rows; i++)
        sheet.addRow([i, `Quote ${i}: “the exchange took place at the airport” & more`]);
      await sheet.end();
    });
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/app.xml',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(xml.length).toBeGreaterThan(1 << 20);
    expect(xml.match(/<row /g)).toHaveLength(rows + 1);
    expect(xml).toContain(`<autoFilter ref="A1:B${rows + 1}"/>`);
    const sheet = (await readBack(bytes)).getWorksheet('Evidence')!;
    expect(sheet.rowCount).toBe(rows + 1);
    expect(sheet.getCell(`A${rows + 1}`).value).toBe(rows);
    expect(sheet.getCell(`B${rows + 1}`).value).toBe(
      `Quote ${rows}: “the exchange took place at the airport” & more`,
    );
  });

  it('never writes a formula: a string that looks like one is a string value', async () => {
    const bytes = await written(async (w) => {
      const sheet = w.sheet('Claims', { widths: [20] });
      sheet.addRow(['statement'], { header: true });
      sheet.addRow(['=1+1']);
      await sheet.end();
    });
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(xml).not.toContain('<f>');
    const cell = (await readBack(bytes)).getWorksheet('Claims')!.getCell('A2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=1+1');
  });

  it('writes sheets aside while another streams, and lists every tab in its place', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'warrant-xlsx-writer-'));
    try {
      const bytes = await written(async (w) => {
        const claims = w.sheet('Claims', { widths: [20] }, { order: 0 });
        const evidence = w.sheet(
          'Evidence',
          { widths: [20, 10] },
          { order: 1, deferTo: path.join(dir, 'e') },
        );
        const assessments = w.sheet(
          'Assessments',
          { widths: [20] },
          { order: 3, deferTo: path.join(dir, 'a') },
        );
        claims.addRow(['statement'], { header: true });
        evidence.addRow(['quote', 'stance'], { header: true });
        assessments.addRow(['analyst'], { header: true });
        for (let i = 1; i <= 3_000; i++) {
          claims.addRow([`Claim ${i}`]);
          evidence.addRow([`Quote ${i}`, i % 2 ? 'supports' : 'contradicts']);
          if (i % 3 === 0) assessments.addRow([`Analyst of claim ${i}`]);
          if (i % 256 === 0) await Promise.all([claims.drained(), evidence.drained(), assessments.drained()]);
        }
        await claims.end();
        await evidence.end();
        await assessments.end();
        const sources = w.sheet('Sources', { widths: [20] }, { order: 2 });
        sources.addRow(['name'], { header: true });
        sources.addRow(['Ministry of Justice']);
        await sources.end();
      });
      const workbook = await readBack(bytes);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'Claims',
        'Evidence',
        'Sources',
        'Assessments',
      ]);
      const evidence = workbook.getWorksheet('Evidence')!;
      expect(evidence.rowCount).toBe(3_001);
      expect(evidence.getCell('A3001').value).toBe('Quote 3000');
      expect(evidence.getCell('B3001').value).toBe('contradicts');
      expect(evidence.autoFilter).toBe('A1:B3001');
      expect(evidence.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(workbook.getWorksheet('Assessments')!.rowCount).toBe(1_001);
      expect(workbook.getWorksheet('Claims')!.getCell('A3001').value).toBe('Claim 3000');
      expect(workbook.getWorksheet('Sources')!.getCell('A2').value).toBe('Ministry of Justice');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('closes the files of the sheets written aside when the workbook is given up', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'warrant-xlsx-writer-'));
    const openFiles = () => readdirSync('/proc/self/fd').length;
    try {
      const before = openFiles();
      const writer = new XlsxWriter(new PassThrough(), { creator: 'Warrant', created: CREATED });
      const evidence = writer.sheet('Evidence', { widths: [10] }, { deferTo: path.join(dir, 'e') });
      evidence.addRow(['quote'], { header: true });
      await vi.waitFor(() => expect(openFiles()).toBe(before + 1));
      writer.abort();
      await vi.waitFor(() => expect(openFiles()).toBe(before));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a second sheet while one streams, rows after the end, and unfinished workbooks', async () => {
    const writer = new XlsxWriter(new PassThrough(), { creator: 'Warrant', created: CREATED });
    await expect(writer.finish()).rejects.toThrow('A workbook needs a sheet.');
    const sheet = writer.sheet('Claims', { widths: [10] });
    expect(() => writer.sheet('Evidence', { widths: [10] })).toThrow('The previous sheet was not ended.');
    await expect(writer.finish()).rejects.toThrow('A sheet was not ended.');
    await sheet.end();
    expect(() => sheet.addRow(['late'])).toThrow('The sheet has ended.');
    await expect(sheet.end()).rejects.toThrow('The sheet has ended.');
  });
});
