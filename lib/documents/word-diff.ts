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
}

const words = (s: string) => (s.trim() ? s.trim().split(/\s+/u).length : 0);

export function wordDiff(before: string, after: string): WordDiff {
  const parts: DiffPart[] = [];
  let added = 0;
  let removed = 0;
  for (const change of diffWordsWithSpace(before, after)) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    if (kind === 'added') added += words(change.value);
    if (kind === 'removed') removed += words(change.value);
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return { parts, added, removed };
}
