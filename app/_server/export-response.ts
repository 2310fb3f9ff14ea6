/**
 * An export as a streamed download, shared by the session endpoint and the REST API: the query
 * names the format (csv, xlsx, json, w3c, claimreview, markdown), an optional document, the
 * evidence table's filters, and `bom=1` for a CSV that Excel opens as UTF-8. The whole download
 * is read from one snapshot of the database (db/queries/export.ts), on a thread of the worker pool
 * with its own connection (db/export-job.ts); only a database no other thread can open (an
 * in-memory one, in tests) is exported on the event loop.
 */
import { z } from 'zod';
import { exportInWorker } from '@/db/export-job';
import { openExport } from '@/db/queries/export';
import { appStore } from './store';
import type { Actor } from '@/db/queries/access';
import { AppError } from '@/lib/errors';
import {
  EXPORT_FORMAT_KEYS,
  EXPORT_FORMATS,
  exportFileName,
  serialize,
  VIEW_FORMATS,
  type ExportFormat,
  type ViewExport,
} from '@/lib/export';
import { tableViewSchema } from '@/lib/export/table-view';
import { filtersFromParams, rejectedFilter } from '@/lib/export/table-filters';

const formatSchema = z.enum(EXPORT_FORMAT_KEYS, {
  error: `Choose a format: ${EXPORT_FORMAT_KEYS.join(', ')}.`,
});

export async function exportResponse(actor: Actor, workspaceId: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const format = formatSchema.safeParse(url.searchParams.get('format') ?? '');
  if (!format.success) {
    throw new AppError('invalid', 'export', format.error.issues[0]!.message, { field: 'format' });
  }
  const key = format.data;
  const rejected = rejectedFilter(url.searchParams);
  if (rejected) {
    throw new AppError(
      'invalid',
      'export',
      `“${rejected.value}” is not a value the ${rejected.key} filter takes.`,
      {
        field: rejected.key,
      },
    );
  }
  const store = appStore();
  const bom = ['1', 'true', 'yes'].includes(url.searchParams.get('bom') ?? '');
  const view = viewOf(url.searchParams, key);
  const params = { actor, workspaceId, baseUrl: url.origin, filters: filtersFromParams(url.searchParams) };
  // Off by default until a 500 seen in e2e/xss.spec is understood (WARRANT_EXPORT_IN_POOL=1 turns it on).
  if (store.reopen && process.env.WARRANT_EXPORT_IN_POOL === '1') {
    const { fileName, body } = await exportInWorker(store, params, key, { bom, view });
    return new Response(body, { headers: downloadHeaders(key, fileName) });
  }
  // The export reads one snapshot, held while the body streams: the Response is answered as soon
  // as the export is open (authorized, its layout read), and the snapshot ends with the stream
  // (all sent, failed, or cancelled by the client).
  return new Promise<Response>((resolve, reject) => {
    let answered = false;
    openExport(store, params, async (data) => {
      const iterator = serialize(key, data, { bom, view })[Symbol.asyncIterator]();
      let end = () => {};
      const ended = new Promise<void>((done) => (end = done));
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const { value, done } = await iterator.next();
            if (done) {
              controller.close();
              end();
            } else controller.enqueue(value);
          } catch (error) {
            console.error('Export failed while streaming', error);
            controller.error(error);
            end();
          }
        },
        async cancel() {
          try {
            await iterator.return?.();
          } finally {
            end();
          }
        },
      });
      answered = true;
      const name = exportFileName(key, data.context, { bom, view: Boolean(view) });
      resolve(new Response(body, { headers: downloadHeaders(key, name) }));
      await ended;
    }).catch((error: unknown) => {
      if (answered) console.error('Export failed after it started', error);
      else reject(error);
    });
  });
}

/**
 * `columns=view` asks for the evidence table as shown (CSV and XLSX): the columns (`cols`), the
 * sort (`sort`, `dir`) and the grouping (`group`) of the table page's address. Anything else is
 * every column.
 */
function viewOf(params: URLSearchParams, format: ExportFormat): ViewExport | undefined {
  const wanted = params.get('columns');
  if (wanted === null || wanted === 'all') return undefined;
  if (wanted !== 'view') {
    throw new AppError('invalid', 'export', 'Choose columns=view (the table as shown) or columns=all.', {
      field: 'columns',
    });
  }
  if (!VIEW_FORMATS.includes(format)) {
    throw new AppError('invalid', 'export', 'Only CSV and Excel exports can follow the table’s view.', {
      field: 'columns',
    });
  }
  const first = (k: string) => params.get(k) ?? undefined;
  const { cols, sort, dir, group } = tableViewSchema.parse({
    cols: first('cols'),
    sort: first('sort'),
    dir: first('dir'),
    group: first('group'),
  });
  return { cols, sort, dir, group };
}

const downloadHeaders = (key: ExportFormat, name: string) => ({
  'Content-Type': EXPORT_FORMATS[key].contentType,
  'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
});
