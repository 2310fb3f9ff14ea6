/** Word-level comparison of two canonical texts, for the revision view. */
import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface WordDiff {
  parts: DiffPart[];
  added: number;
  removed: number;
  /** True when the texts differ too much to compare word by word. */
  replaced?: boolean;
}

const words = (s: string) => (s.trim() ? s.trim().split(/\s+/u).length : 0);

/**
 * Word-level difference. A word diff costs time in proportion to the text times the number of
 * differences, so it is bounded: past `maxEditLength` changed tokens (or `timeoutMs`) the texts
 * are reported as wholly replaced rather than computing on. (The server runs it in the worker pool,
 * lib/jobs, and keeps the result: revisions never change.)
 */
export function wordDiff(
  before: string,
  after: string,
  { maxEditLength = 4000, timeoutMs = 500 } = {},
): WordDiff {
  const parts: DiffPart[] = [];
  let added = 0;
  let removed = 0;
  const changes = diffWordsWithSpace(before, after, { maxEditLength, timeout: timeoutMs }) as
    ReturnType<typeof diffWordsWithSpace> | undefined;
  if (!changes) {
    return {
      parts: [
        { kind: 'removed', text: before },
        { kind: 'added', text: after },
      ].filter((p) => p.text) as DiffPart[],
      added: words(after),
      removed: words(before),
      replaced: true,
    };
  }
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    if (kind === 'added') added += words(change.value);
    if (kind === 'removed') removed += words(change.value);
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return { parts, added, removed };
}

/**
 * For display: long unchanged stretches are cut to `context` characters on each side of a change,
 * so a one-word correction in a long text reads as one line, not as the whole text.
 */
export function collapseUnchanged(
  parts: DiffPart[],
  context = 200,
): (DiffPart | { kind: 'gap'; text: string })[] {
  return parts.flatMap((part, i) => {
    if (part.kind !== 'same' || part.text.length <= context * 2 + 40) return [part];
    const first = i === 0;
    const last = i === parts.length - 1;
    const head = first ? '' : part.text.slice(0, context);
    const tail = last ? '' : part.text.slice(-context);
    const hidden = part.text.length - head.length - tail.length;
    const out: (DiffPart | { kind: 'gap'; text: string })[] = [];
    if (head) out.push({ kind: 'same', text: head });
    out.push({ kind: 'gap', text: `[… ${hidden.toLocaleString('en')} unchanged characters …]` });
    if (tail) out.push({ kind: 'same', text: tail });
    return out;
  });
}
