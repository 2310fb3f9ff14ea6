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
export async function room(stream: Writable): Promise<void> {
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

/** What a zip records of an entry's data: its CRC-32, and its size before and after deflating. */
export interface DataSummary {
  crc: number;
  size: number;
  compressed: number;
}

/**
 * Bytes deflated (raw deflate, level 1, by zlib on libuv's thread pool) into `sink` as they are
 * written, with the CRC-32 and sizes a zip records. The data of a zip entry, written into the
 * archive or into a file to be placed in it later (`ZipStream.place`).
 */
export class DeflatedData implements DataSummary {
  crc = 0;
  size = 0;
  compressed = 0;
  readonly deflate: DeflateRaw = createDeflateRaw({ level: 1 });
  private failure: Error | null = null;

  constructor(sink: (chunk: Buffer) => void) {
    this.deflate.on('data', (chunk: Buffer) => {
      this.compressed += chunk.length;
      try {
        sink(chunk);
      } catch (error) {
        this.failure ??= error as Error;
        this.deflate.destroy(this.failure);
      }
    });
    this.deflate.on('error', (error) => {
      this.failure ??= error;
    });
  }

  write(bytes: Buffer): void {
    if (this.failure) throw this.failure;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (this.size > MAX_32) throw new Error(TOO_LARGE);
    this.deflate.write(bytes);
  }

  /** Resolves when zlib has deflated everything and handed it to the sink. */
  async end(): Promise<void> {
    if (this.failure) throw this.failure;
    const ended = once(this.deflate, 'end');
    this.deflate.end();
    await ended;
    if (this.failure) throw this.failure;
  }

  /** Resolves when zlib wants more. */
  drained(): Promise<void> {
    return room(this.deflate);
  }
}

export class ZipStream {
  private offset = 0;
  private readonly written: Written[] = [];
  private current: DeflatedData | null = null;
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

  /** What the local and the central headers both say of an entry, from `at`: version needed to extract, flags, method, time, date. */
  private entryFields(header: Buffer, at: number): void {
    header.writeUInt16LE(VERSION, at);
    header.writeUInt16LE(FLAGS, at + 2);
    header.writeUInt16LE(DEFLATE, at + 4);
    header.writeUInt16LE(this.time, at + 6);
    header.writeUInt16LE(this.date, at + 8);
  }

  /** The entry's local header; sizes and CRC-32 follow its data (in the data descriptor). */
  private header(name: string): Written {
    const entry: Written = {
      name: Buffer.from(name, 'utf8'),
      crc: 0,
      compressed: 0,
      size: 0,
      offset: this.offset,
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    this.entryFields(header, 4);
    // CRC-32 and sizes (14–25) stay 0: they follow the data.
    header.writeUInt16LE(entry.name.length, 26);
    this.put(Buffer.concat([header, entry.name]));
    return entry;
  }

  private descriptor(entry: Written, data: DataSummary): void {
    Object.assign(entry, { crc: data.crc, size: data.size, compressed: data.compressed });
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(data.crc >>> 0, 4);
    descriptor.writeUInt32LE(data.compressed, 8);
    descriptor.writeUInt32LE(data.size, 12);
    this.put(descriptor);
    this.written.push(entry);
  }

  /** Starts an entry named `name` (the previous one must have ended). */
  entry(name: string): ZipEntry {
    if (this.current) throw new Error('The previous zip entry has not ended.');
    const entry = this.header(name);
    const data = new DeflatedData((chunk) => this.put(chunk));
    this.current = data;
    return {
      write: (bytes) => data.write(bytes),
      end: async () => {
        await data.end();
        this.current = null;
        this.descriptor(entry, data);
      },
    };
  }

  /**
   * Places an entry whose data was deflated elsewhere (a `DeflatedData` written into a file):
   * `chunks` are its deflated bytes, copied as they are read.
   */
  async place(name: string, data: DataSummary, chunks: AsyncIterable<Buffer>): Promise<void> {
    if (this.current) throw new Error('The previous zip entry has not ended.');
    const entry = this.header(name);
    let copied = 0;
    for await (const chunk of chunks) {
      copied += chunk.length;
      this.put(chunk);
      await room(this.output);
    }
    if (copied !== data.compressed) throw new Error(`The deflated data of ${name} is incomplete.`);
    this.descriptor(entry, data);
  }

  /** Resolves when the current entry's deflater and the output have room. */
  async drained(): Promise<void> {
    if (this.current) await this.current.drained();
    await room(this.output);
  }

  /** Stops the entry being written (the archive is given up; the caller ends the output). */
  abort(): void {
    this.current?.deflate.destroy();
    this.current = null;
  }

  /** Writes the central directory and ends the output; resolves when the output has taken it. */
  async finish(): Promise<void> {
    if (this.current) throw new Error('The last zip entry has not ended.');
    const start = this.offset;
    for (const e of this.written) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_HEADER, 0);
      header.writeUInt16LE(VERSION, 4);
      this.entryFields(header, 6);
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
