/**
 * The full model as JSON, for programs and for a later re-import:
 * `{ "format": "warrant-export", "version": 1, "context", "documents", "sources", "claims": [...] }`.
 * Streamed: the head is written first, then one claim per line, so memory holds one claim.
 * Text is written as the analysts typed it (no formula neutralisation: JSON is not opened by a
 * spreadsheet, and programs need the exact text).
 */
import type { ExportSourceData } from './model';

export const JSON_EXPORT_FORMAT = 'warrant-export';
export const JSON_EXPORT_VERSION = 1;

export async function* jsonChunks(data: ExportSourceData): AsyncGenerator<string> {
  const head = {
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    context: data.context,
    documents: data.documents,
    sources: data.sources,
  };
  const headJson = JSON.stringify(head);
  yield `${headJson.slice(0, -1)},\n"claims":[`;
  let first = true;
  for await (const claim of data.claims()) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(claim)}`;
    first = false;
  }
  yield '\n]}\n';
}
