/**
 * The CPU-heavy steps that run in the worker pool (./pool.ts), by name. Each task is a pure
 * function of structured-cloneable input to structured-cloneable output; this module is loaded in
 * the worker threads (./worker.cjs) and only its types in the server's event loop.
 *
 * A task's typed refusal (an `AppError`, e.g. an import over a structural limit) crosses the
 * thread boundary as plain data and is thrown again as the same `AppError` by the pool.
 */
import { reanchorPassages, type ReanchorOptions, type StoredPassage } from '@/lib/anchoring/reanchor';
import { convertToDocument, finishDocument } from '@/lib/documents/convert';
import type { PmJson } from '@/lib/documents/canonical-text';
import { renderReader } from '@/lib/documents/render-html';
import { wordDiff } from '@/lib/documents/word-diff';
import { AppError, type ErrorKind } from '@/lib/errors';
import { renderComment } from '@/lib/review/comment-markdown';
import type { MentionMember } from '@/lib/review/mentions';
import type { SourceFormat } from '@/lib/vocabulary';

export const tasks = {
  /** An import or a new version: text, Markdown, HTML or .docx → the document. */
  convert: ({ format, input }: { format: SourceFormat; input: string | Uint8Array }) =>
    convertToDocument(format, input),
  /** A document edited in the reader (editor JSON) → the document. */
  finish: ({ json }: { json: unknown }) => finishDocument(json),
  /** A document's passages mapped onto its new revision. */
  reanchor: ({
    oldText,
    newText,
    passages,
    options,
  }: {
    oldText: string;
    newText: string;
    passages: StoredPassage[];
    options?: ReanchorOptions;
  }) => reanchorPassages(oldText, newText, passages, options),
  /** A comment's Markdown → sanitized HTML with its mentions (lib/review/comment-markdown). */
  renderComment: ({ source, members }: { source: string; members: MentionMember[] }) =>
    renderComment(source, members),
  /** A revision as the reader draws it (lib/documents/render-html.ts). */
  renderReader: ({ content }: { content: PmJson }) => renderReader(content),
  /** The word difference of two revisions. */
  wordDiff: ({ before, after }: { before: string; after: string }) => wordDiff(before, after),
};

export type TaskName = keyof typeof tasks;
export type TaskInput<N extends TaskName> = Parameters<(typeof tasks)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof tasks)[N]>>;

export interface TaskRequest {
  name: TaskName;
  input: unknown;
}

export interface SerializedAppError {
  kind: ErrorKind;
  object: string;
  message: string;
  field?: string;
}

export type TaskAnswer = { ok: true; value: unknown } | { ok: false; error: SerializedAppError };

/** Runs one task (in a worker thread); a typed refusal is answered as data, anything else thrown. */
export async function runTask({ name, input }: TaskRequest): Promise<TaskAnswer> {
  const task = tasks[name] as ((input: unknown) => unknown) | undefined;
  if (!task) throw new Error(`Unknown job "${String(name)}".`);
  try {
    return { ok: true, value: await task(input) };
  } catch (error) {
    return refusalAnswer(error);
  }
}

/** A typed refusal as a task's answer (plain data across threads); anything else is thrown. */
export function refusalAnswer(error: unknown): TaskAnswer {
  if (!(error instanceof AppError)) throw error;
  return {
    ok: false,
    error: { kind: error.kind, object: error.object, message: error.message, field: error.field },
  };
}
