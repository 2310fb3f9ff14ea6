import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvChunks, csvRecord } from './csv';
import {
  collectText,
  FIXTURE_CLAIMS,
  FIXTURE_LAYOUT,
  fixtureExport,
  fixtureWithClaims,
  syntheticClaim,
} from './fixtures';
import type { ExportClaim } from './model';
import { neutralizeCell } from './neutralize';
import { evidenceRows, evidenceTable } from './rows';

const parseCsv = (text: string) => parse(text, { bom: true, relax_column_count: false }) as string[][];

function expectedRows(claims: ExportClaim[], layout = FIXTURE_LAYOUT): string[][] {
  const table = evidenceTable(layout);
  return [
    table.headers,
    ...claims.flatMap((c) =>
      evidenceRows(c).map((row) => table.cells(row).map((v) => String(neutralizeCell(v) ?? ''))),
    ),
  ];
}

describe('CSV export', () => {
  it('round-trips the evidence table through a CSV parser', async () => {
    const text = await collectText(csvChunks(fixtureExport()));
    const rows = parseCsv(text);
    expect(rows).toEqual(expectedRows(FIXTURE_CLAIMS));
    expect(rows).toHaveLength(1 + 8);
  });

  it('uses CRLF line ends, a header row and an optional BOM', async () => {
    const plain = await collectText(csvChunks(fixtureExport()));
    expect(plain.startsWith('claim id,statement,type,topic,tag 1,')).toBe(true);
    expect(plain.endsWith('\r\n')).toBe(true);
    // Every line end outside quoted fields is CRLF: strip the quoted fields and look.
    const outside = plain.replace(/"(?:[^"]|"")*"/g, '');
    expect(outside).not.toMatch(/[^\r]\n/);
    const bom = await collectText(csvChunks(fixtureExport(), { bom: true }));
    expect(bom.charCodeAt(0)).toBe(0xfeff);
    expect(bom.slice(1)).toBe(plain);
  });

  it.each([
    ['commas', 'Bamako, Mali, and Gao'],
    ['quotes', 'the "official" figure, "none at all"'],
    ['line breaks', 'first line\nsecond line\r\nthird\rfourth'],
    ['unicode', 'Bamako — « libération » ’ ü ß 中文'],
    ['emoji', 'hostages freed 🕊️🎉 👨‍👩‍👧'],
  ])('keeps %s intact', async (_, statement) => {
    const c: ExportClaim = { ...FIXTURE_CLAIMS[0]!, statement, tags: [statement, 'x'] };
    const data = await fixtureWithClaims([c]);
    const rows = parseCsv(await collectText(csvChunks(data)));
    expect(rows[1]![1]).toBe(statement);
    expect(rows[1]![4]).toBe(statement);
    expect(rows).toEqual(expectedRows([c], data.layout));
  });

  it('neutralises formula payloads in every string cell and keeps numbers as numbers', async () => {
    const rows = parseCsv(await collectText(csvChunks(fixtureExport())));
    const headers = rows[0]!;
    const formula = rows.find((r) => r[0] === 'c-formula')!;
    const get = (h: string) => formula[headers.indexOf(h)];
    expect(get('statement')).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(get('tag 1')).toBe("'@risk");
    expect(get('tag 2')).toBe("'-1+1");
    expect(get('tag 3')).toBe("'+1");
    expect(get('quote')).toBe("'\t=1");
    expect(get('locator')).toBe("'=1+1");
    expect(get('note')).toBe("'\r=1");
    expect(get('author')).toBe("'@SUM(1)");
    expect(get('quantity min')).toBe('-1');
    expect(get('credibility')).toBe('6');
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r\0]/);
  });

  it('writes only the header when there are no claims', async () => {
    const data = await fixtureWithClaims([]);
    const text = await collectText(csvChunks(data));
    expect(parseCsv(text)).toHaveLength(1);
  });

  it('writes many claims, stringified a batch at a time, as one table that round-trips and is neutralised', async () => {
    // Awkward claims among ordinary ones, so batch boundaries fall between all kinds of rows.
    const claims = Array.from({ length: 400 }, (_, i) =>
      i % 7 === 0
        ? { ...FIXTURE_CLAIMS[i % FIXTURE_CLAIMS.length]!, id: `fixture-${i}` }
        : syntheticClaim(i, 400),
    );
    const data = await fixtureWithClaims(claims);
    const text = await collectText(csvChunks(data));
    const rows = parseCsv(text);
    expect(rows).toEqual(expectedRows(claims, data.layout));
    expect(rows.length).toBeGreaterThan(400);
    expect(text.replace(/"(?:[^"]|"")*"/g, '')).not.toMatch(/[^\r]\n|\r(?!\n)/);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r\0]/);
  });
});

describe('csvRecord', () => {
  // csv-stringify, with the options the export used before it formatted records itself, is the
  // reference: the same bytes for every kind of field.
  const reference = (cells: (string | number | null)[]) =>
    stringify([cells], { record_delimiter: 'windows', eof: true, quote_record_delimiter: true });

  it.each([
    ['plain words', ['Mali freed 206 prisoners', 'reported', 'Ana Duarte']],
    ['a comma', ['Bamako, Mali', 'x']],
    ['quotes', ['The minister said "no ransom" was paid', '"', '""']],
    ['line breaks of every kind', ['one\ntwo', 'one\r\ntwo', 'one\rtwo', '\n']],
    ['empty and missing cells', ['', null, 'last', null]],
    ['numbers', [206, -10_000_000, 0.35, 0, -0, 1e21, 1.5e-7]],
    ['spaces kept as typed', ['  leading', 'trailing  ', ' ']],
    ['unicode', ['Tombouctou – « été »', '€10 million', '😀']],
    ['a neutralised formula', ["'=1+1", "'-5 °C"]],
    ['a single empty cell', ['']],
  ] as [string, (string | number | null)[]][])('%s', (_, cells) => {
    expect(csvRecord(cells)).toBe(reference(cells));
    expect(parseCsv(csvRecord(cells))[0]).toEqual(cells.map((c) => (c === null ? '' : String(c))));
  });
});
