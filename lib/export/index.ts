/**
 * The export formats and one dispatcher. Every format reads the same `ExportSourceData` (one
 * presenter, `rows.ts`, for the tabular ones) and streams: `serialize` returns bytes as they are
 * made, so a route handler can pipe them into the response without holding the file.
 */
import { PassThrough } from 'node:stream';
import { claimReviewChunks } from './claimreview';
import { csvChunks, csvTableChunks } from './csv';
import { briefHtmlChunks } from './html';
import { jsonChunks } from './json';
import { markdownChunks } from './markdown';
import type { ExportContext, ExportSourceData } from './model';
import { w3cChunks } from './w3c';
import { viewHeaders, viewRows, type ViewExport } from './view';
import { writeTableXlsx, writeXlsx } from './xlsx';

export type ExportFormat = 'csv' | 'xlsx' | 'json' | 'w3c' | 'claimreview' | 'markdown' | 'html';

export interface ExportFormatInfo {
  label: string;
  contentType: string;
  extension: string;
  description: string;
}

export const EXPORT_FORMATS: Record<ExportFormat, ExportFormatInfo> = {
  csv: {
    label: 'CSV',
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    description: 'The evidence table, one row per claim and evidence link.',
  },
  xlsx: {
    label: 'Excel workbook',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    description: 'Claims, evidence, sources, rating history and assessments, one sheet each.',
  },
  json: {
    label: 'JSON',
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    description: 'Everything, for programs and re-import.',
  },
  w3c: {
    label: 'W3C Web Annotations',
    contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
    extension: 'jsonld',
    description: 'Passages as W3C Web Annotations, for annotation tools.',
  },
  claimreview: {
    label: 'ClaimReview',
    contentType: 'application/ld+json; charset=utf-8',
    extension: 'jsonld',
    description: 'Adjudicated claims as schema.org ClaimReview, for fact-checking tools.',
  },
  markdown: {
    label: 'Markdown brief',
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
    description: 'A readable brief, grouped by topic.',
  },
  html: {
    label: 'HTML brief',
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
    description: 'The brief as a web page that prints cleanly.',
  },
};

export const EXPORT_FORMAT_KEYS = Object.keys(EXPORT_FORMATS) as [ExportFormat, ...ExportFormat[]];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(EXPORT_FORMATS, value);
}

export interface SerializeOptions {
  /** CSV only: start with a UTF-8 byte order mark (for Excel). */
  bom?: boolean;
  /** XLSX only: rows per sheet before continuing in a new sheet (tests). */
  maxRowsPerSheet?: number;
  /**
   * CSV and XLSX: the evidence table as shown (its columns, order and grouping) instead of every
   * column; the other formats carry everything whatever the view.
   */
  view?: ViewExport;
}

/** Formats that can export the table's view. */
export const VIEW_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

async function* encode(chunks: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of chunks) if (chunk) yield encoder.encode(chunk);
}

async function* xlsxBytes(data: ExportSourceData, options: SerializeOptions): AsyncGenerator<Uint8Array> {
  const out = new PassThrough();
  const { view } = options;
  const written = view
    ? writeTableXlsx(
        { name: 'Evidence table', headers: viewHeaders(view), rows: viewRows(data, view) },
        data,
        out,
      )
    : writeXlsx(data, out, { maxRowsPerSheet: options.maxRowsPerSheet });
  written.catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } finally {
    // The consumer stopped early (or the writer failed): release the writer.
    if (!out.destroyed) out.destroy();
  }
}

/** The export in `format`, as bytes streamed while the claims are read. */
export function serialize(
  format: ExportFormat,
  data: ExportSourceData,
  options: SerializeOptions = {},
): AsyncIterable<Uint8Array> {
  switch (format) {
    case 'csv':
      return encode(
        options.view
          ? csvTableChunks(viewHeaders(options.view), viewRows(data, options.view), { bom: options.bom })
          : csvChunks(data, { bom: options.bom }),
      );
    case 'xlsx':
      return xlsxBytes(data, options);
    case 'json':
      return encode(jsonChunks(data));
    case 'w3c':
      return encode(w3cChunks(data));
    case 'claimreview':
      return encode(claimReviewChunks(data));
    case 'markdown':
      return encode(markdownChunks(data));
    case 'html':
      return encode(briefHtmlChunks(data));
  }
}

/**
 * "warrant-sahel-desk-2026-03-10.csv" (ASCII only, for a Content-Disposition filename); the table's
 * view adds "-view", a CSV for Excel "-excel", so that no two downloads of one day share a name.
 */
export function exportFileName(
  format: ExportFormat,
  context: ExportContext,
  { bom = false, view = false }: { bom?: boolean; view?: boolean } = {},
): string {
  const slug =
    context.workspace.name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'workspace';
  const suffix =
    (format === 'w3c' ? '-annotations' : format === 'claimreview' ? '-claimreview' : '') +
    (view && VIEW_FORMATS.includes(format) ? '-view' : '') +
    (bom && format === 'csv' ? '-excel' : '');
  return `warrant-${slug}-${context.exportedAt.slice(0, 10)}${suffix}.${EXPORT_FORMATS[format].extension}`;
}

export type * from './model';
export { documentUrl, claimUrl, claimApiUrl, CLAIM_STATUS_LABELS } from './model';
export {
  evidenceRows,
  evidenceColumns,
  evidenceCells,
  evidenceTable,
  claimTable,
  scanLayout,
  ExportLayoutError,
} from './rows';
export type { RowLayout, EvidenceRow, Table } from './rows';
export { neutralize, neutralizeCell, type Cell } from './neutralize';
export { csvChunks, csvTableChunks, type CsvOptions } from './csv';
export { viewHeaders, viewRows, type ViewExport } from './view';
export { writeXlsx, XLSX_SHEETS, type XlsxOptions } from './xlsx';
export { jsonChunks } from './json';
export { w3cChunks, toCodePointOffset } from './w3c';
export { claimReviewChunks, CLAIM_REVIEW_RATINGS } from './claimreview';
export { markdownChunks, escapeMarkdown } from './markdown';
