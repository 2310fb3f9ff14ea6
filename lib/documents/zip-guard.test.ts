import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inspectZip, ZipGuardError } from './zip-guard';

const limits = { maxEntries: 10, maxExpandedBytes: 1024 * 1024 };
const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof ZipGuardError ? error.problem : 'other';
  }
  return 'none';
};

describe('inspectZip', () => {
  it('lists the entries of a small archive with their real sizes', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello'), 'dir/b.xml': strToU8('<x/>'.repeat(100)) });
    expect(inspectZip(zip, limits)).toEqual([
      { name: 'a.txt', expandedBytes: 5 },
      { name: 'dir/b.xml', expandedBytes: 400 },
    ]);
  });

  it('reads stored (uncompressed) entries too', () => {
    const zip = zipSync({ 'a.txt': [strToU8('stored text'), { level: 0 }] });
    expect(inspectZip(zip, limits)).toEqual([{ name: 'a.txt', expandedBytes: 11 }]);
  });

  it.each([
    ['an empty file', new Uint8Array(0)],
    ['plain text', strToU8('This is not an archive at all, just some words about Bamako.')],
    ['a truncated archive', zipSync({ 'a.txt': strToU8('x'.repeat(5000)) }).subarray(0, 60)],
  ])('refuses %s', (_name, data) => expect(problem(() => inspectZip(data, limits))).toBe('not_a_zip'));

  it('refuses too many entries', () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, strToU8('x')]));
    expect(problem(() => inspectZip(zipSync(files), limits))).toBe('too_many_entries');
  });

  it('stops a zip bomb by inflating, whatever sizes it declares', () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(3 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(10_000);
    // Lie about the size in both headers: the guard must not believe it.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    view.setUint32(22, 10, true);
    for (let i = 0; i < bomb.length - 4; i++)
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 10, true);
    expect(problem(() => inspectZip(bomb, limits))).toBe('too_large');
  });

  it('counts the expanded size across entries', () => {
    const zip = zipSync({ 'a.bin': new Uint8Array(600 * 1024), 'b.bin': new Uint8Array(600 * 1024) });
    expect(problem(() => inspectZip(zip, limits))).toBe('too_large');
  });
});

describe('inspectZip against archives that hide entries', () => {
  it('refuses a directory with more entries than the end record declares', () => {
    const zip = zipSync({ 'a.txt': strToU8('small'), 'word/document.xml': new Uint8Array(2 * 1024 * 1024) });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let eocd = zip.length - 22;
    while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
    view.setUint16(eocd + 8, 1, true);
    view.setUint16(eocd + 10, 1, true); // claims one entry; the directory holds two
    expect(problem(() => inspectZip(zip, limits))).toBe('not_a_zip');
  });

  it('refuses the same name twice', () => {
    const zip = zipSync({ 'a.txt': strToU8('one'), 'b.txt': strToU8('two') });
    const bytes = new Uint8Array(zip);
    const text = new TextDecoder('latin1').decode(bytes);
    for (let i = text.indexOf('b.txt'); i >= 0; i = text.indexOf('b.txt', i + 1))
      bytes[i] = 'a'.charCodeAt(0);
    expect(problem(() => inspectZip(bytes, limits))).toBe('not_a_zip');
  });
});
