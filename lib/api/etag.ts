/**
 * Entity tags of the REST API. Every editable object has a version column; its ETag is the strong
 * tag `"<kind>-<id>-v<version>"`, and a write names the version it was made on with `If-Match`
 * (RFC 9110 §13.1.1). The expected version goes to the data layer, which compares it inside the
 * write's transaction: a stale write is refused (412), never applied.
 */

export type EtagKind = 'claim' | 'source' | 'evidence' | 'assessment' | 'comment';

export function etag(kind: EtagKind, id: string, version: number): string {
  return `"${kind}-${id}-v${version}"`;
}

export type IfMatch =
  /** No If-Match header. */
  | { kind: 'missing' }
  /** `If-Match: *`: any current version. */
  | { kind: 'any' }
  /** The version one of the listed tags names for this object, or null when none does. */
  | { kind: 'version'; version: number | null };

/**
 * Reads an If-Match header for one object. Tags are compared by value: a weak tag (`W/"…"`, as a
 * compressing proxy may turn ours into) counts as the same tag.
 */
export function parseIfMatch(header: string | null, kind: EtagKind, id: string): IfMatch {
  if (header === null || header.trim() === '') return { kind: 'missing' };
  if (header.trim() === '*') return { kind: 'any' };
  const prefix = `${kind}-${id}-v`;
  for (const raw of header.split(',')) {
    const tag = raw.trim().replace(/^W\//, '');
    const m = /^"([^"]*)"$/.exec(tag);
    if (!m || !m[1]!.startsWith(prefix)) continue;
    const rest = m[1]!.slice(prefix.length);
    if (/^[1-9]\d{0,9}$/.test(rest)) return { kind: 'version', version: Number(rest) };
  }
  return { kind: 'version', version: null };
}
