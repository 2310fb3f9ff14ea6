/**
 * The evidence table as CSV: RFC 4180, UTF-8, CRLF line ends, a header row, one row per claim ×
 * evidence link (see `evidenceTable` for the columns). String cells are neutralised against
 * formula injection. With `bom: true` the file starts with a UTF-8 byte order mark, which Excel
 * needs to read UTF-8 (without it, "—" and "«" arrive as mojibake).
 *
 * Streamed: rows are formatted as claims arrive, and yielded in chunks of about 64 KB.
 */
import type { ExportSourceData } from './model';
import { neutralizeCell, type Cell } from './neutralize';
import { evidenceRows, evidenceTable } from './rows';

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (for Excel). */
  bom?: boolean;
}

/**
 * A field is quoted when it holds a comma, a quote or a line break of any kind (a lone LF or CR
 * too, which Excel and most parsers would otherwise read as the end of the record); a quote
 * inside is doubled. Written by hand rather than with csv-stringify (which the tests keep as the
 * reference): its options and per-field checks were a fifth of a 100k-claim export's time.
 */
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** One record of cells (a number as written, null as an empty field), CRLF-terminated. */
export function csvRecord(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i];
    if (i > 0) line += ',';
    if (value === null || value === undefined) continue;
    if (typeof value === 'number') line += String(value);
    else line += NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
  }
  return `${line}\r\n`;
}

/** Characters gathered before a chunk is yielded. */
const CHUNK = 1 << 16;

export async function* csvChunks(data: ExportSourceData, options: CsvOptions = {}): AsyncGenerator<string> {
  const table = evidenceTable(data.layout);
  yield (options.bom ? '\uFEFF' : '') + csvRecord(table.headers.map(neutralizeCell));
  let chunk = '';
  for await (const claim of data.claims()) {
    for (const row of evidenceRows(claim)) {
      const cells = table.cells(row);
      for (let i = 0; i < cells.length; i++) cells[i] = neutralizeCell(cells[i]!);
      chunk += csvRecord(cells);
    }
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** A table given as headers and rows (the evidence table's view), as CSV with the same rules. */
export async function* csvTableChunks(
  headers: string[],
  rows: Iterable<Cell[]> | AsyncIterable<Cell[]>,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  yield (options.bom ? '\uFEFF' : '') + csvRecord(headers.map(neutralizeCell));
  let chunk = '';
  for await (const row of rows) {
    chunk += csvRecord(row.map(neutralizeCell));
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
