/**
 * Heavy work and the event loop, measured in-process on a SQLite file (`npx tsx bench/event-loop.ts`,
 * also part of `npm run bench`). For each heavy operation an analyst can start, the event loop's
 * delay while it runs (see `measure`): as the server runs it now (the CPU-heavy step in
 * the worker pool, lib/jobs), against the same step run on the event loop, in the same run. The
 * target (DESIGN.md section 4): no request holds the event loop more than ~50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileStore, makeUser, makeWorkspace, plantWholeDocumentPassages } from '@/db/testing';
import { listClaimTypes } from '@/db/queries/claim-types';
import { createClaim } from '@/db/queries/claims';
import { addComment } from '@/db/queries/comments';
import { importDocument } from '@/db/queries/documents';
import { addRevision, compareRevisions } from '@/db/queries/revisions';
import { reanchorPassages } from '@/lib/anchoring/reanchor';
import { claimFieldsSchema } from '@/lib/claims';
import { convertToDocument, markdownToHtml } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { wordDiff } from '@/lib/documents/word-diff';
import { closeJobPool, runJob } from '@/lib/jobs/pool';
import type { SourceFormat } from '@/lib/vocabulary';
import { renderComment } from '@/lib/review/comment-markdown';
import { generateMarkdown } from './generate';
import { eventLoopTable, today, writeSection } from './report';

export interface LoopMeasure {
  ms: number;
  /** the event loop's delay while the operation ran (ms) */
  p99: number;
  max: number;
}

export interface LoopRow {
  operation: string;
  pooled: LoopMeasure;
  /** the same CPU-heavy step run on the event loop */
  inline: LoopMeasure;
}

export interface EventLoopBench {
  rows: LoopRow[];
}

/**
 * The event loop's delay while `fn` runs: a 5 ms timer re-armed on every turn, each turn's lateness
 * recorded. (`monitorEventLoopDelay` was tried first: on Node 20 it recorded 8 ms for a 500 ms
 * synchronous block, since it measures on the loop's cached clock; this probe reads the real one.)
 */
async function measure(fn: () => Promise<unknown>): Promise<LoopMeasure> {
  const delays: number[] = [];
  let running = true;
  let expected = performance.now() + 5;
  const tick = () => {
    const now = performance.now();
    delays.push(Math.max(0, now - expected));
    expected = now + 5;
    if (running) setTimeout(tick, 5);
  };
  setTimeout(tick, 5);
  await new Promise((r) => setTimeout(r, 20));
  delays.length = 0;
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  // One more turn, so that a block at the very end is recorded too.
  await new Promise((r) => setTimeout(r, 10));
  running = false;
  const sorted = delays.sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
  return { ms, p99, max: sorted[sorted.length - 1] ?? 0 };
}

/** An HTML report of about `bytes` bytes (our own prose, from the generator). */
const htmlOf = (bytes: number) => {
  let words = 10_000;
  let html = markdownToHtml(generateMarkdown(words, 3));
  while (html.length < bytes) html = markdownToHtml(generateMarkdown((words *= 2), 3));
  return html.slice(0, html.lastIndexOf('</p>', bytes) + 4);
};

/** A long comment of our own: paragraphs, quotes 8 deep, nested lists, mentions, links, emphasis. */
function longComment(chars: number): string {
  const parts = [
    '@Awa the **regional daily** says 206, the weekly 180; see [the ministry list](https://example.org/list).',
    '> The convoy left Kidal at dawn\n> > according to a driver\n> > > who counted the prisoners himself',
    '- Bamako figures\n  - first count: 206\n    - second count: 204\n- Gao figures\n  - 180, _unconfirmed_',
    '>>>>>>>> Eight levels deep, quoting the quote of a quote of the intermediary.',
    '1. Ask the ministry\n2. Compare with the `convoy manifest`\n3. Tell @Awa before Thursday',
  ];
  let text = '';
  for (let i = 0; text.length < chars; i++) text += `${parts[i % parts.length]}\n\n`;
  return text.slice(0, text.lastIndexOf('\n\n', chars)).trim();
}

export async function runEventLoopBench(log: (line: string) => void = console.log): Promise<EventLoopBench> {
  const dir = mkdtempSync(path.join(tmpdir(), 'warrant-loop-'));
  const store = await fileStore(path.join(dir, 'bench.db'));
  const rows: LoopRow[] = [];
  try {
    const owner = await makeUser(store, { name: 'Awa' });
    const workspaceId = await makeWorkspace(store, owner);
    const typeId = (await listClaimTypes(store, { actor: owner, workspaceId }))[0]!.id;
    await runJob('wordDiff', { before: 'a', after: 'b' }); // the pool's first thread is up
    const metadata = documentMetadataSchema.parse({ title: 'Generated brief' });
    const store_ = (converted: Awaited<ReturnType<typeof convertToDocument>>, format: SourceFormat) =>
      importDocument(store, { actor: owner, workspaceId, metadata, format, converted });

    const row = async (operation: string, pooled: () => Promise<unknown>, inline: () => Promise<unknown>) => {
      const r = { operation, pooled: await measure(pooled), inline: await measure(inline) };
      log(
        `${operation}: ${r.pooled.ms.toFixed(0)} ms, loop delay p99/max ${r.pooled.p99.toFixed(1)}/${r.pooled.max.toFixed(1)} ms (on the event loop: ${r.inline.p99.toFixed(1)}/${r.inline.max.toFixed(1)} ms)`,
      );
      rows.push(r);
    };

    // Imports: an 800 KB HTML report and 300 KB of Markdown.
    const html = htmlOf(800_000);
    await row(
      `import ${Math.round(html.length / 1000)} KB of HTML`,
      async () => store_(await runJob('convert', { format: 'html', input: html }), 'html'),
      async () => store_(await convertToDocument('html', html), 'html'),
    );
    let markdown = generateMarkdown(50_000, 5);
    markdown = markdown.slice(0, markdown.lastIndexOf('\n\n', 300_000));
    await row(
      `import ${Math.round(markdown.length / 1000)} KB of Markdown`,
      async () => store_(await runJob('convert', { format: 'markdown', input: markdown }), 'markdown'),
      async () => store_(await convertToDocument('markdown', markdown), 'markdown'),
    );

    // A revision of a ~90,000-character document on which a whole-document passage was planted.
    let text = generateMarkdown(15_000, 9);
    text = text.slice(0, text.lastIndexOf('\n\n', 92_000));
    const converted = await convertToDocument('text', text);
    const doc = await store_(converted, 'text');
    await createClaim(store, {
      actor: owner,
      passage: { documentId: doc.id, revisionId: doc.currentRevisionId, start: 0, end: 20 },
      fields: claimFieldsSchema.parse({ statement: 'Planted', typeId, kind: 'reported' }),
    });
    await plantWholeDocumentPassages(store, doc.id, converted.text);
    const at = converted.text.indexOf(' ', converted.text.length / 2);
    const edited = `${converted.text.slice(0, at)} reportedly${converted.text.slice(at)}`;
    const revised = await convertToDocument('text', edited);
    const passage = {
      id: 'whole',
      quote: { type: 'TextQuoteSelector' as const, exact: converted.text, prefix: '', suffix: '' },
      start: 0,
      end: converted.text.length,
    };
    await row(
      `a one-word revision of ${Math.round(converted.text.length / 1000)}k characters with a whole-document passage`,
      () =>
        addRevision(store, {
          actor: owner,
          documentId: doc.id,
          baseRevisionId: doc.currentRevisionId,
          format: 'text',
          converted: revised,
        }),
      async () => reanchorPassages(converted.text, revised.text, [passage]),
    );

    // A 9,900-character comment at the structural limits (quotes and lists nested, mentions):
    // rendered in the pool before its write, against rendering it on the event loop.
    const note = await store_(
      await convertToDocument('text', 'Desk note: the convoy left Kidal at dawn with the prisoners.'),
      'text',
    );
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: { documentId: note.id, revisionId: note.currentRevisionId, start: 0, end: 20 },
      fields: claimFieldsSchema.parse({ statement: 'Discussed at length', typeId, kind: 'reported' }),
    });
    const comment = longComment(9_900);
    await row(
      `a ${comment.length.toLocaleString('en')}-character comment, nested quotes and lists`,
      () => addComment(store, { actor: owner, claimId, body: comment }),
      async () => renderComment(comment, [{ id: owner.userId, name: 'Awa' }]),
    );

    // The diff of two revisions that differ all through (100k words each).
    const a = await convertToDocument('markdown', generateMarkdown(100_000, 21));
    const b = await convertToDocument('markdown', generateMarkdown(100_000, 22));
    const diffed = await store_(a, 'markdown');
    await addRevision(store, {
      actor: owner,
      documentId: diffed.id,
      baseRevisionId: diffed.currentRevisionId,
      format: 'markdown',
      converted: b,
    });
    await row(
      'the diff of two 100k-word revisions that differ all through',
      () => compareRevisions(store, { actor: owner, documentId: diffed.id, from: 1, to: 2 }),
      async () => wordDiff(a.text, b.text, { timeoutMs: 1500 }),
    );
  } finally {
    await store.close();
    await closeJobPool();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  runEventLoopBench()
    .then((result) => {
      // BENCH_WRITE_DOCS=1: the table of docs/benchmarks.md from this run.
      if (process.env.BENCH_WRITE_DOCS === '1') writeSection('event-loop', eventLoopTable(result, today()));
      console.log(JSON.stringify({ eventLoop: result }));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
