'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { EvidenceView } from '@/db/queries/claim-views';
import { api, type ApiError } from './api';
import { EvidenceFieldInputs, evidenceFieldsFrom } from './evidence-fields';

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
  // The version this edit started from (a newer one arriving live must not slip under the edit).
  const [base, setBase] = useState(evidence.version);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const res = await api('PATCH', `/api/evidence/${evidence.id}`, {
      version: base,
      fields: evidenceFieldsFrom(form),
    });
    setPending(false);
    if (res.ok) onSaved();
    else {
      setError(res.error);
      if (res.error.status === 409) {
        onConflict();
        const current = res.error.current?.version;
        if (typeof current === 'number') setBase(current);
      }
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
      <EvidenceFieldInputs initial={evidence} errorFor={errorFor} />
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
