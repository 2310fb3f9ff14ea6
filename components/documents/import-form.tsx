'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { envelopeError } from '@/lib/errors';
import { PASTE_FORMATS, type PasteFormat } from '@/lib/vocabulary';
import { MetadataFields } from './metadata-fields';

const PASTE_FORMAT_LABELS: Record<PasteFormat, string> = {
  text: 'Plain text',
  markdown: 'Markdown',
  html: 'HTML',
};

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.txt,.md,.markdown,.html,.htm,.docx';

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

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (source === 'paste') form.delete('file');
    else {
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
      const data = (await res.json().catch(() => ({}))) as { url?: string };
      if (!res.ok) {
        setPending(false);
        const error = envelopeError(data);
        return fail(error?.field, error?.message ?? `The import failed (HTTP ${res.status}).`);
      }
      router.push(mode.kind === 'document' ? data.url! : mode.backTo);
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
            defaultValue="markdown"
            options={PASTE_FORMATS.map((value) => ({ value, label: PASTE_FORMAT_LABELS[value] }))}
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
        </div>
        <div hidden={source !== 'file'}>
          <TextField
            label="File to import"
            name="file"
            type="file"
            accept={ACCEPT}
            hint="Plain text (.txt), Markdown (.md), HTML (.html, .htm) or Word (.docx), up to 10 MB."
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
