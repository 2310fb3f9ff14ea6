'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { EvidenceView } from '@/db/queries/claim-views';
import { CREDIBILITY, CREDIBILITY_CODES, STANCES } from '@/lib/scales';
import { api, type ApiError } from './api';

/** Edit one piece of evidence; a stale copy is refused with the newer values. */
export function EvidenceEditForm({
  evidence,
  onSaved,
  onCancel,
  onConflict,
}: {
  evidence: EvidenceView;
  onSaved: () => void;
  onCancel: () => void;
  /** Called on a stale copy: the parent reloads, so a second try uses the newer version. */
  onConflict: () => void;
}) {
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? '') || undefined;
    setPending(true);
    const res = await api('PATCH', `/api/evidence/${evidence.id}`, {
      version: evidence.version,
      fields: {
        stance: get('stance'),
        credibility: Number(get('credibility')),
        quote: get('quote'),
        locator: get('locator'),
        note: get('note'),
        accessedOn: get('accessedOn'),
      },
    });
    setPending(false);
    if (res.ok) onSaved();
    else {
      setError(res.error);
      if (res.error.status === 409) onConflict();
    }
  }
  const errorFor = (f: string) => (error?.field === f ? [error.message] : undefined);
  return (
    <form
      onSubmit={submit}
      className="mt-2 space-y-2"
      aria-label={`Edit evidence from ${evidence.sourceName}`}
      noValidate
    >
      <div className="grid grid-cols-2 gap-2">
        <SelectField
          label="Stance"
          name="stance"
          defaultValue={evidence.stance}
          options={STANCES.map((s) => ({ value: s, label: s }))}
        />
        <SelectField
          label="Credibility"
          name="credibility"
          defaultValue={String(evidence.credibility)}
          options={CREDIBILITY_CODES.map((c) => ({ value: String(c), label: `${c} — ${CREDIBILITY[c]}` }))}
        />
      </div>
      <TextField
        label="Quote or excerpt"
        name="quote"
        defaultValue={evidence.quote ?? ''}
        errors={errorFor('quote')}
      />
      <div className="grid grid-cols-2 gap-2">
        <TextField
          label="Locator"
          name="locator"
          defaultValue={evidence.locator ?? ''}
          errors={errorFor('locator')}
        />
        <TextField
          label="Accessed on"
          name="accessedOn"
          type="date"
          defaultValue={evidence.accessedOn ?? ''}
          errors={errorFor('accessedOn')}
        />
      </div>
      <TextField label="Note" name="note" defaultValue={evidence.note ?? ''} errors={errorFor('note')} />
      <FormMessage message={error && !error.field ? error.message : undefined} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          Save evidence
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
