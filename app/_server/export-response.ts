/**
 * An export as a streamed download, shared by the session endpoint and the REST API: the query
 * names the format (csv, xlsx, json, w3c, claimreview, markdown), an optional document, the
 * evidence table's filters, and `bom=1` for a CSV that Excel opens as UTF-8.
 */
import { z } from 'zod';
import { openExport } from '@/db/queries/export';
import type { Actor } from '@/db/queries/access';
import { AppError } from '@/lib/errors';
import { EXPORT_FORMAT_KEYS, EXPORT_FORMATS, exportFileName, serialize } from '@/lib/export';
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
  const data = await openExport({
    actor,
    workspaceId,
    baseUrl: url.origin,
    filters: filtersFromParams(url.searchParams),
  });
  const bom = ['1', 'true', 'yes'].includes(url.searchParams.get('bom') ?? '');
  const iterator = serialize(key, data, { bom })[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        console.error('Export failed while streaming', error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  const name = exportFileName(key, data.context);
  return new Response(body, {
    headers: {
      'Content-Type': EXPORT_FORMATS[key].contentType,
      'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
