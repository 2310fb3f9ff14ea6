/**
 * The search benchmark (issue 14), in process on a scratch SQLite database: a workspace of 2,000
 * generated documents of 10,000 words (20 million words; a vocabulary of 30,000 words with
 * Zipf-like frequencies, as real text has) and 100,000 claims. It measures the index's build from
 * scratch, its size against the database's, the p50/p95 of 50 generated queries of 1–3 words and
 * prefixes (searchWorkspace, every kind, 5 results each, as the search page asks), and what the
 * index adds to making a claim and to importing a 100,000-word document: each timed with the index
 * and without it (WARRANT_BENCH_NO_SEARCH_INDEX=1: the writes leave the index alone) in the same
 * run, alternating.
 *
 * BENCH_SEARCH_DOCUMENTS and BENCH_SEARCH_WORDS change the size (e.g. for a quick look).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratch } from './export';
import { mulberry32 } from './generate';
import { today, writeSection, searchTable } from './report';

export const SEARCH_TARGETS = { queryP95Ms: 50, claimRatio: 1.2, importRatio: 1.5 };

export interface SearchBench {
  documents: number;
  words: number;
  claims: number;
  entries: number;
  buildMs: number;
  databaseBytes: number;
  indexBytes: number;
  queries: { runs: number; p50: number; p95: number; max: number; examples: string[] };
  claim: { withIndex: number; without: number; ratio: number; runs: number };
  /** The whole import (conversion of the plain text, then the transaction), and the transaction alone. */
  importDoc: {
    words: number;
    withIndex: number;
    without: number;
    ratio: number;
    runs: number;
    transaction: { withIndex: number; without: number };
  };
  targets: typeof SEARCH_TARGETS;
  lines: string[];
}

const SYLLABLES =
  'ka ri to ma ne su la bo di fe gu ho ji ku mo na pe ra si tu va we xa yo za ba ce da ge hi'.split(' ');
const DOMAIN =
  'the of and to in a that ransom prisoners hostages released negotiators Bamako Kidal Gao Timbuktu Niamey Algiers Keïta Cissé Pétronin euros million convoy officials denied confirmed payment intermediaries'.split(
    ' ',
  );

/** A vocabulary of `size` words, the domain's first (frequent), then made-up words of 2–4 syllables. */
function vocabulary(size: number, rand: () => number): string[] {
  const words = new Set(DOMAIN);
  while (words.size < size) {
    const n = 2 + Math.floor(rand() * 3);
    words.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(''));
  }
  return [...words];
}

/** Draws word ranks with frequency ∝ 1/(rank+1) (Zipf), by a table of cumulative weights. */
function zipf(size: number, rand: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) cumulative[r] = total += 1 / (r + 1);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function paragraphs(words: number, vocab: string[], rank: () => number, rand: () => number): string[] {
  const out: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 60 + Math.floor(rand() * 140));
    const list = Array.from({ length: n }, () => vocab[rank()]!);
    list[0] = list[0]![0]!.toUpperCase() + list[0]!.slice(1);
    out.push(`${list.join(' ')}.`);
    left -= n;
  }
  return out;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const median = (values: number[]) => percentile(values, 50);

export async function runSearchBench(): Promise<SearchBench> {
  const documents = Number(process.env.BENCH_SEARCH_DOCUMENTS ?? 2_000);
  const wordsPer = Number(process.env.BENCH_SEARCH_WORDS ?? 10_000);
  const claims = Number(process.env.BENCH_SEARCH_CLAIMS ?? 100_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'warrant-search-bench-'));
  const { importDocument } = await import('@/db/queries/documents');
  const { createClaim } = await import('@/db/queries/claims');
  const { rebuildSearchIndex } = await import('@/db/queries/search-index');
  const { searchWorkspace } = await import('@/db/queries/search');
  const { searchIndexBytes } = await import('@/db/engines/sqlite-bulk');
  const { canonicalize, wordCount } = await import('@/lib/documents/canonical-text');
  const { claimFieldsSchema } = await import('@/lib/claims');
  const scratch = await createScratch(dir);
  const store = scratch.store;
  const owner = { userId: scratch.userId, isAdmin: false };
  const off = (on: boolean) => {
    if (on) delete process.env.WARRANT_BENCH_NO_SEARCH_INDEX;
    else process.env.WARRANT_BENCH_NO_SEARCH_INDEX = '1';
  };
  try {
    const rand = mulberry32(2026);
    const vocab = vocabulary(30_000, rand);
    const rank = zipf(vocab.length, rand);
    const converted = (title: number, words: number) => {
      const paras = paragraphs(words, vocab, rank, rand);
      const content = {
        type: 'doc',
        content: paras.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
      };
      const c = canonicalize(content);
      return {
        id: title,
        converted: { content, text: c.text, segments: c.segments, words: wordCount(c.text) },
      };
    };
    const metadata = (title: string) => ({
      title,
      author: null,
      outlet: null,
      sourceUrl: null,
      publishedOn: null,
      language: null,
      notes: null,
    });

    // The workspace, loaded without the index (it is built from scratch below).
    off(false);
    await scratch.addClaims(claims);
    let words = 0;
    for (let d = 1; d < documents; d++) {
      const { converted: c } = converted(d, wordsPer);
      words += c.words;
      await importDocument(store, {
        actor: owner,
        workspaceId: scratch.workspaceId,
        metadata: metadata(`Generated report ${d}`),
        format: 'text',
        converted: c,
      });
    }
    off(true);

    // The index built from scratch, and its size.
    const t0 = performance.now();
    const { entries } = await rebuildSearchIndex(store, { batchSize: 500 });
    const buildMs = performance.now() - t0;
    const sizes = searchIndexBytes(store);

    // 50 queries: 1–3 words drawn as analysts' words are (skipping the 30 most frequent), a third
    // of them typed as a prefix.
    const queries: string[] = [];
    for (let i = 0; i < 50; i++) {
      const n = 1 + Math.floor(rand() * 3);
      const list = Array.from({ length: n }, () => vocab[30 + Math.floor(rank() * 0.5)]!);
      if (i % 3 === 0) list[n - 1] = list[n - 1]!.slice(0, Math.max(3, list[n - 1]!.length - 2));
      queries.push(list.join(' ') + (i % 3 === 0 ? '' : ' '));
    }
    for (const q of queries.slice(0, 5))
      await searchWorkspace(store, { actor: owner, workspaceId: scratch.workspaceId, text: q, limit: 5 });
    const times: number[] = [];
    for (const q of queries) {
      const s = performance.now();
      await searchWorkspace(store, { actor: owner, workspaceId: scratch.workspaceId, text: q, limit: 5 });
      times.push(performance.now() - s);
    }

    // Making a claim and importing a 100k-word document, with and without the index, alternating.
    const doc = (await import('@/db/queries/documents')).listDocuments;
    const [first] = await doc(store, {
      actor: owner,
      workspaceId: scratch.workspaceId,
      query: { sort: 'title' },
    });
    const revision = await (
      await import('@/db/queries/revisions')
    ).getRevision(store, {
      actor: owner,
      documentId: first!.id,
    });
    const text = revision.canonicalText;
    const fields = claimFieldsSchema.parse({
      statement: 'A generated claim',
      typeId: scratch.typeId,
      kind: 'reported',
    });
    const claimTimes = { on: [] as number[], off: [] as number[] };
    for (let i = 0; i < 200; i++) {
      const on = i % 2 === 0;
      off(on);
      const start = Math.floor(rand() * (text.length - 200));
      const s = performance.now();
      await createClaim(store, {
        actor: owner,
        passage: { documentId: first!.id, revisionId: revision.id, start, end: start + 40 },
        fields,
      });
      (on ? claimTimes.on : claimTimes.off).push(performance.now() - s);
    }
    // The import as the app does it: the pasted text converted (lib/documents/convert), then stored.
    const { convertToDocument } = await import('@/lib/documents/convert');
    const bigText = paragraphs(100_000, vocab, rank, rand).join('\n\n');
    const importTimes = { on: [] as number[], off: [] as number[] };
    const transactionTimes = { on: [] as number[], off: [] as number[] };
    let bigWords = 0;
    for (let i = 0; i < 10; i++) {
      const on = i % 2 === 0;
      off(on);
      const s = performance.now();
      const big = await convertToDocument('text', bigText);
      bigWords = big.words;
      const t = performance.now();
      await importDocument(store, {
        actor: owner,
        workspaceId: scratch.workspaceId,
        metadata: metadata(`Long report ${i}`),
        format: 'text',
        converted: big,
      });
      const e = performance.now();
      (on ? importTimes.on : importTimes.off).push(e - s);
      (on ? transactionTimes.on : transactionTimes.off).push(e - t);
    }
    off(true);

    const claim = {
      withIndex: median(claimTimes.on),
      without: median(claimTimes.off),
      ratio: median(claimTimes.on) / median(claimTimes.off),
      runs: claimTimes.on.length,
    };
    const importDoc = {
      words: bigWords,
      withIndex: median(importTimes.on),
      without: median(importTimes.off),
      ratio: median(importTimes.on) / median(importTimes.off),
      runs: importTimes.on.length,
      transaction: { withIndex: median(transactionTimes.on), without: median(transactionTimes.off) },
    };
    const q = {
      runs: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
      examples: queries.slice(0, 6),
    };
    const totalWords = words + 3000;
    const f = (n: number) => n.toFixed(1);
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const lines = [
      `Search: ${documents.toLocaleString('en')} documents, ${totalWords.toLocaleString('en')} words, ${claims.toLocaleString('en')} claims (SQLite, in process)`,
      `  index built from scratch: ${entries.toLocaleString('en')} entries in ${Math.round(buildMs / 1000)} s; the index ${mb(sizes.index)} of a ${mb(sizes.database)} database (${((100 * sizes.index) / sizes.database).toFixed(0)}%)`,
      `  ${q.runs} queries of 1–3 words and prefixes (every kind, 5 results each): p50 ${f(q.p50)} ms, p95 ${f(q.p95)} ms, max ${f(q.max)} ms; target p95 ≤ ${SEARCH_TARGETS.queryP95Ms} ms: ${verdict(q.p95 <= SEARCH_TARGETS.queryP95Ms)}`,
      `  making a claim, median of ${claim.runs}: ${f(claim.withIndex)} ms with the index, ${f(claim.without)} ms without, ratio ${claim.ratio.toFixed(2)}; target ≤ ${SEARCH_TARGETS.claimRatio}: ${verdict(claim.ratio <= SEARCH_TARGETS.claimRatio)}`,
      `  importing a ${importDoc.words.toLocaleString('en')}-word document (conversion and transaction), median of ${importDoc.runs}: ${Math.round(importDoc.withIndex)} ms with the index, ${Math.round(importDoc.without)} ms without, ratio ${importDoc.ratio.toFixed(2)}; target ≤ ${SEARCH_TARGETS.importRatio}: ${verdict(importDoc.ratio <= SEARCH_TARGETS.importRatio)}`,
      `    of which the transaction alone: ${Math.round(importDoc.transaction.withIndex)} ms with the index, ${Math.round(importDoc.transaction.without)} ms without`,
    ];
    return {
      documents,
      words: totalWords,
      claims,
      entries,
      buildMs,
      databaseBytes: sizes.database,
      indexBytes: sizes.index,
      queries: q,
      claim,
      importDoc,
      targets: SEARCH_TARGETS,
      lines,
    };
  } finally {
    off(true);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  runSearchBench()
    .then(({ lines, ...results }) => {
      console.log(lines.join('\n'));
      console.log(JSON.stringify({ search: results }));
      if (process.env.BENCH_WRITE_DOCS === '1') writeSection('search', searchTable(results, today()));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
