'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { CONFIDENCES, LIKELIHOODS } from '@/lib/scales';
import { api, type ApiError } from './api';

/** The signed-in analyst's own likelihood and confidence, kept apart as ICD 203 asks. */
export function AssessmentForm({
  claimId,
  mine,
  onSaved,
}: {
  claimId: string;
  mine: { likelihood: string; confidence: string; rationale: string; version: number } | null;
  onSaved: () => void;
}) {
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  // The version this form was opened on; a newer one (another tab) makes the save a conflict.
  const [base, setBase] = useState(mine?.version ?? null);
  // The server names a field inside the body ("fields.likelihood"): the form's field is its last part.
  const errorField = error?.field?.replace(/^fields\./, '');
  const fieldError = (field: string) =>
    error && errorField === field && ['likelihood', 'confidence', 'rationale'].includes(field)
      ? [error.message]
      : undefined;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    for (const [field, message] of [
      ['likelihood', 'Choose a likelihood.'],
      ['confidence', 'Choose low, moderate or high confidence.'],
    ] as const) {
      if (!form.get(field)) {
        setSaved(false);
        setError({ status: 422, field, message });
        return;
      }
    }
    setPending(true);
    const res = await api<{ version: number }>('PUT', `/api/claims/${claimId}/assessment`, {
      version: base,
      fields: {
        likelihood: form.get('likelihood'),
        confidence: form.get('confidence'),
        rationale: form.get('rationale'),
      },
    });
    setPending(false);
    setError(res.ok ? null : res.error);
    setSaved(res.ok);
    if (res.ok) {
      setBase(res.data.version);
      onSaved();
    } else if (res.error.status === 409) {
      const current = res.error.current?.version;
      if (typeof current === 'number') setBase(current);
    }
  }
  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Your assessment" key={mine?.version ?? 0}>
      {/* Nothing is chosen for the analyst: a pre-selected value anchors the judgment and saves an
          unconsidered one in one click. Both are chosen, explicitly, before saving. */}
      <div className="grid grid-cols-2 gap-2">
        <SelectField
          label="Likelihood"
          name="likelihood"
          defaultValue={mine?.likelihood ?? ''}
          options={[
            ...(mine ? [] : [{ value: '', label: 'Choose a likelihood…' }]),
            ...LIKELIHOODS.map((l) => ({ value: l.key, label: `${l.label} (${l.range})` })),
          ]}
          errors={fieldError('likelihood')}
        />
        <SelectField
          label="Confidence"
          name="confidence"
          defaultValue={mine?.confidence ?? ''}
          options={[
            ...(mine ? [] : [{ value: '', label: 'Choose a confidence…' }]),
            ...CONFIDENCES.map((c) => ({ value: c, label: c })),
          ]}
          errors={fieldError('confidence')}
        />
      </div>
      <TextAreaField
        label="Rationale"
        name="rationale"
        rows={2}
        defaultValue={mine?.rationale ?? ''}
        errors={fieldError('rationale')}
      />
      <FormMessage
        ok={saved}
        message={
          saved ? 'Assessment saved.' : error && !fieldError(errorField ?? '') ? error.message : undefined
        }
      />
      <Button type="submit" size="sm" disabled={pending}>
        {mine ? 'Update my assessment' : 'Record my assessment'}
      </Button>
    </form>
  );
}
