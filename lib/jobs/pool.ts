/**
 * The worker pool: CPU-heavy steps (import conversion, re-anchoring a revision, word diffs,
 * rendering a comment; and the data layer's exports, db/export-job.ts) run
 * here, on worker threads, so that the event loop that serves every analyst of this process never
 * computes for long (DESIGN.md section 4). Each job has a budget:
 *
 * - time: a job still running (or waiting) after its budget is stopped — its thread is terminated
 *   — and refused with a clear message; nothing was written, since jobs only compute and the
 *   caller writes after the answer;
 * - memory: each thread's heap is capped (WARRANT_JOB_MEMORY_MB, default 768); a job over it ends
 *   its thread and is refused the same way;
 * - queue: at most `MAX_QUEUE` jobs wait per process; beyond, a job is refused as busy (503) instead
 *   of piling up.
 *
 * Threads: WARRANT_JOB_THREADS (default: the machine's cores, at least 2, at most 8). One thread
 * is kept warm; the others start on demand and stop after a minute idle.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import Piscina from 'piscina';
import { AppError } from '@/lib/errors';
import type { TaskAnswer, TaskInput, TaskName, TaskOutput, TaskRequest } from './tasks';

/** The time budget of each job, in milliseconds. */
export const JOB_BUDGET_MS: Record<TaskName, number> = {
  convert: 60_000,
  finish: 30_000,
  reanchor: 30_000,
  wordDiff: 10_000,
  renderComment: 10_000,
  renderReader: 30_000,
};

/** What a job is, in the refusal's words. */
const JOB_LABEL: Record<TaskName, string> = {
  convert: 'Converting this document',
  finish: 'Reading this edited document',
  reanchor: 'Re-anchoring the passages on this revision',
  wordDiff: 'Comparing these revisions',
  renderComment: 'Rendering this comment',
  renderReader: 'Preparing this text for reading',
};

const MAX_QUEUE = 64;

const positiveInt = (raw: string | undefined, fallback: number, max: number) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
};

export const jobMemoryMb = () => positiveInt(process.env.WARRANT_JOB_MEMORY_MB, 768, 16_384);

let pool: Piscina<TaskRequest, TaskAnswer> | undefined;

function getPool(): Piscina<TaskRequest, TaskAnswer> {
  pool ??= new Piscina<TaskRequest, TaskAnswer>({
    // The source file itself: worker.cjs loads the TypeScript tasks through tsx, in the app
    // (`npm start`, from the repository root), in tests and in the bench alike.
    filename: path.join(process.cwd(), 'lib', 'jobs', 'worker.cjs'),
    minThreads: 1,
    maxThreads: positiveInt(
      process.env.WARRANT_JOB_THREADS,
      Math.min(8, Math.max(2, availableParallelism())),
      64,
    ),
    idleTimeout: 60_000,
    maxQueue: MAX_QUEUE,
    resourceLimits: { maxOldGenerationSizeMb: jobMemoryMb() },
  });
  return pool;
}

/** Stops the pool's threads (tests, the bench, a server shutting down). */
export async function closeJobPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}

interface JobOptions {
  /** Overrides the job's time budget (tests). */
  budgetMs?: number;
}

/**
 * Runs a job in the worker pool and returns its result; a job's own refusal (an `AppError`) is
 * thrown again as it was, and a job over its budget is refused with a clear message.
 */
export async function runJob<N extends TaskName>(
  name: N,
  input: TaskInput<N>,
  { budgetMs = JOB_BUDGET_MS[name] }: JobOptions = {},
): Promise<TaskOutput<N>> {
  return (await runPooled({ name, input }, { budgetMs, label: JOB_LABEL[name] })) as TaskOutput<N>;
}

/**
 * Runs any task of the worker (./worker.cjs: the tasks of ./tasks.ts, and the data layer's export,
 * db/export-job.ts), with what to transfer to its thread (a MessagePort), its budget and its
 * label for refusals ("Exporting this workspace took longer than…").
 */
export async function runPooled(
  request: { name: string; input: unknown },
  { budgetMs, label, transferList }: { budgetMs: number; label: string; transferList?: Transferable[] },
): Promise<unknown> {
  const p = getPool();
  let answer: TaskAnswer;
  try {
    answer = await p.run(request as TaskRequest, {
      signal: AbortSignal.timeout(budgetMs),
      transferList: transferList as never,
    });
  } catch (error) {
    throw refusal(label, error, budgetMs);
  }
  if (!answer.ok) {
    const { kind, object, message, field } = answer.error;
    throw new AppError(kind, object, message, field ? { field } : {});
  }
  return answer.value;
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('en', { maximumFractionDigits: 1 });

function refusal(what: string, error: unknown, budgetMs: number): unknown {
  const e = error as { name?: string; code?: string; message?: string };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') {
    return new AppError(
      'too_large',
      'job',
      `${what} took longer than its ${seconds(budgetMs)} s limit, so it was stopped. Nothing was changed.`,
    );
  }
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new AppError(
      'too_large',
      'job',
      `${what} needed more than its ${jobMemoryMb()} MB of memory, so it was stopped. Nothing was changed.`,
    );
  }
  if (typeof e?.message === 'string' && /queue is at limit/i.test(e.message)) {
    return new AppError(
      'unavailable',
      'job',
      'The server is busy with other heavy work. Try again in a minute.',
      {
        retryAfterSeconds: 30,
      },
    );
  }
  return error;
}
