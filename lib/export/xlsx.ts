/**
 * The workbook export (XLSX), written with a streaming writer (./xlsx-writer) so rows go to the
 * output as they are made. Sheets, in order:
 *
 * - Claims: one row per claim (`claimTable`)
 * - Evidence: one row per claim × evidence link, the same table as the CSV (`evidenceTable`)
 * - Sources: one row per source with its current reliability (`sourceTable`)
 * - Source ratings: the rating history, one row per change (`sourceRatingTable`)
 * - Assessments: one row per assessment (`assessmentTable`)
 * - ACH: each topic's matrix of competing hypotheses (lib/review/ach.ts), one row per item of
 *   evidence × claim of the topic (`achRows`: a topic column, the claim's rank and scores, the
 *   cell's stance, weight and score; "no link" cells included), ready for a pivot table
 * - Documents: the documents the claims are anchored in (`documentTable`)
 *   (Sources, Source ratings and Documents list, in a scoped export, only what its claims cite)
 * - About: workspace, date, author and scope of the export
 *
 * Every sheet has a frozen header row and an auto-filter over its whole range. Cells are only
 * ever strings or numbers (never formulas); strings are neutralised against formula injection,
 * stripped of the control characters XML cannot carry, and cut at Excel's 32,767 characters per
 * cell (with a marker; the JSON export keeps the full text). A sheet that would pass Excel's
 * 1,048,576 rows continues in "Evidence (2)" and so on.
 *
 * A streaming writer cannot interleave sheets, and reading the claims costs as much as writing
 * them, so claims() is read once: while the Claims sheet is written, the rows of the Evidence and
 * Assessments sheets are put aside in temporary files (one JSON array of cells per line, in a
 * directory of their own, removed when the export ends or fails), then read back in order. Every
 * few hundred rows the writer yields to the event loop and waits until the output stream has room
 * (rows are deflated into it as they are added), so memory stays flat however many claims there
 * are, and a slow or cancelled download slows or stops the reading of claims.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ACH_MAX_HYPOTHESES, buildAch, NO_LINK } from '../review/ach';
import { achLinks } from './markdown';
import type { ExportClaim, ExportSourceData } from './model';
import { neutralize, type Cell } from './neutralize';
import { XlsxWriter } from './xlsx-writer';
import {
  assessmentTable,
  claimTable,
  documentTable,
  evidenceRows,
  evidenceTable,
  isScoped,
  scopeLabel,
  sourceRatingTable,
  sourceTable,
} from './rows';

export interface XlsxOptions {
  /** Rows per sheet, header included, before continuing in a new sheet (Excel's limit by default). */
  maxRowsPerSheet?: number;
}

export const XLSX_SHEETS = [
  'Claims',
  'Evidence',
  'Sources',
  'Source ratings',
  'Assessments',
  'ACH',
  'Documents',
  'About',
] as const;

const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_CELL_CHARS = 32_767;
const TRUNCATED = ' … [cut at 32,767 characters; see the JSON export]';
const ROWS_BETWEEN_YIELDS = 256;
const CLOSED = 'The XLSX output was closed before the export finished.';
// Characters XML 1.0 cannot carry (exceljs would drop most of them silently).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const HAS_XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** A cell as written to the workbook: a number, an empty cell, or a safe string. */
export function xlsxCell(value: Cell): string | number | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  let text = neutralize(value.isWellFormed() ? value : value.toWellFormed());
  // Neutralise again after stripping: "\u0001=1" must not become "=1".
  if (HAS_XML_INVALID.test(text)) text = neutralize(text.replace(XML_INVALID, ''));
  if (text.length > EXCEL_MAX_CELL_CHARS)
    text = (text.slice(0, EXCEL_MAX_CELL_CHARS - TRUNCATED.length) + TRUNCATED).toWellFormed();
  return text;
}

const WIDE = /^(statement|quote|note|rationale|decision rationale|passage \d+|description|reason|title)$/;

function columnWidth(header: string): number {
  return WIDE.test(header) ? 50 : Math.min(40, Math.max(12, header.length + 2));
}

type Rows = AsyncIterable<Cell[]> | Iterable<Cell[]>;

/** A writable stream: the output, or a spool file. */
interface Drainable {
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
  destroyed?: boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
}

/** Resolves when `stream` has room again (or is closed). */
async function drained(stream: Drainable | undefined): Promise<void> {
  if (!stream || stream.destroyed) return;
  if (!(stream.writableNeedDrain ?? stream._writableState?.needDrain)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.removeListener('drain', done);
      stream.removeListener('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

/**
 * Rows kept on disk while another sheet is written: one JSON array of cells per line (JSON escapes
 * line breaks inside strings, so a line is a row; numbers, strings and nulls come back as they
 * went, lone surrogates included).
 */
class Spool {
  private readonly out: WriteStream;
  private buffer = '';
  private failure: Error | null = null;

  constructor(private readonly file: string) {
    this.out = createWriteStream(file, { mode: 0o600, highWaterMark: SPOOL_HIGH_WATER });
    this.out.on('error', (error) => {
      this.failure = error;
    });
  }

  async push(cells: Cell[]): Promise<void> {
    this.buffer += JSON.stringify(cells) + '\n';
    if (this.buffer.length < SPOOL_CHUNK) return;
    if (this.failure) throw this.failure;
    const room = this.out.write(this.buffer);
    this.buffer = '';
    if (!room) await drained(this.out);
  }

  /** Finishes writing; then `rows()` reads the rows back. */
  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.out.end(this.buffer);
    this.buffer = '';
    await finished(this.out);
  }

  async *rows(): AsyncGenerator<Cell[]> {
    let rest = '';
    for await (const chunk of createReadStream(this.file, { encoding: 'utf8', highWaterMark: SPOOL_CHUNK })) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        yield JSON.parse(text.slice(start, end)) as Cell[];
        start = end + 1;
      }
      rest = text.slice(start);
    }
  }

  destroy(): void {
    this.out.destroy();
  }
}

/**
 * Characters of JSON per write to (and read from) a spool file. Small pieces die young: with 64 Ki
 * (a two-byte string that long goes straight to the large-object space) 100k claims peaked at
 * 225–245 MB RSS, with 16 Ki at ~180 MB, and ran no slower.
 */
const SPOOL_CHUNK = 1 << 14;
const SPOOL_HIGH_WATER = 1 << 20;

class SheetWriter {
  private rowsSinceYield = 0;

  constructor(
    private readonly workbook: XlsxWriter,
    private readonly output: Writable,
    private readonly maxDataRows: number,
  ) {}

  private open(name: string, headers: string[]): void {
    this.workbook.startSheet(name, { widths: headers.map(columnWidth) });
    this.workbook.addRow(headers.map(xlsxCell), { header: true });
  }

  /** Waits until zlib and the output have room (rows are deflated into it as they are added). */
  private async breathe(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.workbook.drained();
    // The reader went away (a cancelled download): stop reading claims.
    if (this.output.destroyed) throw new Error(CLOSED);
  }

  async write(name: string, headers: string[], rows: Rows): Promise<void> {
    let part = 1;
    this.open(name, headers);
    let count = 0;
    for await (const cells of rows) {
      if (count === this.maxDataRows) {
        await this.workbook.endSheet(headers.length);
        this.open(`${name} (${++part})`, headers);
        count = 0;
      }
      this.workbook.addRow(cells.map(xlsxCell));
      count++;
      if (++this.rowsSinceYield >= ROWS_BETWEEN_YIELDS) {
        this.rowsSinceYield = 0;
        await this.breathe();
      }
    }
    await this.workbook.endSheet(headers.length);
  }
}

function newWorkbook(stream: Writable, exportedAt: string) {
  return new XlsxWriter(stream, { creator: 'Warrant', created: new Date(exportedAt) });
}

export const ACH_HEADERS = [
  'topic',
  'rank',
  'claim id',
  'statement',
  'inconsistency',
  'support',
  'source',
  'rating',
  'quote',
  'locator',
  'diagnosticity',
  'stance',
  'weight',
  'score',
];

/**
 * The ACH sheet's rows of one topic: its first `ACH_MAX_HYPOTHESES` claims (as the app's topic
 * page), every item of evidence × every claim, by diagnosticity then rank. None for a topic of
 * fewer than two claims.
 */
export function achRows(topic: string, claims: readonly ExportClaim[]): Cell[][] {
  if (claims.length < 2) return [];
  const m = buildAch(claims, achLinks(claims));
  return m.rows.flatMap((r) =>
    r.cells.map((cell, i) => {
      const h = m.hypotheses[i]!;
      return [
        topic,
        h.rank,
        h.id,
        h.statement,
        h.inconsistency,
        h.support,
        r.sourceName,
        r.credibilities.map((c) => `${r.reliability}${c}`).join(', '),
        r.quote,
        r.locator,
        r.diagnosticity,
        cell.stance ?? NO_LINK.word,
        cell.weight,
        cell.score,
      ];
    }),
  );
}

/** Writes the workbook into `stream` (which it ends) and resolves when everything is written. */
export async function writeXlsx(
  data: ExportSourceData,
  stream: Writable,
  options: XlsxOptions = {},
): Promise<void> {
  const workbook = newWorkbook(stream, data.context.exportedAt);
  const maxDataRows = Math.max(1, Math.min(options.maxRowsPerSheet ?? EXCEL_MAX_ROWS, EXCEL_MAX_ROWS) - 1);
  const sheets = new SheetWriter(workbook, stream, maxDataRows);

  const claims = claimTable(data.layout);
  const evidence = evidenceTable(data.layout);
  const assessments = assessmentTable();
  const dir = await mkdtemp(path.join(tmpdir(), 'warrant-xlsx-'));
  const evidenceSpool = new Spool(path.join(dir, 'evidence.jsonl'));
  const assessmentSpool = new Spool(path.join(dir, 'assessments.jsonl'));
  const achSpool = new Spool(path.join(dir, 'ach.jsonl'));
  // A scoped export (a document, the table's filters) lists only the documents and sources its
  // claims refer to; the whole workspace's export lists every one (the registry, cited or not).
  const usedDocuments = new Set<string>();
  const usedSources = new Set<string>();
  const scoped = isScoped(data);
  try {
    // One pass over the claims: the Claims sheet, with the rows of Evidence and Assessments put aside.
    // Claims arrive by topic: a topic's first claims are held until the next topic begins.
    let topic: string | null = null;
    let held: ExportClaim[] = [];
    const flushTopic = async () => {
      if (topic !== null) for (const row of achRows(topic, held)) await achSpool.push(row);
      held = [];
    };
    async function* claimRows(): AsyncGenerator<Cell[]> {
      for await (const claim of data.claims()) {
        if (claim.topic !== topic) {
          await flushTopic();
          topic = claim.topic;
        }
        if (topic !== null && held.length < ACH_MAX_HYPOTHESES) held.push(claim);
        // The reader went away: stop reading claims now, not at the next pause of the sheet.
        if (stream.destroyed) throw new Error(CLOSED);
        for (const row of evidenceRows(claim)) await evidenceSpool.push(evidence.cells(row));
        for (const a of claim.anchors) usedDocuments.add(a.documentId);
        for (const e of claim.evidence) usedSources.add(e.sourceId);
        for (const assessment of claim.assessments)
          await assessmentSpool.push(assessments.cells({ claim, assessment }));
        yield claims.cells(claim);
      }
    }
    await sheets.write('Claims', claims.headers, claimRows());
    await flushTopic();
    await evidenceSpool.close();
    await assessmentSpool.close();
    await achSpool.close();

    await sheets.write('Evidence', evidence.headers, evidenceSpool.rows());

    const sourceList = scoped ? data.sources.filter((x) => usedSources.has(x.id)) : data.sources;
    const documentList = scoped ? data.documents.filter((d) => usedDocuments.has(d.id)) : data.documents;
    const sources = sourceTable();
    await sheets.write('Sources', sources.headers, sourceList.map(sources.cells));

    const ratings = sourceRatingTable();
    await sheets.write(
      'Source ratings',
      ratings.headers,
      sourceList.flatMap((source) => source.ratings.map((_, index) => ratings.cells({ source, index }))),
    );

    await sheets.write('Assessments', assessments.headers, assessmentSpool.rows());

    await sheets.write('ACH', ACH_HEADERS, achSpool.rows());

    const documents = documentTable();
    await sheets.write('Documents', documents.headers, documentList.map(documents.cells));

    const { context } = data;
    await sheets.write(
      'About',
      ['field', 'value'],
      [
        ['workspace', context.workspace.name],
        ['workspace id', context.workspace.id],
        ['exported at', context.exportedAt],
        ['exported by', context.exportedBy],
        ['scope', scopeLabel(data)],
        ['address', context.baseUrl],
        [
          'note',
          'Text cells that began with = + - @, a tab, a carriage return or NUL start with an added apostrophe, so that no cell is ever run as a formula.',
        ],
      ],
    );
  } finally {
    evidenceSpool.destroy();
    assessmentSpool.destroy();
    achSpool.destroy();
    await rm(dir, { recursive: true, force: true });
  }

  await workbook.finish();
}

/**
 * A workbook of one sheet holding a table as it is (the evidence table's view: its columns, its
 * order, its grouping), with the same guarantees as the full workbook: frozen header, filters,
 * cells never formulas.
 */
export async function writeTableXlsx(
  table: { name: string; headers: string[]; rows: Iterable<Cell[]> | AsyncIterable<Cell[]> },
  data: Pick<ExportSourceData, 'context'>,
  stream: Writable,
): Promise<void> {
  const workbook = newWorkbook(stream, data.context.exportedAt);
  const sheets = new SheetWriter(workbook, stream, EXCEL_MAX_ROWS - 1);
  await sheets.write(table.name, table.headers, table.rows);
  await workbook.finish();
}
