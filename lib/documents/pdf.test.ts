import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { closeJobPool, runJob } from '@/lib/jobs/pool';
import { canonicalText, type PmJson } from './canonical-text';
import { convertToDocument, validateDocument } from './convert';
import { pageLabel, pageRuns, pagesOf } from './pages';
import { PDF_LIMITS } from './pdf';
import { makeBlankPdf, makePdf, reportPdf } from './pdf-fixture';

afterAll(closeJobPool);

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as AppError,
  );

/** The pages of the first occurrence of `quote` in the converted document. */
function pagesOfQuote(content: PmJson, text: string, quote: string): number[] {
  const start = text.indexOf(quote);
  expect(start, quote).toBeGreaterThanOrEqual(0);
  return pagesOf(pageRuns(content), start, start + quote.length);
}

describe('importing a PDF', () => {
  it('rebuilds paragraphs from lines, joins hyphenated words and drops running headers, footers and page numbers', async () => {
    const { text, content, words } = await convertToDocument('pdf', await reportPdf());
    expect(text).toBe(
      [
        'Ransomware at the port',
        'The attack began on a Friday night, when the night shift noticed that the cargo terminal could no longer print its manifests and that every screen showed the same demand for payment in bitcoin.',
        // A paragraph that carries on from page 1 to page 2 (its line on page 1 ends no sentence).
        'The operators isolated the network within two hours, but the berth planning system stayed down for the whole weekend and several ships waited outside the harbour until the Monday morning, when the backups were restored.',
        'According to the port director, the ransom paid was 2.5 million euros, transferred by the insurer after three days of talks.',
        'The police have not confirmed the amount.',
      ].join('\n\n'),
    );
    expect(text).not.toMatch(/Harbour Authority|Confidential|pay- ?ment/);
    expect(words).toBeGreaterThan(60);
    // The title is set larger: a heading.
    expect(content.content?.[0]).toMatchObject({ type: 'heading' });
  });

  it('knows the page(s) of every passage, and cites them as a locator does', async () => {
    const { text, content } = await convertToDocument('pdf', await reportPdf());
    expect(pagesOfQuote(content, text, 'demand for payment in bitcoin')).toEqual([1]);
    expect(pagesOfQuote(content, text, 'the ransom paid was 2.5 million euros')).toEqual([2]);
    expect(pagesOfQuote(content, text, 'waited outside the harbour until the Monday')).toEqual([1, 2]);
    expect(pageLabel([2])).toBe('p. 2');
    expect(pageLabel([1, 2])).toBe('pp. 1–2');
    expect(pageLabel([3, 7])).toBe('pp. 3, 7');
    expect(pageLabel([])).toBe('');
    const runs = pageRuns(content);
    expect(runs.map((r) => r.page)).toEqual([1, 2]);
    expect(runs[0]!.start).toBe(0);
    expect(runs[1]!.end).toBe(text.length);
  });

  it('leaves the canonical text the same function of the content: page marks change nothing in it', async () => {
    const { text, content } = await convertToDocument('pdf', await reportPdf());
    const withoutMarks = JSON.parse(JSON.stringify(content).replace(/"marks":\[[^\]]*\],?/g, '')) as PmJson;
    expect(JSON.stringify(withoutMarks)).not.toContain('"page"');
    expect(canonicalText(withoutMarks)).toBe(text);
    expect(pageRuns(withoutMarks)).toEqual([]);
  });

  it('reads a page set in two columns column by column, below a title across both', async () => {
    const pdf = await makePdf({
      pages: [
        {
          title: 'Two accounts of the payment',
          columns: [
            [
              ['The mediator said the family paid a', 'first instalment in cash at Gao.'],
              ['Nobody else saw it.'],
            ],
            [
              ['The insurer said it wired the whole', 'sum to an account in Dubai.'],
              ['Its records were shown to us.'],
            ],
          ],
        },
      ],
    });
    const { text } = await convertToDocument('pdf', pdf);
    expect(text).toBe(
      [
        'Two accounts of the payment',
        'The mediator said the family paid a first instalment in cash at Gao.',
        'Nobody else saw it.',
        'The insurer said it wired the whole sum to an account in Dubai.',
        'Its records were shown to us.',
      ].join('\n\n'),
    );
  });

  it('keeps a hyphen at a line end before a capital (a compound), without a space', async () => {
    const pdf = await makePdf({
      pages: [{ paragraphs: [['The Franco-', 'German team met on Tuesday.']] }],
    });
    expect((await convertToDocument('pdf', pdf)).text).toBe('The Franco-German team met on Tuesday.');
  });

  it('refuses a scanned PDF (no text layer) with a clear 422', async () => {
    const error = await refusal(
      convertToDocument('pdf', await makePdf({ pages: [{ scan: true }, { scan: true }] })),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/^This PDF has no text layer/);
    expect(error.field).toBe('file');
  });

  it(`refuses a PDF of more than ${PDF_LIMITS.maxPages} pages, naming the limit`, async () => {
    const error = await refusal(convertToDocument('pdf', await makeBlankPdf(PDF_LIMITS.maxPages + 1)));
    expect(error.status).toBe(422);
    expect(error.message).toBe(
      `This PDF has ${PDF_LIMITS.maxPages + 1} pages; at most ${PDF_LIMITS.maxPages} pages can be imported. Split it into smaller files.`,
    );
  });

  it('refuses a damaged PDF and a paste that claims to be one', async () => {
    const damaged = new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF at all\n%%EOF\n');
    const error = await refusal(convertToDocument('pdf', damaged));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/not a valid PDF|no text layer/);
    expect((await refusal(convertToDocument('pdf', '%PDF-1.7'))).message).toMatch(/uploaded as a file/);
  });

  it('converts in the worker pool as inline (PDF.js loads in the worker threads)', async () => {
    const bytes = await reportPdf();
    const inline = await convertToDocument('pdf', bytes);
    await expect(runJob('convert', { format: 'pdf', input: bytes })).resolves.toEqual(inline);
    const scan = await makePdf({ pages: [{ scan: true }] });
    const error = await refusal(runJob('convert', { format: 'pdf', input: scan }));
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toMatch(/^This PDF has no text layer/);
  });
});

describe('the page mark', () => {
  const doc = (n: unknown): unknown => ({
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'page', attrs: { n } }] }] },
    ],
  });

  it('takes a whole page number from 1', () => {
    expect(() => validateDocument(doc(3))).not.toThrow();
    for (const n of [0, -1, 2.5, '2', null])
      expect(() => validateDocument(doc(n)), String(n)).toThrow(/not valid/);
  });

  it('gives a passage inside a separator the page after it', () => {
    const runs = [
      { page: 1, start: 0, end: 10 },
      { page: 2, start: 12, end: 20 },
    ];
    expect(pagesOf(runs, 10, 10)).toEqual([2]);
    expect(pagesOf(runs, 3, 5)).toEqual([1]);
    expect(pagesOf(runs, 5, 15)).toEqual([1, 2]);
    expect(pagesOf(runs, 25, 30)).toEqual([]);
  });
});
