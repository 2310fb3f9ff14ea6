import { requireApiUser } from '@/app/_server/api';
import { errorResponse } from '@/app/_server/errors';
import { appStore } from '@/app/_server/store';
import type { LiveEvent } from '@/db/events';
import { openLiveStream } from '@/db/queries/live';
import { resolveSession } from '@/db/queries/sessions';

type Context = { params: Promise<{ workspaceId: string }> };

const HEARTBEAT_MS = 15_000;

/**
 * Live updates as server-sent events: claims, comments and notifications of the workspace, and
 * who else has the document (`?document=`) open. Events carry ids; pages reload what they show.
 * The stream is opened (membership checked) before the response starts, so that a refusal is an
 * ordinary JSON error with its status.
 */
export async function GET(request: Request, context: Context) {
  try {
    const store = appStore();
    const user = await requireApiUser();
    const { workspaceId } = await context.params;
    const documentId = new URL(request.url).searchParams.get('document');
    const encoder = new TextEncoder();
    // Text written before the response stream has started (none in practice: events are
    // delivered on a later turn of the event loop) waits here.
    let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
    const early: string[] = [];
    let stop = () => {};
    let ended = false;
    const write = (text: string) => {
      if (!controller) {
        early.push(text);
        return;
      }
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        stop();
      }
    };
    const end = () => {
      ended = true;
      stop();
      try {
        controller?.close();
      } catch {
        // already closed
      }
    };
    const send = (event: LiveEvent) => write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    const live = await openLiveStream(store, {
      actor: user,
      name: user.name,
      workspaceId,
      documentId,
      send,
      revoked: end,
    });
    // The session (signed out, deactivated) and the membership are also checked on a timer,
    // for a stream that receives no events.
    const heartbeat = setInterval(() => {
      void (async () => {
        const session = await resolveSession(store, { sessionId: user.sessionId }).catch(() => null);
        const allowed = session ? await live.stillAllowed().catch(() => false) : false;
        if (!allowed) return end();
        write(': heartbeat\n\n');
      })();
    }, HEARTBEAT_MS);
    stop = () => {
      clearInterval(heartbeat);
      live.close();
      stop = () => {};
    };
    request.signal.addEventListener('abort', () => stop());
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        write('retry: 2000\n\n');
        for (const text of early.splice(0)) write(text);
        if (ended) end();
      },
      cancel() {
        stop();
      },
    });
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
