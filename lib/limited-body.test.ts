import { describe, expect, it } from 'vitest';
import { readLimitedBody } from './limited-body';

/** A body streamed in chunks with no Content-Length, counting how much was pulled. */
function chunked(chunks: number, chunkBytes: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(97));
    },
  });
  const req = new Request('http://127.0.0.1/x', {
    method: 'POST',
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return { req, pulled: () => pulled };
}

describe('readLimitedBody', () => {
  const cases: { name: string; body: string; headers?: Record<string, string>; ok: boolean }[] = [
    { name: 'a small body', body: 'email=a%40b.org', ok: true },
    { name: 'exactly the limit', body: 'x'.repeat(64), ok: true },
    { name: 'one byte over', body: 'x'.repeat(65), ok: false },
    { name: 'multi-byte characters over the limit', body: 'é'.repeat(40), ok: false },
    { name: 'an empty body', body: '', ok: true },
  ];
  it.each(cases)('$name', async ({ body, ok }) => {
    const res = await readLimitedBody(new Request('http://127.0.0.1/x', { method: 'POST', body }), 64);
    expect(res.ok).toBe(ok);
    if (res.ok) expect(res.text).toBe(body);
  });

  it('refuses a declared length over the limit without reading', async () => {
    const { req, pulled } = chunked(10, 100);
    const declared = new Request(req, { headers: { 'content-length': '1000' } });
    expect(await readLimitedBody(declared, 64)).toEqual({ ok: false, reason: 'too_large' });
    // The streams fill their own queues ahead (one chunk each for the body and the Request that
    // wraps it): reading would have pulled all 10.
    expect(pulled()).toBeLessThanOrEqual(2);
  });

  it('cuts a chunked body without Content-Length as soon as it passes the limit', async () => {
    const { req, pulled } = chunked(100_000, 1024);
    expect(await readLimitedBody(req, 4096)).toEqual({ ok: false, reason: 'too_large' });
    expect(pulled()).toBeLessThan(10);
  });
});
