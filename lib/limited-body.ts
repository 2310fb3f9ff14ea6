/**
 * Reads a request body up to a byte limit, from the stream itself: a body without
 * Content-Length (chunked) is cut as soon as it passes the limit, and a declared length over the
 * limit is refused before a byte is read. Nothing larger than the limit is ever held in memory.
 */

export type LimitedBody = { ok: true; text: string } | { ok: false; reason: 'too_large' };

export async function readLimitedBody(req: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = req.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= maxBytes)) return { ok: false, reason: 'too_large' };
  if (!req.body) return { ok: true, text: '' };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes) };
}
