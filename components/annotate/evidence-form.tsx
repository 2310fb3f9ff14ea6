'use client';

import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { RELIABILITY, RELIABILITY_CODES, SOURCE_KINDS } from '@/lib/scales';
import { api, type ApiError } from './api';
import { EvidenceFieldInputs, evidenceFieldsFrom } from './evidence-fields';

interface SourceOption {
  id: string;
  name: string;
  reliability: string;
  kind: string;
}

/** Link a claim to a source: pick one from the registry (type-ahead) or create it on the spot. */
export function EvidenceForm({
  workspaceId,
  claimId,
  onSaved,
  onCancel,
  asSource = null,
  locator = '',
}: {
  workspaceId: string;
  claimId: string;
  /** The locator to start from: the pages of the claim's passage in a PDF ("p. 12"). */
  locator?: string;
  /** The document being read, offered as the source in one click (found in the registry, or made). */
  asSource?: { name: string; url: string | null } | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<SourceOption[]>([]);
  const [chosen, setChosen] = useState<SourceOption | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const [prefillUrl, setPrefillUrl] = useState('');

  /** This document as the source: the registry's source of the same address (or name), else a new one. */
  async function citeDocument() {
    if (!asSource) return;
    const res = await api<{ sources: (SourceOption & { url?: string | null })[] }>(
      'GET',
      `/api/workspaces/${workspaceId}/sources?q=${encodeURIComponent(asSource.name)}`,
    );
    const same = res.ok
      ? (res.data.sources.find((o) => asSource.url && o.url === asSource.url) ??
        res.data.sources.find((o) => o.name.trim().toLowerCase() === asSource.name.trim().toLowerCase()))
      : undefined;
    setError(null);
    if (same) {
      setChosen(same);
      return;
    }
    setQuery(asSource.name);
    setPrefillUrl(asSource.url ?? '');
    setCreating(true);
  }

  useEffect(() => {
    if (chosen || creating) return;
    const handle = window.setTimeout(() => {
      void api<{ sources: SourceOption[] }>(
        'GET',
        `/api/workspaces/${workspaceId}/sources?q=${encodeURIComponent(query)}`,
      ).then((res) => {
        if (res.ok) setOptions(res.data.sources);
      });
    }, 150);
    return () => window.clearTimeout(handle);
  }, [query, workspaceId, chosen, creating]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? '');
    const source = creating
      ? {
          create: {
            name: get('sourceName') || query,
            kind: get('sourceKind'),
            url: get('sourceUrl') || undefined,
            reliability: get('sourceReliability'),
          },
        }
      : chosen
        ? { id: chosen.id }
        : null;
    if (!source) {
      setError({
        message: 'Choose a source from the list, or create a new one.',
        field: 'source',
        status: 422,
      });
      return;
    }
    setPending(true);
    const res = await api('POST', `/api/claims/${claimId}/evidence`, {
      source,
      fields: evidenceFieldsFrom(form),
    });
    setPending(false);
    if (!res.ok) setError(res.error);
    else onSaved();
  }

  const errorFor = (f: string) => (error?.field === f ? [error.message] : undefined);
  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-md border border-slate-200 p-3"
      aria-label="Add evidence"
      noValidate
    >
      {chosen ? (
        <p className="text-sm">
          Source: <strong>{chosen.name}</strong> ({chosen.reliability}){' '}
          <button type="button" className="text-indigo-700 underline" onClick={() => setChosen(null)}>
            change
          </button>
        </p>
      ) : creating ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">New source</legend>
          <TextField label="Source name" name="sourceName" defaultValue={query} errors={errorFor('name')} />
          <div className="grid grid-cols-2 gap-2">
            <SelectField
              label="Source kind"
              name="sourceKind"
              defaultValue="outlet"
              options={SOURCE_KINDS.map((k) => ({ value: k, label: k }))}
            />
            <SelectField
              label="Reliability"
              name="sourceReliability"
              defaultValue="F"
              options={RELIABILITY_CODES.map((r) => ({ value: r, label: `${r} — ${RELIABILITY[r]}` }))}
              errors={errorFor('reliability')}
            />
          </div>
          <TextField
            label="Source URL"
            name="sourceUrl"
            type="url"
            defaultValue={prefillUrl}
            errors={errorFor('url')}
          />
          <button
            type="button"
            className="text-sm text-indigo-700 underline"
            onClick={() => setCreating(false)}
          >
            Pick from the registry instead
          </button>
        </fieldset>
      ) : (
        <div className="space-y-1">
          <TextField
            label="Source"
            role="combobox"
            aria-expanded={options.length > 0}
            aria-controls={`${id}-sources`}
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Type to search the registry"
            errors={errorFor('source')}
          />
          <ul
            id={`${id}-sources`}
            role="listbox"
            aria-label="Matching sources"
            className="max-h-40 overflow-y-auto rounded border border-slate-200 text-sm"
          >
            {options.map((o) => (
              <li key={o.id} role="option" aria-selected={false}>
                <button
                  type="button"
                  className="w-full px-2 py-1 text-left hover:bg-indigo-50"
                  onClick={() => setChosen(o)}
                >
                  {o.name}{' '}
                  <span className="text-slate-500">
                    ({o.reliability}, {o.kind})
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            {asSource ? (
              <Button type="button" size="sm" variant="secondary" onClick={() => void citeDocument()}>
                Cite this document: {asSource.name}
              </Button>
            ) : null}
            <Button type="button" size="sm" variant="secondary" onClick={() => setCreating(true)}>
              Create a new source{query ? ` “${query}”` : ''}
            </Button>
          </div>
        </div>
      )}
      <EvidenceFieldInputs initial={{ locator }} errorFor={errorFor} />
      <FormMessage message={error && !error.field ? error.message : undefined} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          Add evidence
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
