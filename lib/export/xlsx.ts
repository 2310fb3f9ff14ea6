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
 * Reading the claims costs as much as writing them, so claims() is read once: while the Claims
 * sheet streams into the workbook, the Evidence, Assessments and ACH sheets are written at the
 * same time, each deflated into temporary files (in a directory of their own, removed when the
 * export ends or fails) that the workbook takes in, already compressed, when it ends. Every few
 * hundred rows the writer yields to the event loop and waits until zlib and the output (or the
 * file) have room, so memory stays flat however many claims there are, and a slow or cancelled
 * download slows or stops the reading of claims.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { ACH_MAX_HYPOTHESES, buildAch, NO_LINK } from '../review/ach';
import { achLinks } from './markdown';
import type { ExportClaim, ExportSourceData } from './model';
import { neutralize, type Cell } from './neutralize';
import { XlsxWriter, type XlsxSheet } from './xlsx-writer';
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

/**
 * A sheet written a row at a time, continued in "Name (2)" and so on past `maxDataRows` rows (each
 * part with the header row). Written straight into the workbook, or (`deferTo`, given the part's
 * number) deflated into a file that the workbook takes in at its end.
 */
class SheetSeries {
  private sheet: XlsxSheet;
  private part = 1;
  private count = 0;
  private rowsSinceYield = 0;

  constructor(
    private readonly workbook: XlsxWriter,
    private readonly output: Writable,
    private readonly name: string,
    private readonly headers: string[],
    private readonly options: { maxDataRows: number; order: number; deferTo?: (part: number) => string },
  ) {
    this.sheet = this.open();
  }

  private open(): XlsxSheet {
    const name = this.part === 1 ? this.name : `${this.name} (${this.part})`;
    const sheet = this.workbook.sheet(
      name,
      { widths: this.headers.map(columnWidth) },
      { order: this.options.order, deferTo: this.options.deferTo?.(this.part) },
    );
    sheet.addRow(this.headers.map(xlsxCell), { header: true });
    return sheet;
  }

  async add(cells: Cell[]): Promise<void> {
    if (this.count === this.options.maxDataRows) {
      await this.sheet.end();
      this.part++;
      this.count = 0;
      this.sheet = this.open();
    }
    this.sheet.addRow(cells.map(xlsxCell));
    this.count++;
    if (++this.rowsSinceYield >= ROWS_BETWEEN_YIELDS) {
      this.rowsSinceYield = 0;
      // Other requests go first; then wait until zlib and the output (or the file) have room.
      await new Promise((resolve) => setImmediate(resolve));
      await this.sheet.drained();
      // The reader went away (a cancelled download): stop reading claims.
      if (this.output.destroyed) throw new Error(CLOSED);
    }
  }

  end(): Promise<void> {
    return this.sheet.end();
  }
}

/** Writes a whole sheet (continued past `maxDataRows`) straight into the workbook. */
async function writeSheet(
  workbook: XlsxWriter,
  output: Writable,
  name: string,
  headers: string[],
  rows: Rows,
  options: { maxDataRows: number; order: number },
): Promise<void> {
  const series = new SheetSeries(workbook, output, name, headers, options);
  for await (const cells of rows) await series.add(cells);
  await series.end();
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
  const order = (name: (typeof XLSX_SHEETS)[number]) => XLSX_SHEETS.indexOf(name);
  const write = (name: (typeof XLSX_SHEETS)[number], headers: string[], rows: Rows) =>
    writeSheet(workbook, stream, name, headers, rows, { maxDataRows, order: order(name) });

  const claims = claimTable(data.layout);
  const evidence = evidenceTable(data.layout);
  const assessments = assessmentTable();
  const dir = await mkdtemp(path.join(tmpdir(), 'warrant-xlsx-'));
  // Filled in the same pass over the claims as the Claims sheet, each deflated into its own files.
  const aside = (name: (typeof XLSX_SHEETS)[number], headers: string[], file: string) =>
    new SheetSeries(workbook, stream, name, headers, {
      maxDataRows,
      order: order(name),
      deferTo: (part) => path.join(dir, `${file}-${part}.xml.deflate`),
    });
  // A scoped export (a document, the table's filters) lists only the documents and sources its
  // claims refer to; the whole workspace's export lists every one (the registry, cited or not).
  const usedDocuments = new Set<string>();
  const usedSources = new Set<string>();
  const scoped = isScoped(data);
  try {
    const evidenceSheet = aside('Evidence', evidence.headers, 'evidence');
    const assessmentSheet = aside('Assessments', assessments.headers, 'assessments');
    const achSheet = aside('ACH', ACH_HEADERS, 'ach');
    // One pass over the claims: the Claims sheet, with the rows of Evidence, Assessments and ACH
    // deflated aside. Claims arrive by topic: a topic's first claims are held until the next begins.
    let topic: string | null = null;
    let held: ExportClaim[] = [];
    const flushTopic = async () => {
      if (topic !== null) for (const row of achRows(topic, held)) await achSheet.add(row);
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
        for (const row of evidenceRows(claim)) await evidenceSheet.add(evidence.cells(row));
        for (const a of claim.anchors) usedDocuments.add(a.documentId);
        for (const e of claim.evidence) usedSources.add(e.sourceId);
        for (const assessment of claim.assessments)
          await assessmentSheet.add(assessments.cells({ claim, assessment }));
        yield claims.cells(claim);
      }
    }
    await write('Claims', claims.headers, claimRows());
    await flushTopic();
    await evidenceSheet.end();
    await assessmentSheet.end();
    await achSheet.end();

    const sourceList = scoped ? data.sources.filter((x) => usedSources.has(x.id)) : data.sources;
    const documentList = scoped ? data.documents.filter((d) => usedDocuments.has(d.id)) : data.documents;
    const sources = sourceTable();
    await write('Sources', sources.headers, sourceList.map(sources.cells));

    const ratings = sourceRatingTable();
    await write(
      'Source ratings',
      ratings.headers,
      sourceList.flatMap((source) => source.ratings.map((_, index) => ratings.cells({ source, index }))),
    );

    const documents = documentTable();
    await write('Documents', documents.headers, documentList.map(documents.cells));

    const { context } = data;
    await write(
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
    // The sheets written aside are placed in the workbook as it ends (their tabs in their places).
    await workbook.finish();
  } catch (error) {
    workbook.abort();
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
  await writeSheet(workbook, stream, table.name, table.headers, table.rows, {
    maxDataRows: EXCEL_MAX_ROWS - 1,
    order: 0,
  });
  await workbook.finish();
}
