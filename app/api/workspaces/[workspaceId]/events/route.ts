import { errorResponse, requireApiUser } from '@/app/_server/api';
import type { LiveEvent } from '@/db/events';
import { openLiveStream } from '@/db/queries/live';
import { resolveSession } from '@/db/queries/sessions';

type Context = { params: Promise<{ workspaceId: string }> };

const HEARTBEAT_MS = 15_000;

/**
 * Live updates as server-sent events: claims, comments and notifications of the workspace, and
 * who else has the document (`?document=`) open. Events carry ids; pages reload what they show.
 */
export async function GET(request: Request, context: Context) {
  try {
    const user = await requireApiUser();
    const { workspaceId } = await context.params;
    const documentId = new URL(request.url).searchParams.get('document');
    const encoder = new TextEncoder();
    let stop = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const write = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        const send = (event: LiveEvent) => write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        const end = () => {
          stop();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        const live = openLiveStream({
          actor: user,
          name: user.name,
          workspaceId,
          documentId,
          send,
          revoked: end,
        });
        // The session (signed out, deactivated) and the membership are also checked on a timer,
        // for a stream that receives no events.
        const heartbeat = setInterval(async () => {
          const session = await resolveSession({ sessionId: user.sessionId }).catch(() => null);
          if (!session || !live.stillAllowed()) return end();
          write(': heartbeat\n\n');
        }, HEARTBEAT_MS);
        stop = () => {
          clearInterval(heartbeat);
          live.close();
          stop = () => {};
        };
        request.signal.addEventListener('abort', () => stop());
        write('retry: 2000\n\n');
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
