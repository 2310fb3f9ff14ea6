/** .docx → HTML through mammoth, after the archive passed the ZIP guard. No external files. */
import mammoth from 'mammoth';
import { AppError } from '@/lib/errors';
import { inspectZip, ZipGuardError } from './zip-guard';

export const DOCX_LIMITS = { maxEntries: 1000, maxExpandedBytes: 50 * 1024 * 1024 };

export async function docxToHtml(data: Uint8Array): Promise<string> {
  let entries;
  try {
    entries = inspectZip(data, DOCX_LIMITS);
  } catch (error) {
    if (error instanceof ZipGuardError) {
      const message =
        error.problem === 'not_a_zip'
          ? 'This is not a valid .docx file (the archive is damaged).'
          : error.message;
      throw new AppError('invalid', 'document', message, { field: 'file' });
    }
    throw error;
  }
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new AppError('invalid', 'document', 'This is not a Word document: it has no word/document.xml.', {
      field: 'file',
    });
  }
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
      {
        externalFileAccess: false,
        // Images are not part of the reading text; drop them instead of inlining data: URIs.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      } as Parameters<typeof mammoth.convertToHtml>[1],
    );
    return result.value;
  } catch {
    throw new AppError('invalid', 'document', 'This .docx file could not be read.', { field: 'file' });
  }
}
