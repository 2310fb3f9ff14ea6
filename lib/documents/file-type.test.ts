import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeDocx } from './docx-fixture';
import { detectFormat } from './file-type';

const text = strToU8('Bamako, October 2020.');
const docx = makeDocx([{ paragraph: ['x'] }]);
const pdf = strToU8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n');

describe('detectFormat', () => {
  it.each([
    ['brief.txt', 'text/plain', text, 'text'],
    ['brief.TXT', '', text, 'text'],
    ['brief.md', 'text/markdown', text, 'markdown'],
    ['brief.markdown', 'application/octet-stream', text, 'markdown'],
    ['brief.html', 'text/html', strToU8('<p>x</p>'), 'html'],
    ['brief.htm', 'text/html; charset=utf-8', strToU8('<p>x</p>'), 'html'],
    ['brief.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx, 'docx'],
    ['report.pdf', 'application/pdf', pdf, 'pdf'],
    ['report.PDF', '', pdf, 'pdf'],
  ])('%s (%s) → %s', (name, mime, bytes, format) => expect(detectFormat(name, mime, bytes)).toBe(format));

  it.each([
    [
      'an unknown extension',
      'brief.odt',
      'application/vnd.oasis.opendocument.text',
      text,
      /cannot be imported/,
    ],
    ['a .pdf that is text', 'brief.pdf', 'application/pdf', text, /not a PDF document/],
    ['a .pdf declared as text', 'brief.pdf', 'text/plain', pdf, /its type is text\/plain/],
    ['no extension', 'brief', '', text, /cannot be imported/],
    ['a .docx that is text', 'brief.docx', '', text, /not a Word document/],
    ['a .txt that is a zip', 'brief.txt', 'text/plain', docx, /binary data/],
    ['a .md with NUL bytes', 'brief.md', '', new Uint8Array([65, 0, 66]), /binary data/],
    ['a .txt that is not UTF-8', 'brief.txt', 'text/plain', new Uint8Array([0x50, 0xe9, 0x74]), /not UTF-8/],
    ['a declared type that contradicts the name', 'brief.txt', 'image/png', text, /its type is image\/png/],
  ])('refuses %s with 415', (_n, name, mime, bytes, message) => {
    expect(() => detectFormat(name, mime, bytes)).toThrow(message);
    try {
      detectFormat(name, mime, bytes);
    } catch (error) {
      expect((error as { status: number }).status).toBe(415);
    }
  });
});
