import { z } from 'zod';
import { requireApiUser } from '@/app/_server/api';
import { errorResponse } from '@/app/_server/errors';
import { appStore } from '@/app/_server/store';
import { getReaderRevision } from '@/db/queries/revisions';
import { AppError } from '@/lib/errors';

const query = z.object({
  revision: z.string().min(1).max(100),
  digest: z.string().min(1).max(100).optional(),
});

/**
 * A revision's text as the reader draws it (lib/reader-preload.ts `readerTextPath`): drawn once
 * per revision and kept (db/queries/revisions.ts `getReaderRevision`), sent compressed, and kept
 * by the browser for good when the address names the drawing's digest too (a revision never
 * changes; another drawing of it is another digest). Sent as plain text (never rendered by a
 * browser as a page); the reader puts it in place.
 */
export async function GET(request: Request, context: { params: Promise<{ documentId: string }> }) {
  try {
    const user = await requireApiUser();
    const { documentId } = await context.params;
    const url = new URL(request.url);
    const parsed = query.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) throw new AppError('bad_request', 'revision', 'Name the revision to read its text.');
    const { revision, digest } = parsed.data;
    const { reader } = await getReaderRevision(appStore(), { actor: user, documentId, revisionId: revision });
    if (digest !== undefined && reader.digest !== digest)
      throw new AppError(
        'conflict',
        'revision',
        'This text is drawn differently since the page was opened. Reload the page.',
      );
    // Without the digest, the address does not name the drawing: the browser asks again each time
    // (and is told "not modified" while the drawing is the same).
    const etag = `"${reader.digest}"`;
    const headers = {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': digest ? 'private, max-age=31536000, immutable' : 'private, no-cache',
      ETag: etag,
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(reader.html, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}
