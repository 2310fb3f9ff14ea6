/**
 * The evidence table page at scale (issue 15 item 4: any sort, filter and grouping answers its first
 * page in ≤ 300 ms at 100k claims). Builds the export bench's scratch database (bench/export.ts
 * `createScratch`: 100k claims, ~150k evidence links) and measures in process, on the SQLite store,
 * `getEvidenceTable` as the page calls it (250 rows, its default page, totals included; 1,000 where said): unsorted, sorted by each
 * column, grouped by each group, a few filters, the next page through its cursor, and the by-source
 * view; the median of BENCH_TABLE_RUNS runs each (after one warm-up). Then the cost of the indexes
 * the table added (migration 0020) on making a claim through the data layer: the median of 60
 * claims with them, then without them (dropped), then with them again, in the same run.
 *
 * `npx tsx bench/evidence-table.ts` prints the lines and a JSON line (`{"evidenceTable": …}`);
 * BENCH_WRITE_DOCS=1 writes its table into docs/benchmarks.md (`<!-- bench:evidence-table -->`).
 * BENCH_TABLE_CLAIMS (default 100000) and BENCH_TABLE_RUNS (default 3) change it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createScratch } from './export';
import { evidenceTableTable, today, writeSection } from './report';

export const TABLE_TARGET_MS = 300;
/**
 * The indexes the evidence table uses (db/schema.ts, migrations 0020, 0021 and 0024): a claim's
 * passages and evidence in order, the evidence with what says whether a link is live, and a
 * source's links with what a page ordered by source reads of them.
 */
const TABLE_INDEXES = {
  anchors_claim_created_idx: 'create index anchors_claim_created_idx on anchors (claim_id, created_at, id)',
  evidence_claim_created_idx:
    'create index evidence_claim_created_idx on evidence (claim_id, created_at, id, deleted_at, source_id)',
  evidence_source_idx:
    'create index evidence_source_idx on evidence (source_id, deleted_at, stance, credibility, claim_id, created_at, id)',
};
/** The indexes on the claim (or the source) alone that they replaced. */
const REPLACED_INDEXES = {
  anchors_claim_idx: 'create index anchors_claim_idx on anchors (claim_id)',
  evidence_claim_idx: 'create index evidence_claim_idx on evidence (claim_id)',
  evidence_source_idx: 'create index evidence_source_idx on evidence (source_id)',
};

export interface TableMeasure {
  label: string;
  p50: number;
  runs: number[];
  rows: number;
}

export interface EvidenceTableBench {
  claims: number;
  evidenceRows: number;
  runs: number;
  measures: TableMeasure[];
  /**
   * Making a claim, and adding evidence to one, in process (ms, median): with the table's indexes,
   * with the claim-only indexes they replaced instead, with the table's again.
   */
  createClaim: { with: number; without: number; withAgain: number; runs: number };
  addEvidence: { with: number; without: number; withAgain: number; runs: number };
  load: [number, number];
  cpus: number;
  lines: string[];
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

async function main() {
  const claimsWanted = Number(process.env.BENCH_TABLE_CLAIMS ?? 100_000);
  const runs = Number(process.env.BENCH_TABLE_RUNS ?? 3);
  const dir = mkdtempSync(path.join(tmpdir(), 'warrant-table-'));
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  try {
    const scratch = await createScratch(dir);
    const evidenceRows = await scratch.addClaims(claimsWanted);
    const { getEvidenceTable } = await import('@/db/queries/evidence-table');
    const { COLUMN_KEYS, DEFAULT_ROWS_PER_PAGE } = await import('@/lib/export/table-view');
    const { createClaim } = await import('@/db/queries/claims');
    const { addEvidence } = await import('@/db/queries/evidence');
    const { claimFieldsSchema, evidenceFieldsSchema } = await import('@/lib/claims');
    const store = scratch.store;
    const { analyzeDatabase, somePlacedPassage, dropIndexes, createIndexes } =
      await import('@/db/engines/sqlite-bulk');
    analyzeDatabase(store);
    const actor = { userId: scratch.userId, isAdmin: false };
    const picks = scratch.picks();
    const load0 = loadavg()[0]!;
    const measures: TableMeasure[] = [];
    type Options = Omit<Parameters<typeof getEvidenceTable>[1], 'actor' | 'workspaceId' | 'filters'> & {
      filters?: Record<string, string>;
    };
    const measure = async (label: string, options: Options) => {
      const once = () =>
        getEvidenceTable(store, {
          actor,
          workspaceId: scratch.workspaceId,
          filters: {},
          // The page's default size, as an analyst first sees it.
          limit: DEFAULT_ROWS_PER_PAGE,
          ...options,
        });
      let result = await once();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        result = await once();
        times.push(performance.now() - t);
      }
      const m = {
        label,
        p50: median(times),
        runs: times,
        rows: options.view === 'sources' ? result.sources.length : result.rows.length,
      };
      measures.push(m);
      say(
        `${label}: p50 ${m.p50.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')}), ${m.rows} rows`,
      );
      return result;
    };
    const first = await measure('unsorted', {});
    await measure('unsorted, 1,000 rows per page', { limit: 1000 });
    await measure('sorted by statement, 1,000 rows per page', { sort: 'statement', limit: 1000 });
    await measure('unsorted, next page (cursor)', { cursor: first.next ?? undefined });
    for (const key of COLUMN_KEYS) await measure(`sorted by ${key}`, { sort: key });
    await measure('sorted by statement, descending', { sort: 'statement', dir: 'desc' });
    const bySource = await measure('sorted by source', { sort: 'source' });
    await measure('sorted by source, next page (cursor)', {
      sort: 'source',
      cursor: bySource.next ?? undefined,
    });
    for (const group of ['topic', 'type', 'source', 'document'] as const)
      await measure(`grouped by ${group}`, { group });
    for (const [label, filters] of [
      ['stance=supports', { stance: 'supports' }],
      ['tag=ransom, sorted by passage', { tag: 'ransom' }],
      ['one source, credibility 3', { source: picks['@source'], credibility: '3' }],
      ['the largest topic', { topic: picks['@topic'] }],
      ['q=Bamako', { q: 'Bamako' }],
      ['likelihood=likely, confidence=high', { likelihood: 'likely', confidence: 'high' }],
    ] as const)
      await measure(`filtered: ${label}`, {
        filters: filters as Record<string, string>,
        sort: label.includes('passage') ? 'passage' : undefined,
      });
    await measure('by source (view=sources)', { view: 'sources' });

    // The indexes' cost on the writes they are kept by: making a claim and adding evidence, with
    // the table's indexes, with the claim-only ones they replaced, with the table's again.
    const anchor = somePlacedPassage(store);
    const claimIds: string[] = [];
    const timed = async (write: (i: number) => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 65; i++) {
        const t = performance.now();
        await write(i);
        if (i >= 5) times.push(performance.now() - t);
      }
      return median(times);
    };
    const makeClaim = () =>
      timed(async (i) => {
        const { claimId } = await createClaim(store, {
          actor,
          passage: {
            documentId: anchor!.documentId,
            revisionId: anchor!.revisionId,
            start: anchor!.start,
            end: anchor!.end,
          },
          fields: claimFieldsSchema.parse({
            statement: `Bench claim ${i}`,
            typeId: scratch.typeId,
            kind: 'reported',
          }),
        });
        claimIds.push(claimId);
      });
    const linkEvidence = () =>
      timed((i) =>
        addEvidence(store, {
          actor,
          claimId: claimIds[i % claimIds.length]!,
          source: { id: picks['@source']! },
          fields: evidenceFieldsSchema.parse({ stance: 'supports', credibility: 2 }),
        }),
      );
    const writes = async () => ({ claim: await makeClaim(), evidence: await linkEvidence() });
    const withIndexes = await writes();
    // Each set of indexes with the planner's statistics, as the first (without them, the plan of
    // a topic's evidence went through the new single-column source index: 0.4 s a claim).
    dropIndexes(store, Object.keys(TABLE_INDEXES));
    createIndexes(store, Object.values(REPLACED_INDEXES));
    analyzeDatabase(store);
    const without = await writes();
    dropIndexes(store, Object.keys(REPLACED_INDEXES));
    createIndexes(store, Object.values(TABLE_INDEXES));
    analyzeDatabase(store);
    const withAgain = await writes();
    const createClaimCost = {
      with: withIndexes.claim,
      without: without.claim,
      withAgain: withAgain.claim,
      runs: 60,
    };
    const addEvidenceCost = {
      with: withIndexes.evidence,
      without: without.evidence,
      withAgain: withAgain.evidence,
      runs: 60,
    };
    say(
      `making a claim: ${withIndexes.claim.toFixed(2)} ms with the table's indexes, ${without.claim.toFixed(2)} ms with the claim-only ones instead, ${withAgain.claim.toFixed(2)} ms with the table's again`,
    );
    say(
      `adding evidence: ${withIndexes.evidence.toFixed(2)} ms with the table's indexes, ${without.evidence.toFixed(2)} ms with the claim-only ones instead, ${withAgain.evidence.toFixed(2)} ms with the table's again`,
    );
    const bench: EvidenceTableBench = {
      claims: claimsWanted,
      evidenceRows,
      runs,
      measures,
      createClaim: createClaimCost,
      addEvidence: addEvidenceCost,
      load: [load0, loadavg()[0]!],
      cpus: availableParallelism(),
      lines,
    };
    await store.close();
    const { lines: _lines, ...json } = bench;
    console.log(JSON.stringify({ evidenceTable: json }));
    if (process.env.BENCH_WRITE_DOCS === '1')
      writeSection('evidence-table', evidenceTableTable(json, today()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) void main();
