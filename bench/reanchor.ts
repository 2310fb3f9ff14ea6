/**
 * Re-anchoring at analyst scale, measured in-process: 5,000 passages over a 100k-word text, then
 * 200 inserted sentences and 5% of the quotes altered; reports time, share re-anchored correctly
 * and passages moved to a wrong place (DESIGN.md section 7).
 */
import { reanchorPassages, type StoredPassage } from '@/lib/anchoring/reanchor';
import { describePassage } from '@/lib/anchoring/selectors';
import { canonicalText } from '@/lib/documents/canonical-text';
import { htmlToDocument, markdownToHtml } from '@/lib/documents/convert';
import { ANCHOR_STATUSES, tally, type AnchorStatus } from '@/lib/vocabulary';
import { generateMarkdown, mulberry32 } from './generate';

/** Time, passages re-anchored at the right place, moved to a wrong one, and fuzzy or orphaned. */
export interface ReanchorBench extends Pick<Record<AnchorStatus, number>, 'fuzzy' | 'orphaned'> {
  words: number;
  passages: number;
  ms: number;
  correct: number;
  wrong: number;
}

export function runReanchorBench(words = 100_000, count = 5_000): ReanchorBench {
  const text = canonicalText(htmlToDocument(markdownToHtml(generateMarkdown(words, 7))));
  const rand = mulberry32(11);
  // Passages: 3–12 words, at word boundaries, spread over the text.
  const spaces: number[] = [];
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) spaces.push(i);
  const passages: (StoredPassage & { marker: string | null })[] = [];
  for (let n = 0; n < count; n++) {
    const w = Math.floor(rand() * (spaces.length - 20));
    const start = spaces[w]! + 1;
    const end = spaces[w + 3 + Math.floor(rand() * 10)]!;
    const d = describePassage(text, start, end);
    passages.push({ id: String(n), quote: d.quote, start, end, marker: null });
  }
  // The edit: 200 sentences inserted at paragraph starts, and 5% of passages altered (a word
  // inserted inside the quote), applied from the end so offsets stay valid while editing.
  type Edit = { at: number; insert: string };
  const edits: Edit[] = [];
  const paragraphStarts = [...text.matchAll(/\n\n/g)].map((m) => m.index! + 2);
  for (let i = 0; i < 200; i++) {
    edits.push({
      at: paragraphStarts[Math.floor(rand() * paragraphStarts.length)]!,
      insert: `Inserted sentence number ${i} about the talks. `,
    });
  }
  const altered = new Set<number>();
  while (altered.size < count * 0.05) altered.add(Math.floor(rand() * count));
  for (const i of altered) {
    const p = passages[i]!;
    const mid = text.indexOf(' ', p.start + Math.floor((p.end - p.start) / 2));
    if (mid > p.start && mid < p.end) edits.push({ at: mid, insert: ' reportedly' });
  }
  edits.sort((a, b) => b.at - a.at);
  let edited = text;
  for (const e of edits) edited = edited.slice(0, e.at) + e.insert + edited.slice(e.at);
  // Where each passage should land: its start and end shifted by the insertions before them
  // (insertions sorted by place, with running totals, searched by halves).
  const ordered = [...edits].sort((a, b) => a.at - b.at);
  const totals: number[] = [];
  ordered.reduce((sum, e, i) => (totals[i] = sum + e.insert.length), 0);
  const shift = (offset: number, endSide: boolean) => {
    // Insertions counted: at < offset for an end, at <= offset for a start.
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = ordered[mid]!.at;
      if (endSide ? at < offset : at <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + (lo > 0 ? totals[lo - 1]! : 0);
  };

  const started = performance.now();
  const results = reanchorPassages(text, edited, passages);
  const ms = performance.now() - started;
  let correct = 0;
  let wrong = 0;
  results.forEach((r, i) => {
    const p = passages[i]!;
    if (r.status === 'orphaned') return;
    const expectedStart = shift(p.start, false);
    const expectedEnd = shift(p.end, true);
    // Right place: overlapping the expected stretch (a fuzzy match may trim an edge, e.g. when
    // a sentence was inserted inside the quote); anywhere else is a wrong move.
    if (r.start! < expectedEnd && expectedStart < r.end!) correct++;
    else wrong++;
  });
  const { fuzzy, orphaned } = tally(
    ANCHOR_STATUSES,
    results.map((r) => r.status),
  );
  return { words, passages: count, ms: Math.round(ms), correct, fuzzy, orphaned, wrong };
}
