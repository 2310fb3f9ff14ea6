/**
 * A zip archive written as a stream (APPNOTE 6.3.x): entries one after the other, each deflated
 * by Node's zlib while it is written (on libuv's thread pool) and followed by a data descriptor
 * with its CRC-32 and sizes, since those are known only at its end; then the central directory.
 * No ZIP64: an entry or the archive past 4 GiB is refused with a clear error (an XLSX sheet stops
 * at 1,048,576 rows long before that).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Bit 3: sizes and CRC in a data descriptor after the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const MAX_32 = 0xffffffff;
const TOO_LARGE = 'The export is larger than a zip without ZIP64 can hold (4 GiB).';

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** A date as MS-DOS stores it: [time, date], to two seconds, from 1980. */
export function dosDateTime(at: Date): [number, number] {
  const year = Math.max(1980, at.getUTCFullYear());
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1);
  const date = ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  return [time, date];
}

/** Resolves when `stream` wants more (or is closed). */
async function room(stream: Writable): Promise<void> {
  if (stream.destroyed || !stream.writableNeedDrain) return;
  // The listener of the event that did not come is removed (thousands of waits in one export).
  const stop = new AbortController();
  const { signal } = stop;
  try {
    await Promise.race([once(stream, 'drain', { signal }), once(stream, 'close', { signal })]);
  } finally {
    stop.abort();
  }
}

export interface ZipEntry {
  /** Adds bytes to the entry (kept by zlib until it takes them: await `drained()` now and then). */
  write(bytes: Buffer): void;
  /** Ends the entry: its last bytes deflated and written, then its data descriptor. */
  end(): Promise<void>;
}

export class ZipStream {
  private offset = 0;
  private readonly written: Written[] = [];
  private current: DeflateRaw | null = null;
  private readonly time: number;
  private readonly date: number;

  constructor(
    private readonly output: Writable,
    modified: Date,
  ) {
    [this.time, this.date] = dosDateTime(modified);
  }

  private put(bytes: Buffer): void {
    this.offset += bytes.length;
    if (this.offset > MAX_32) throw new Error(TOO_LARGE);
    if (!this.output.destroyed) this.output.write(bytes);
  }

  /** Starts an entry named `name` (the previous one must have ended). */
  entry(name: string): ZipEntry {
    if (this.current) throw new Error('The previous zip entry has not ended.');
    const entry: Written = {
      name: Buffer.from(name, 'utf8'),
      crc: 0,
      compressed: 0,
      size: 0,
      offset: this.offset,
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    // CRC-32 and sizes (14–25) stay 0: they follow the data.
    header.writeUInt16LE(entry.name.length, 26);
    this.put(Buffer.concat([header, entry.name]));

    const deflate = createDeflateRaw({ level: 1 });
    this.current = deflate;
    let failure: Error | null = null;
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
      try {
        this.put(chunk);
      } catch (error) {
        failure = error as Error;
        deflate.destroy(failure);
      }
    });
    deflate.on('error', (error) => {
      failure ??= error;
    });
    return {
      write: (bytes) => {
        if (failure) throw failure;
        entry.crc = crc32(bytes, entry.crc);
        entry.size += bytes.length;
        if (entry.size > MAX_32) throw new Error(TOO_LARGE);
        deflate.write(bytes);
      },
      end: async () => {
        const ended = once(deflate, 'end');
        deflate.end();
        await ended;
        if (failure) throw failure;
        this.current = null;
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
        descriptor.writeUInt32LE(entry.crc >>> 0, 4);
        descriptor.writeUInt32LE(entry.compressed, 8);
        descriptor.writeUInt32LE(entry.size, 12);
        this.put(descriptor);
        this.written.push(entry);
      },
    };
  }

  /** Resolves when the current entry's deflater and the output have room. */
  async drained(): Promise<void> {
    if (this.current) await room(this.current);
    await room(this.output);
  }

  /** Writes the central directory and ends the output; resolves when the output has taken it. */
  async finish(): Promise<void> {
    if (this.current) throw new Error('The last zip entry has not ended.');
    const start = this.offset;
    for (const e of this.written) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_HEADER, 0);
      header.writeUInt16LE(VERSION, 4);
      header.writeUInt16LE(VERSION, 6);
      header.writeUInt16LE(FLAGS, 8);
      header.writeUInt16LE(DEFLATE, 10);
      header.writeUInt16LE(this.time, 12);
      header.writeUInt16LE(this.date, 14);
      header.writeUInt32LE(e.crc >>> 0, 16);
      header.writeUInt32LE(e.compressed, 20);
      header.writeUInt32LE(e.size, 24);
      header.writeUInt16LE(e.name.length, 28);
      // Extra field, comment, disk, attributes (30–41): none.
      header.writeUInt32LE(e.offset, 42);
      this.put(Buffer.concat([header, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.put(end);
    if (this.output.destroyed) return;
    const done = once(this.output, 'finish');
    this.output.end();
    await done;
  }
}
