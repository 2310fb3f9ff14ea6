'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { envelopeError } from '@/lib/errors';
import { detectPasteFormat, suggestTitle } from '@/lib/documents/paste-format';
import type { ImportPreview } from '@/lib/documents/preview';
import { PASTE_FORMATS, type PasteFormat } from '@/lib/vocabulary';
import { MetadataFields } from './metadata-fields';

const PASTE_FORMAT_LABELS: Record<PasteFormat, string> = {
  text: 'Plain text',
  markdown: 'Markdown',
  html: 'HTML',
};

const AUTO = 'auto';
const MAX_BYTES = 10 * 1024 * 1024;
/** The preview is asked for once typing or pasting pauses this long. */
const PREVIEW_DELAY_MS = 600;

interface Preview extends ImportPreview {
  identical: { id: string; title: string; inTrash: boolean; url: string }[];
}
const ACCEPT = '.txt,.md,.markdown,.html,.htm,.docx,.pdf';

type Mode =
  | { kind: 'document'; workspaceId: string }
  | { kind: 'revision'; documentId: string; baseRevisionId: string; backTo: string };

/** Import a new document, or a new version of one: paste text (plain, Markdown, HTML) or upload a file. */
export function ImportForm({ mode }: { mode: Mode }) {
  const router = useRouter();
  const [source, setSource] = useState<'paste' | 'file'>('paste');
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [content, setContent] = useState('');
  const [chosenFormat, setChosenFormat] = useState<PasteFormat | typeof AUTO>(AUTO);
  const [preview, setPreview] = useState<(Preview & { key: string }) | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const suggested = useRef<string | null>(null);
  const detected = content.trim() ? detectPasteFormat(content) : null;
  const format: PasteFormat = chosenFormat === AUTO ? (detected?.format ?? 'text') : chosenFormat;

  // The title follows the paste's first line until the analyst writes one of their own.
  useEffect(() => {
    if (mode.kind !== 'document' || source !== 'paste') return;
    const title = formRef.current?.elements.namedItem('title');
    if (!(title instanceof HTMLInputElement)) return;
    if (title.value !== '' && title.value !== suggested.current) return;
    const next = content.trim() ? suggestTitle(content, format) : null;
    title.value = next ?? '';
    suggested.current = next;
  }, [content, format, mode.kind, source]);

  // What the import would make: the first paragraphs, and any identical document already here.
  // A preview is shown only for the text and format it was made from.
  const previewKey = `${format}\u0000${content}`;
  useEffect(() => {
    if (mode.kind !== 'document' || source !== 'paste' || !content.trim()) return;
    const controller = new AbortController();
    const ask = async () => {
      try {
        const res = await fetch(`/api/workspaces/${mode.workspaceId}/documents/preview`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ format, content }),
          signal: controller.signal,
        });
        if (res.ok) setPreview({ key: `${format}\u0000${content}`, ...((await res.json()) as Preview) });
      } catch {
        // No preview (offline, or replaced by a newer one): the import itself still says what fails.
      }
    };
    const timer = setTimeout(() => void ask(), PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [content, format, mode, source]);
  const shownPreview = preview && preview.key === previewKey && source === 'paste' ? preview : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (source === 'paste') {
      form.delete('file');
      form.set('format', format);
    } else {
      form.delete('content');
      form.delete('format');
      const file = form.get('file');
      if (!(file instanceof File) || file.size === 0) return fail('file', 'Choose a file to upload.');
      if (file.size > MAX_BYTES)
        return fail('file', `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB.`);
    }
    if (mode.kind === 'revision') form.set('baseRevisionId', mode.baseRevisionId);
    setPending(true);
    setMessage(undefined);
    setErrors({});
    try {
      const url =
        mode.kind === 'document'
          ? `/api/workspaces/${mode.workspaceId}/documents`
          : `/api/documents/${mode.documentId}/revisions`;
      const res = await fetch(url, { method: 'POST', body: form });
      const data = (await res.json().catch(() => ({}))) as { url?: string; revision?: { number: number } };
      if (!res.ok) {
        setPending(false);
        const error = envelopeError(data);
        return fail(error?.field, error?.message ?? `The import failed (HTTP ${res.status}).`);
      }
      // A new version: back to the reader, which says what happened to the passages (and links to
      // the revision's summary of them).
      router.push(
        mode.kind === 'document'
          ? data.url!
          : data.revision
            ? `${mode.backTo}?revised=${data.revision.number}`
            : mode.backTo,
      );
      router.refresh();
    } catch {
      setPending(false);
      fail(undefined, 'Could not reach the server. Nothing was imported; try again.');
    }
  }

  function fail(field: string | undefined, text: string) {
    setMessage(text);
    if (field) setErrors({ [field]: [text] });
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      className="space-y-6"
      noValidate
      aria-label={mode.kind === 'document' ? 'Import a document' : 'Import a new version'}
    >
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Source</legend>
        <div className="flex gap-6 text-sm">
          {(['paste', 'file'] as const).map((s) => (
            <label key={s} className="flex items-center gap-2">
              <input
                type="radio"
                name="source"
                value={s}
                checked={source === s}
                onChange={() => setSource(s)}
              />
              {s === 'paste' ? 'Paste text' : 'Upload a file'}
            </label>
          ))}
        </div>
        {/* Both panels stay mounted (one hidden), so switching never loses pasted text. */}
        <div className="space-y-3" hidden={source !== 'paste'}>
          <SelectField
            label="Format"
            name="format"
            value={chosenFormat}
            onChange={(e) => setChosenFormat(e.target.value as PasteFormat | typeof AUTO)}
            options={[
              { value: AUTO, label: 'Detect from the text' },
              ...PASTE_FORMATS.map((value) => ({ value, label: PASTE_FORMAT_LABELS[value] })),
            ]}
            hint={
              chosenFormat === AUTO && detected
                ? `Detected: ${PASTE_FORMAT_LABELS[detected.format]} (${detected.reason}).`
                : undefined
            }
            errors={errors.format}
          />
          <div className="space-y-1">
            <label htmlFor="import-content" className="block text-sm font-medium text-slate-800">
              Text
            </label>
            <textarea
              id="import-content"
              name="content"
              rows={14}
              value={content}
              onChange={(e) => setContent(e.target.value)}
              aria-invalid={Boolean(errors.content)}
              aria-describedby={errors.content ? 'import-content-error' : undefined}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-indigo-600 focus:ring-2 focus:ring-indigo-200 focus:outline-none"
            />
            {errors.content ? (
              <p id="import-content-error" className="text-sm text-red-700">
                {errors.content.join(' ')}
              </p>
            ) : null}
          </div>
          {shownPreview ? <PreviewPanel preview={shownPreview} format={PASTE_FORMAT_LABELS[format]} /> : null}
        </div>
        <div hidden={source !== 'file'}>
          <TextField
            label="File to import"
            name="file"
            type="file"
            accept={ACCEPT}
            hint="Plain text (.txt), Markdown (.md), HTML (.html, .htm), Word (.docx) or PDF with a text layer (.pdf), up to 10 MB."
            errors={errors.file}
          />
        </div>
      </fieldset>
      {mode.kind === 'document' ? (
        <MetadataFields errors={errors} />
      ) : (
        <TextField label="Note about this version" name="note" maxLength={500} errors={errors.note} />
      )}
      <FormMessage message={message} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Importing…' : mode.kind === 'document' ? 'Import document' : 'Import new version'}
      </Button>
    </form>
  );
}

/** The first paragraphs as they will read, and a warning when the same text is already here. */
function PreviewPanel({ preview, format }: { preview: Preview; format: string }) {
  return (
    <section
      aria-label="Preview"
      className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      {preview.identical.length ? (
        <div role="alert" className="rounded bg-amber-50 px-2 py-1.5 text-amber-950">
          The same text is already in this workspace:{' '}
          {preview.identical.map((d, i) => (
            <span key={d.id}>
              {i > 0 ? ', ' : ''}
              <Link href={d.url} className="font-medium underline">
                {d.title}
              </Link>
              {d.inTrash ? ' (in the trash)' : ''}
            </span>
          ))}
          . Importing makes a second copy.
        </div>
      ) : null}
      <p className="text-slate-600">
        As {format}: {preview.paragraphCount} {preview.paragraphCount === 1 ? 'paragraph' : 'paragraphs'},{' '}
        {preview.words.toLocaleString('en')} words. The first:
      </p>
      <ol className="space-y-1">
        {preview.paragraphs.map((p, i) => (
          <li key={i} className="rounded bg-white px-2 py-1 whitespace-pre-line text-slate-800">
            {p}
          </li>
        ))}
      </ol>
    </section>
  );
}
