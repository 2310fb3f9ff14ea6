/**
 * Reads a request body up to a byte limit, from the stream itself: a body without
 * Content-Length (chunked) is cut as soon as it passes the limit, and a declared length over the
 * limit is refused before a byte is read. Nothing larger than the limit is ever held in memory.
 * The one bounded reader of the app: uploads, JSON bodies and the sign-in endpoints use it.
 */

/** The body's bytes, or null when it is (or declares itself) larger than `maxBytes`. */
export async function readLimitedBytes(req: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = req.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= maxBytes)) return null;
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

export type LimitedBody = { ok: true; text: string } | { ok: false; reason: 'too_large' };

/** The body as UTF-8 text, or `too_large`. */
export async function readLimitedBody(req: Request, maxBytes: number): Promise<LimitedBody> {
  const bytes = await readLimitedBytes(req, maxBytes);
  return bytes ? { ok: true, text: new TextDecoder().decode(bytes) } : { ok: false, reason: 'too_large' };
}
