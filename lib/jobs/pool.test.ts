import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { convertToDocument } from '@/lib/documents/convert';
import { AppError } from '@/lib/errors';
import { closeJobPool, runJob } from './pool';

const ESSAY = [
  '# Who paid for the release?',
  '',
  'Three officials told the *Sahel Wire* that a ransom changed hands in Gao.',
  '',
  '- The first said €2.5 million.',
  '- The second said "at least ten".',
].join('\n');

/** Markdown that takes a while to convert: many paragraphs with emphasis and links. */
const heavyMarkdown = (paragraphs: number) =>
  Array.from(
    { length: paragraphs },
    (_, i) => `Paragraph ${i}: the *envoy* met [the mediator](https://example.org/${i}) in **Kidal**.`,
  ).join('\n\n');

afterEach(() => {
  delete process.env.WARRANT_JOB_MEMORY_MB;
});
afterAll(closeJobPool);

describe('runJob', () => {
  it('answers what the task answers inline', async () => {
    const inline = await convertToDocument('markdown', ESSAY);
    await expect(runJob('convert', { format: 'markdown', input: ESSAY })).resolves.toEqual(inline);
  });

  it('takes bytes (a file) as input', async () => {
    const bytes = new TextEncoder().encode('One line.\n\nAnother line.');
    const done = await runJob('convert', { format: 'text', input: bytes });
    expect(done.text).toBe('One line.\n\nAnother line.');
  });

  it("throws a task's refusal again as the same AppError", async () => {
    const refusal = await runJob('convert', { format: 'text', input: '   \n  ' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ kind: 'invalid', object: 'document', field: 'content' });
    expect((refusal as AppError).message).toMatch(/empty/);
  });

  it('stops a job over its time budget with a clear message, and the pool keeps working', async () => {
    await runJob('wordDiff', { before: 'a', after: 'b' }); // the thread is up
    const started = Date.now();
    const refusal = await runJob(
      'convert',
      { format: 'markdown', input: heavyMarkdown(20_000) },
      { budgetMs: 100 },
    ).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ kind: 'too_large', object: 'job' });
    expect((refusal as AppError).message).toBe(
      'Converting this document took longer than its 0.1 s limit, so it was stopped. Nothing was changed.',
    );
    const after = await runJob('wordDiff', { before: 'the ransom', after: 'the large ransom' });
    expect(after.added).toBe(1);
  });

  it('stops a job over its memory budget with a clear message', async () => {
    await closeJobPool();
    process.env.WARRANT_JOB_MEMORY_MB = '24';
    const refusal = await runJob('convert', { format: 'markdown', input: heavyMarkdown(60_000) }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toBe(
      'Converting this document needed more than its 24 MB of memory, so it was stopped. Nothing was changed.',
    );
    await closeJobPool();
  });
});
