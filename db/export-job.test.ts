/**
 * Exports on a thread of the worker pool (db/export-job.ts) give the same bytes as the export on
 * the event loop, stream with backpressure, and refuse before the first byte as it does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimFieldsSchema, evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { serialize, type ExportFormat } from '@/lib/export';
import { AppError } from '@/lib/errors';
import { exportInWorker } from './export-job';
import type { Actor } from './queries/access';
import { listClaimTypes } from './queries/claim-types';
import { createClaim } from './queries/claims';
import { importDocument } from './queries/documents';
import { addEvidence } from './queries/evidence';
import { openExport } from './queries/export';
import type { Store } from './store';
import { fileStore, freshStore, makeUser, makeWorkspace, testEngine } from './testing';

const SENTENCES = [
  'The mediator travelled from Gao to Kidal with two envoys of the transition authorities.',
  'Officials said the prisoners were released in three groups over two days.',
  'A regional outlet reported that a payment had been made, without naming its size.',
  'The ministry declined to comment on the number of detainees freed in the exchange.',
];
const CLAIMS = 160;

let dir: string;
let store: Store;
let owner: Actor;
let workspaceId: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'warrant-export-job-'));
  // A database another thread can open: a file (SQLite) or the run's PostgreSQL database.
  store = testEngine === 'postgres' ? await freshStore() : await fileStore(path.join(dir, 'w.db'));
  owner = await makeUser(store, { name: 'Awa' });
  workspaceId = await makeWorkspace(store, owner);
  const typeId = (await listClaimTypes(store, { actor: owner, workspaceId }))[0]!.id;
  const text = Array.from({ length: CLAIMS }, (_, i) => `${i + 1}. ${SENTENCES[i % 4]}`).join('\n\n');
  const converted = await convertToDocument('text', text);
  const doc = await importDocument(store, {
    actor: owner,
    workspaceId,
    metadata: documentMetadataSchema.parse({ title: 'Talks in Kidal' }),
    format: 'text',
    converted,
  });
  let sourceId: string | undefined;
  for (let i = 0; i < CLAIMS; i++) {
    const quote = `${i + 1}. ${SENTENCES[i % 4]}`;
    const start = converted.text.indexOf(quote);
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: { documentId: doc.id, revisionId: doc.currentRevisionId, start, end: start + quote.length },
      fields: claimFieldsSchema.parse({
        statement: `Claim ${i + 1}: ${SENTENCES[i % 4]}`,
        typeId,
        kind: 'reported',
      }),
    });
    const added = await addEvidence(store, {
      actor: owner,
      claimId,
      source: sourceId
        ? { id: sourceId }
        : {
            create: sourceFieldsSchema.parse({ name: 'Sahel desk notes', kind: 'outlet', reliability: 'C' }),
          },
      fields: evidenceFieldsSchema.parse({
        stance: 'supports',
        credibility: '3',
        quote: SENTENCES[(i + 1) % 4],
      }),
    });
    sourceId = added.sourceId;
  }
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const params = () => ({ actor: owner, workspaceId, baseUrl: 'https://warrant.example' });

async function bytesOf(stream: ReadableStream<Uint8Array>, slowly = false): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    parts.push(r.value);
    if (slowly) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Buffer.concat(parts);
}

async function onEventLoop(format: ExportFormat): Promise<Buffer> {
  return openExport(store, params(), async (data) => {
    const parts: Uint8Array[] = [];
    for await (const part of serialize(format, data)) parts.push(part);
    return Buffer.concat(parts);
  });
}

/** The export's own time, which differs between two exports made a moment apart (JSON, the brief). */
const withoutTime = (b: Buffer) =>
  b
    .toString('utf8')
    .replace(/"exportedAt": ?"[^"]+"/g, '"exportedAt":"…"')
    .replace(/Exported \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g, 'Exported …');

describe('exports on a worker thread', () => {
  it('give the same CSV and JSON as on the event loop, read slowly or at once', async () => {
    for (const format of ['csv', 'json'] as const) {
      const { fileName, body } = await exportInWorker(store, params(), format);
      expect(fileName).toMatch(new RegExp(`^warrant-sahel-desk-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      const pooled = await bytesOf(body, format === 'csv');
      expect(pooled.length).toBeGreaterThan(64 * 1024); // more than one piece
      expect(withoutTime(pooled)).toBe(withoutTime(await onEventLoop(format)));
    }
  });

  it('deliver every piece when the job ends before the download is read', async () => {
    // A Markdown brief fits in a few pieces: the thread sends them and the end, and its job is
    // over, before anything reads the stream; nothing sent may be lost with the job's answer.
    const { body } = await exportInWorker(store, params(), 'markdown');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const late = await bytesOf(body);
    expect(withoutTime(late)).toBe(withoutTime(await onEventLoop('markdown')));
  });

  it('stream a workbook', async () => {
    const { body } = await exportInWorker(store, params(), 'xlsx');
    const xlsx = await bytesOf(body);
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.length).toBeGreaterThan(10_000);
  });

  it('refuse before the first byte as the export on the event loop does', async () => {
    const stranger = await makeUser(store, { name: 'Outsider' });
    const refusal = await exportInWorker(store, { ...params(), actor: stranger }, 'csv').catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ kind: 'not_found', object: 'workspace' });
  });

  it('stop when the download is cancelled, and the next export works', async () => {
    const { body } = await exportInWorker(store, params(), 'csv');
    const reader = body.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    const again = await exportInWorker(store, params(), 'csv');
    expect((await bytesOf(again.body)).length).toBeGreaterThan(64 * 1024);
  });
});
