/**
 * Exports in the worker pool: the export (reading its snapshot, serializing CSV/XLSX/JSON…) runs
 * on a thread of lib/jobs with a connection of its own to the same database (`store.reopen`), and
 * streams its bytes back to the event loop over a MessagePort, with backpressure: the request's
 * stream asks for a piece (`pull`), the thread answers with up to 64 KB. So a 100k-claim export
 * neither holds the event loop nor waits for a turn of it between batches.
 *
 * Errors before the first byte (not a member, a bad filter…) are the job's refusal, thrown again
 * by `exportInWorker` as the same AppError; an error while streaming ends the download with an
 * error (logged), as the in-process export does.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { AppError } from '@/lib/errors';
import { exportFileName, serialize, type ExportFormat, type ViewExport } from '@/lib/export';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import { runPooled } from '@/lib/jobs/pool';
import { refusalAnswer, type TaskAnswer } from '@/lib/jobs/tasks';
import { openStoreAt } from './open';
import type { Actor } from './queries/access';
import { openExport } from './queries/export';
import type { Store, StoreAddress } from './store';

export interface ExportJobParams {
  actor: Actor;
  workspaceId: string;
  baseUrl: string;
  filters?: EvidenceTableFilters;
}

interface ExportJobInput {
  address: StoreAddress;
  params: ExportJobParams;
  format: ExportFormat;
  bom: boolean;
  /** The evidence table's view (CSV and XLSX), or none for every column. */
  view?: ViewExport;
  port: MessagePort;
}

type ToWorker = { type: 'pull' } | { type: 'cancel' };
type FromWorker =
  | { type: 'open'; fileName: string }
  | { type: 'chunk'; chunk: Uint8Array }
  | { type: 'end' }
  | { type: 'error'; message: string };

/** An export may run this long (a 100k-claim XLSX takes tens of seconds on a busy machine). */
export const EXPORT_BUDGET_MS = 15 * 60_000;
const PIECE = 64 * 1024;

/* ---- the worker's side --------------------------------------------------------------------- */

export async function exportJob({
  address,
  params,
  format,
  bom,
  view,
  port,
}: ExportJobInput): Promise<TaskAnswer> {
  // A connection per export, closed after it: an idle thread holds no database open.
  const store = openStoreAt(address, { poolSize: 2 });
  let pulls = 0;
  let cancelled = false;
  let wake: (() => void) | null = null;
  port.on('message', (message: ToWorker) => {
    if (message.type === 'pull') pulls++;
    else cancelled = true;
    wake?.();
  });
  const demand = async () => {
    while (pulls === 0 && !cancelled) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    if (!cancelled) pulls--;
    return !cancelled;
  };
  const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    await openExport(store, params, async (data) => {
      send({ type: 'open', fileName: exportFileName(format, data.context, { bom, view: Boolean(view) }) });
      const iterator = serialize(format, data, { bom, view })[Symbol.asyncIterator]();
      try {
        let pending: Uint8Array[] = [];
        let size = 0;
        const flush = async () => {
          if (!(await demand())) return false;
          const piece = new Uint8Array(size);
          let at = 0;
          for (const part of pending) {
            piece.set(part, at);
            at += part.length;
          }
          send({ type: 'chunk', chunk: piece }, [piece.buffer]);
          pending = [];
          size = 0;
          return true;
        };
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          pending.push(next.value);
          size += next.value.length;
          if (size >= PIECE && !(await flush())) return;
        }
        if (size > 0 && !(await flush())) return;
        send({ type: 'end' });
      } catch (error) {
        console.error('Export failed while streaming', error);
        send({ type: 'error', message: 'The export failed while it was being written.' });
      } finally {
        await iterator.return?.();
      }
    });
    return { ok: true, value: null };
  } catch (error) {
    return refusalAnswer(error);
  } finally {
    // The port is not closed here: the job's answer reaches the event loop on piscina's own
    // channel, possibly before the last pieces sent on this port; the event loop's side closes
    // it once it has read the end (or the error, or cancelled).
    await store.close();
  }
}

/* ---- the event loop's side ----------------------------------------------------------------- */

/**
 * Opens the export on a worker thread and answers, once it is open (authorized, its layout read),
 * its file name and its bytes as a stream. Needs a store other threads can open (`store.reopen`).
 */
export async function exportInWorker(
  store: Store,
  params: ExportJobParams,
  format: ExportFormat,
  { bom = false, view }: { bom?: boolean; view?: ViewExport } = {},
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const address = store.reopen;
  if (!address) throw new Error('This database cannot be opened from another thread.');
  const { port1, port2 } = new MessageChannel();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let arrived: (() => void) | null = null;
  let finished = false;
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        port1.postMessage({ type: 'pull' } satisfies ToWorker);
        return new Promise<void>((resolve) => (arrived = resolve));
      },
      cancel() {
        finished = true;
        port1.postMessage({ type: 'cancel' } satisfies ToWorker);
      },
    },
    { highWaterMark: 2 },
  );
  return new Promise((resolve, reject) => {
    let opened = false;
    port1.on('message', (message: FromWorker) => {
      if (message.type === 'open') {
        opened = true;
        resolve({ fileName: message.fileName, body });
      } else if (finished) {
        return;
      } else if (message.type === 'chunk') {
        controller.enqueue(message.chunk);
      } else if (message.type === 'end') {
        finished = true;
        controller.close();
        port1.close();
      } else {
        finished = true;
        controller.error(new Error(message.message));
        port1.close();
      }
      arrived?.();
      arrived = null;
    });
    runPooled(
      { name: 'export', input: { address, params, format, bom, view, port: port2 } satisfies ExportJobInput },
      { budgetMs: EXPORT_BUDGET_MS, label: 'This export', transferList: [port2] },
    )
      .catch((error: unknown) => {
        if (!opened) return reject(error);
        console.error('Export failed after it started', error);
        if (!finished) {
          finished = true;
          controller.error(error instanceof Error ? error : new Error(String(error)));
          arrived?.();
        }
      })
      .finally(() => {
        // A job that ended without opening (it cannot, but never leave the request waiting).
        if (!opened) reject(new AppError('internal', 'export', 'The export could not be opened.'));
        // Cancelled, failed or never opened: nothing more will come. Otherwise the end (sent
        // before the job's answer, on the other channel) closes the port when it arrives.
        if (finished || !opened) port1.close();
      });
  });
}
