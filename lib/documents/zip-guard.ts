/**
 * Checks a ZIP archive (a .docx) before anything else opens it: a valid structure, at most
 * `maxEntries` entries, and at most `maxExpandedBytes` once inflated — measured by actually
 * inflating each entry in small steps, never by trusting the sizes the archive declares.
 */
import { Inflate } from 'fflate';

export interface ZipLimits {
  maxEntries: number;
  maxExpandedBytes: number;
}

export type ZipProblem = 'not_a_zip' | 'too_many_entries' | 'too_large' | 'unsupported';

export class ZipGuardError extends Error {
  constructor(
    readonly problem: ZipProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  expandedBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STEP = 4096;

export function inspectZip(data: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const bad = (message = 'The file is not a valid archive.') => new ZipGuardError('not_a_zip', message);
  if (data.length < 22) throw bad();
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad();
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new ZipGuardError('unsupported', 'ZIP64 archives are not supported.');
  }
  if (count > limits.maxEntries) {
    throw new ZipGuardError(
      'too_many_entries',
      `The archive has ${count} entries; at most ${limits.maxEntries} are allowed.`,
    );
  }
  // The central directory must end exactly where the end record starts: an archive that hides
  // more entries than it declares (which other readers would still unpack) is refused.
  if (cdOffset + cdSize !== eocd) throw bad();
  const names = new Set<string>();
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || view.getUint32(p, true) !== CENTRAL) throw bad();
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(data.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (p > eocd) throw bad();
    if (names.has(name)) throw bad('The archive holds the same file twice.');
    names.add(name);

    if (localOffset + 30 > data.length || view.getUint32(localOffset, true) !== LOCAL) throw bad();
    const start =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const end = start + compressed;
    if (end > data.length) throw bad();
    const body = data.subarray(start, end);

    let expanded = 0;
    const add = (bytes: number) => {
      expanded += bytes;
      if (total + expanded > limits.maxExpandedBytes) {
        throw new ZipGuardError(
          'too_large',
          `The archive expands beyond ${Math.round(limits.maxExpandedBytes / 1024 / 1024)} MB.`,
        );
      }
    };
    if (method === 0) {
      add(body.length);
    } else if (method === 8) {
      const inflate = new Inflate((chunk) => add(chunk.length));
      try {
        for (let i = 0; i < body.length; i += STEP)
          inflate.push(body.subarray(i, i + STEP), i + STEP >= body.length);
        if (body.length === 0) inflate.push(new Uint8Array(0), true);
      } catch (error) {
        if (error instanceof ZipGuardError) throw error;
        throw bad(`The archive entry ${name} is damaged.`);
      }
    } else {
      throw new ZipGuardError(
        'unsupported',
        `The archive uses a compression method (${method}) that is not supported.`,
      );
    }
    total += expanded;
    entries.push({ name, expandedBytes: expanded });
  }
  if (p !== eocd) throw bad();
  return entries;
}
