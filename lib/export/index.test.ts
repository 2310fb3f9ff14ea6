import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { collectBytes, collectText, FIXTURE_CONTEXT, fixtureExport, syntheticExport } from './fixtures';
import {
  EXPORT_FORMAT_KEYS,
  EXPORT_FORMATS,
  exportFileName,
  ExportLayoutError,
  isExportFormat,
  serialize,
} from './index';

describe('export formats', () => {
  it('lists the seven formats with a content type, an extension and a label', () => {
    expect(EXPORT_FORMAT_KEYS).toEqual(['csv', 'xlsx', 'json', 'w3c', 'claimreview', 'markdown', 'html']);
    for (const f of EXPORT_FORMAT_KEYS) {
      expect(EXPORT_FORMATS[f].contentType).toMatch(/^[a-z]+\/[a-z0-9.+-]+/);
      expect(EXPORT_FORMATS[f].extension).toMatch(/^[a-z]+$/);
      expect(EXPORT_FORMATS[f].label).not.toBe('');
    }
    expect(isExportFormat('csv')).toBe(true);
    expect(isExportFormat('toString')).toBe(false);
    expect(isExportFormat('xls')).toBe(false);
  });

  it.each(['csv', 'json', 'w3c', 'claimreview', 'markdown', 'html'] as const)(
    'serializes %s as UTF-8 bytes',
    async (format) => {
      const text = await collectText(serialize(format, fixtureExport()));
      expect(text).toContain(format === 'claimreview' ? 'Mali released 206' : 'Bamako');
      if (['json', 'w3c', 'claimreview'].includes(format)) expect(() => JSON.parse(text)).not.toThrow();
    },
  );

  it('serializes xlsx through a stream', async () => {
    const bytes = await collectBytes(serialize('xlsx', fixtureExport()));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('Evidence')).toBeDefined();
  });

  it('writes the CSV BOM on request', async () => {
    const bytes = await collectBytes(serialize('csv', fixtureExport(), { bom: true }));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('stops reading claims when the reader stops early', async () => {
    let read = 0;
    const base = syntheticExport(100_000);
    const data = {
      ...base,
      claims: async function* () {
        for await (const c of base.claims()) {
          read++;
          yield c;
        }
      },
    };
    for await (const _chunk of serialize('xlsx', data)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = read;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read).toBe(after);
    expect(read).toBeLessThan(100_000);
  });

  it.each(['csv', 'xlsx'] as const)(
    'fails a %s export whose layout does not fit the claims',
    async (format) => {
      const data = fixtureExport({ layout: { maxTags: 0, maxPassages: 0, analysts: [] } });
      await expect(collectBytes(serialize(format, data))).rejects.toThrow(ExportLayoutError);
    },
  );

  it('names the file', () => {
    expect(exportFileName('csv', FIXTURE_CONTEXT)).toBe('warrant-sahel-desk-2026-03-10.csv');
    expect(
      exportFileName('w3c', { ...FIXTURE_CONTEXT, workspace: { id: 'x', name: 'Équipe «Sahel»' } }),
    ).toBe('warrant-equipe-sahel-2026-03-10-annotations.jsonld');
    // Four downloads of one day, four names: none overwrites another.
    expect([
      exportFileName('csv', FIXTURE_CONTEXT),
      exportFileName('csv', FIXTURE_CONTEXT, { bom: true }),
      exportFileName('csv', FIXTURE_CONTEXT, { view: true }),
      exportFileName('csv', FIXTURE_CONTEXT, { view: true, bom: true }),
      exportFileName('xlsx', FIXTURE_CONTEXT, { view: true }),
      exportFileName('json', FIXTURE_CONTEXT, { view: true, bom: true }),
    ]).toEqual([
      'warrant-sahel-desk-2026-03-10.csv',
      'warrant-sahel-desk-2026-03-10-excel.csv',
      'warrant-sahel-desk-2026-03-10-view.csv',
      'warrant-sahel-desk-2026-03-10-view-excel.csv',
      'warrant-sahel-desk-2026-03-10-view.xlsx',
      'warrant-sahel-desk-2026-03-10.json',
    ]);
  });
});
