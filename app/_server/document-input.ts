/**
 * Reads an import request (a pasted text or an uploaded file, as multipart form data or JSON)
 * into metadata and converted content. Everything is checked before anything is stored.
 */
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import type { ConvertedDocument } from '@/lib/documents/convert';
import { checkJsonStructure } from '@/lib/documents/structure';
import { runJob } from '@/lib/jobs/pool';
import { detectFormat } from '@/lib/documents/file-type';
import { documentMetadataSchema, type DocumentMetadata } from '@/lib/documents/metadata';
import { PASTE_FORMATS, type RevisionFormat } from '@/lib/vocabulary';
import { invalidInput, readBody } from './api';

export interface DocumentInput {
  fields: Record<string, string>;
  format: RevisionFormat;
  converted: ConvertedDocument;
}

const MAX_PASTE_CHARS = 5_000_000;

const pasteSchema = z.object({
  format: z.enum(PASTE_FORMATS, {
    error: 'Choose plain text, Markdown or HTML.',
  }),
  content: z
    .string({ error: 'Paste the text to import.' })
    .max(MAX_PASTE_CHARS, 'The pasted text is too long.'),
});

async function parseBody(request: Request): Promise<{ fields: Record<string, unknown>; file: File | null }> {
  const body = await readBody(request);
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(body as unknown as BodyInit, { headers: { 'content-type': type } })
      .formData()
      .catch(() => {
        throw new AppError('invalid', 'input', 'The upload could not be read. Please try again.');
      });
    const fields: Record<string, unknown> = {};
    let file: File | null = null;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') fields[key] = value;
      else if (key === 'file' && value.size > 0) file = value;
    }
    return { fields, file };
  }
  if (type.startsWith('application/json')) {
    try {
      const json = JSON.parse(new TextDecoder().decode(body)) as unknown;
      if (json && typeof json === 'object' && !Array.isArray(json))
        return { fields: json as Record<string, unknown>, file: null };
    } catch {
      // fall through
    }
    throw new AppError('invalid', 'input', 'The request body is not valid JSON.');
  }
  throw new AppError('unsupported_type', 'request', 'Send multipart/form-data or application/json.');
}

/** Content of an import: a file, a paste (`format` + `content`), or editor JSON (`doc`). */
async function readContent(
  fields: Record<string, unknown>,
  file: File | null,
): Promise<{ format: RevisionFormat; converted: ConvertedDocument }> {
  if (file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const format = detectFormat(file.name, file.type, bytes);
    return { format, converted: await runJob('convert', { format, input: bytes }) };
  }
  if (fields.doc !== undefined) {
    const doc = typeof fields.doc === 'string' ? safeJson(fields.doc) : fields.doc;
    // Checked here, in one pass, before the JSON is copied to a worker thread.
    checkJsonStructure(doc);
    return { format: 'edit', converted: await runJob('finish', { json: doc }) };
  }
  const paste = pasteSchema.safeParse(fields);
  if (!paste.success) throw invalidInput(paste.error);
  return {
    format: paste.data.format,
    converted: await runJob('convert', { format: paste.data.format, input: paste.data.content }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid', 'document', 'The edited document could not be read.', { field: 'content' });
  }
}

/**
 * An import as an uploaded file only (multipart/form-data with a `file`: the REST API's upload of
 * a .docx or .pdf, or any other import format), with the form's other fields as strings.
 */
export async function readUploadedDocument(request: Request): Promise<DocumentInput> {
  const { fields, file } = await parseBody(request);
  if (!file) {
    throw new AppError('invalid', 'input', 'Send the file to import as the form field "file".', {
      field: 'file',
    });
  }
  const { format, converted } = await readContent({}, file);
  const strings = Object.fromEntries(
    Object.entries(fields).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  return { fields: strings, format, converted };
}

export async function readDocumentInput(request: Request): Promise<DocumentInput> {
  const { fields, file } = await parseBody(request);
  const { format, converted } = await readContent(fields, file);
  const strings = Object.fromEntries(
    Object.entries(fields).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  return { fields: strings, format, converted };
}

export function readMetadata(fields: Record<string, string>): DocumentMetadata {
  const parsed = documentMetadataSchema.safeParse(fields);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}
