/**
 * Which import format an uploaded file is, from its name, its declared type and its first bytes.
 * An unknown kind of file, or one whose content does not match its name, is refused (HTTP 415).
 */
import { AppError } from '@/lib/errors';
import type { SourceFormat } from './convert';

/** The file name extensions of each import format (lower case, without the dot). */
const EXTENSIONS: Record<SourceFormat, string[]> = {
  text: ['txt', 'text'],
  markdown: ['md', 'markdown'],
  html: ['html', 'htm'],
  docx: ['docx'],
  pdf: ['pdf'],
};
const BY_EXTENSION = new Map(
  (Object.entries(EXTENSIONS) as [SourceFormat, string[]][]).flatMap(([format, extensions]) =>
    extensions.map((extension) => [extension, format] as const),
  ),
);

const MIME_TYPES: Record<SourceFormat, string[]> = {
  text: ['text/plain'],
  markdown: ['text/markdown', 'text/x-markdown', 'text/plain'],
  html: ['text/html', 'application/xhtml+xml'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/zip'],
  pdf: ['application/pdf', 'application/x-pdf'],
};
const NEUTRAL_MIME = ['', 'application/octet-stream'];

export const ACCEPTED_EXTENSIONS = [...BY_EXTENSION.keys()].map((e) => `.${e}`);

const unsupported = (message: string) =>
  new AppError('unsupported_type', 'document', message, { field: 'file' });

/** "%PDF-" within the first kilobyte (readers accept a little junk before it). */
const isPdf = (b: Uint8Array) => {
  const head = b.subarray(0, 1024);
  for (let i = 0; i + 4 < head.length; i++) {
    if (
      head[i] === 0x25 &&
      head[i + 1] === 0x50 &&
      head[i + 2] === 0x44 &&
      head[i + 3] === 0x46 &&
      head[i + 4] === 0x2d
    )
      return true;
  }
  return false;
};

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export function detectFormat(fileName: string, mimeType: string, bytes: Uint8Array): SourceFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const format = BY_EXTENSION.get(extension);
  if (!format) {
    throw unsupported(`Files of this type cannot be imported. Use ${ACCEPTED_EXTENSIONS.join(', ')}.`);
  }
  const mime = mimeType.split(';')[0]!.trim().toLowerCase();
  if (!NEUTRAL_MIME.includes(mime) && !MIME_TYPES[format].includes(mime)) {
    throw unsupported(`The file is named .${extension} but its type is ${mime}.`);
  }
  if (format === 'docx') {
    if (!isZip(bytes)) throw unsupported('The file is named .docx but is not a Word document.');
    return format;
  }
  if (format === 'pdf') {
    if (!isPdf(bytes)) throw unsupported('The file is named .pdf but is not a PDF document.');
    return format;
  }
  if (isZip(bytes) || bytes.subarray(0, 8192).includes(0)) {
    throw unsupported(`The file is named .${extension} but holds binary data, not text.`);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unsupported('The file is not UTF-8 text. Save it as UTF-8 and try again.');
  }
  return format;
}
