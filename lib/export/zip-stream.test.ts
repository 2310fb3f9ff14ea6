import { PassThrough } from 'node:stream';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { collectBytes } from './fixtures';
import { dosDateTime, ZipStream } from './zip-stream';

describe('dosDateTime', () => {
  it.each([
    ['the start of the epoch', '1980-01-01T00:00:00Z', [0, (1 << 5) | 1]],
    ['seconds to two', '2026-12-07T18:52:17Z', [(18 << 11) | (52 << 5) | 8, (46 << 9) | (12 << 5) | 7]],
    ['before 1980: the earliest date', '1975-06-30T12:00:00Z', [12 << 11, (6 << 5) | 30]],
  ])('%s', (_, iso, expected) => {
    expect(dosDateTime(new Date(iso))).toEqual(expected);
  });
});

describe('ZipStream', () => {
  it('writes entries that another zip reader opens, byte for byte', async () => {
    const out = new PassThrough();
    const zip = new ZipStream(out, new Date('2026-12-07T10:00:00Z'));
    const long = 'The convoy left Kidal at dawn, a driver said. '.repeat(20_000);
    const [bytes] = await Promise.all([
      collectBytes(out),
      (async () => {
        const sheet = zip.entry('xl/worksheets/sheet1.xml');
        for (let i = 0; i < long.length; i += 65_536) {
          sheet.write(Buffer.from(long.slice(i, i + 65_536), 'utf8'));
          await zip.drained();
        }
        await sheet.end();
        await zip.entry('empty.txt').end();
        const named = zip.entry('notes/Bamako – été.txt');
        named.write(Buffer.from('Officials in Bamako confirmed the exchange.', 'utf8'));
        await named.end();
        await zip.finish();
      })(),
    ]);
    const files = unzipSync(Buffer.from(bytes));
    expect(Object.keys(files)).toEqual(['xl/worksheets/sheet1.xml', 'empty.txt', 'notes/Bamako – été.txt']);
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toBe(long);
    expect(files['empty.txt']).toHaveLength(0);
    expect(strFromU8(files['notes/Bamako – été.txt']!)).toBe('Officials in Bamako confirmed the exchange.');
    // Deflated: far smaller than the repeated text.
    expect(bytes.length).toBeLessThan(long.length / 50);
  });

  it('refuses a second entry while one is open, and finishing with one open', async () => {
    const zip = new ZipStream(new PassThrough(), new Date('2026-12-07T10:00:00Z'));
    zip.entry('a.xml');
    expect(() => zip.entry('b.xml')).toThrow('The previous zip entry has not ended.');
    await expect(zip.finish()).rejects.toThrow('The last zip entry has not ended.');
  });

  it('stops writing into an output that was closed (a cancelled download), without hanging', async () => {
    const out = new PassThrough();
    const zip = new ZipStream(out, new Date('2026-12-07T10:00:00Z'));
    const entry = zip.entry('a.xml');
    entry.write(Buffer.from('<row/>'.repeat(1000)));
    out.destroy();
    await entry.end();
    await zip.drained();
    await zip.finish();
    expect(out.destroyed).toBe(true);
  });
});
