/**
 * The evidence table as CSV: RFC 4180 (csv-stringify), UTF-8, CRLF line ends, a header row, one
 * row per claim × evidence link (see `evidenceTable` for the columns). String cells are
 * neutralised against formula injection. With `bom: true` the file starts with a UTF-8 byte
 * order mark, which Excel needs to read UTF-8 (without it, "—" and "«" arrive as mojibake).
 *
 * Streamed: rows are stringified in batches as claims arrive; memory holds one batch.
 */
import { stringify, type Options } from 'csv-stringify/sync';
import type { ExportSourceData } from './model';
import { neutralizeCell, type Cell } from './neutralize';
import { evidenceRows, evidenceTable } from './rows';

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (for Excel). */
  bom?: boolean;
}

/**
 * csv-stringify quotes a field holding the record delimiter (CRLF) but not one holding a lone LF
 * or CR, which Excel and most parsers would read as a line break: `quoted_match` quotes those too.
 */
const CSV_OPTIONS: Options = { record_delimiter: 'windows', eof: true, quoted_match: /[\r\n]/ };
const BATCH_ROWS = 1000;

export async function* csvChunks(data: ExportSourceData, options: CsvOptions = {}): AsyncGenerator<string> {
  const table = evidenceTable(data.layout);
  yield (options.bom ? '\uFEFF' : '') + stringify([table.headers.map(neutralizeCell)], CSV_OPTIONS);
  let batch: Cell[][] = [];
  for await (const claim of data.claims()) {
    for (const row of evidenceRows(claim)) batch.push(table.cells(row).map(neutralizeCell));
    if (batch.length >= BATCH_ROWS) {
      yield stringify(batch, CSV_OPTIONS);
      batch = [];
    }
  }
  if (batch.length) yield stringify(batch, CSV_OPTIONS);
}
