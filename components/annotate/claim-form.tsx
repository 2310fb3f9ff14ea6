'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { CLAIM_KINDS, CLAIM_KIND_KEYS } from '@/lib/scales';
import { formatQuantity, parseQuantityText } from '@/lib/quantity';
import { similarTopics } from '@/lib/topics';
import type { ApiError } from './api';

export interface ClaimFormValues {
  statement: string;
  typeId: string;
  kind: string;
  tags: string;
  amount: string;
  unit: string;
  topicQuestion: string;
}

export const emptyClaimValues = (typeId: string, statement = ''): ClaimFormValues => ({
  statement,
  typeId,
  kind: 'reported',
  tags: '',
  amount: '',
  unit: '',
  topicQuestion: '',
});

/** The fields of a claim, for a new claim (from a passage) or an edit. */
export function ClaimForm({
  label,
  initial,
  types,
  topics,
  submitLabel,
  quote,
  focusStatement = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial: ClaimFormValues;
  types: { id: string; name: string }[];
  topics: { id: string; question: string }[];
  submitLabel: string;
  quote?: string;
  /** Puts the cursor in the statement when the form opens (a claim started from a selection). */
  focusStatement?: boolean;
  onSubmit: (values: ClaimFormValues) => Promise<ApiError | null>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const topicList = useId();
  const statement = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusStatement) statement.current?.focus();
  }, [focusStatement]);
  const field = (name: keyof ClaimFormValues) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    errors: error?.field === name ? [error.message] : undefined,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await onSubmit(values);
    setPending(false);
    setError(result);
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label={label} noValidate>
      {quote ? (
        <blockquote className="border-l-4 border-indigo-300 pl-3 font-serif text-sm text-slate-700">
          “{quote}”
        </blockquote>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={`${topicList}-statement`} className="block text-sm font-medium text-slate-800">
          Statement
        </label>
        <textarea
          ref={statement}
          id={`${topicList}-statement`}
          rows={3}
          required
          aria-invalid={error?.field === 'statement'}
          aria-describedby={error?.field === 'statement' ? `${topicList}-statement-error` : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          name="statement"
          value={values.statement}
          onChange={(e) => setValues((v) => ({ ...v, statement: e.target.value }))}
        />
        {error?.field === 'statement' ? (
          <p id={`${topicList}-statement-error`} className="text-sm text-red-700">
            {error.message}
          </p>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          label="Claim type"
          options={types.map((t) => ({ value: t.id, label: t.name }))}
          {...field('typeId')}
        />
        <SelectField
          label="Kind"
          options={CLAIM_KIND_KEYS.map((k) => ({ value: k, label: CLAIM_KINDS[k] }))}
          {...field('kind')}
        />
      </div>
      <TextField label="Tags" hint="Separate tags with commas." {...field('tags')} />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Quantity"
          placeholder="206, €2.5M, 180–200…"
          hint={quantityHint(values.amount, values.unit)}
          {...field('amount')}
        />
        <TextField label="Unit" placeholder="persons, EUR…" {...field('unit')} />
      </div>
      <TextField
        label="Topic (the question it answers)"
        placeholder="How much ransom was paid?"
        list={topicList}
        hint={topicHint(values.topicQuestion, topics)}
        {...field('topicQuestion')}
      />
      <datalist id={topicList}>
        {topics.map((t) => (
          <option key={t.id} value={t.question} />
        ))}
      </datalist>
      <FormMessage
        message={
          error &&
          !['statement', 'typeId', 'kind', 'tags', 'amount', 'unit', 'topicQuestion'].includes(
            error.field ?? '',
          )
            ? error.message
            : undefined
        }
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The API's body for claim fields. */
export const claimFieldsBody = (v: ClaimFormValues) => ({
  statement: v.statement,
  typeId: v.typeId,
  kind: v.kind,
  tags: v.tags,
  amount: v.amount || undefined,
  unit: v.unit || undefined,
  topicQuestion: v.topicQuestion || undefined,
});

/**
 * What the typed topic will do: join an existing topic spelled otherwise, or come close to one
 * (perhaps the same question mistyped: the analyst picks it from the list, or keeps a new one).
 */
function topicHint(typed: string, topics: { id: string; question: string }[]): string | undefined {
  const [best] = similarTopics(typed, topics);
  if (!best) return 'Start typing to see the workspace’s topics; claims of one topic are compared.';
  if (best.same) {
    return best.topic.question === typed.trim() ? undefined : `Joins the topic “${best.topic.question}”.`;
  }
  return `Close to the topic “${best.topic.question}”: if it is the same question, choose it from the list; otherwise this makes a new topic.`;
}

/** How the figure typed will be stored ("Reads as 2,500,000 EUR"), or why it will not. */
function quantityHint(amount: string, unit: string): string | undefined {
  if (!amount.trim()) return undefined;
  const parsed = parseQuantityText(amount);
  if (!parsed) return 'Not a figure yet: e.g. 206, €2.5M, 2.5 million euros or 180–200.';
  return `Reads as ${formatQuantity({ min: parsed.min, max: parsed.max, unit: unit.trim() || parsed.unit || '' })}.`;
}
