'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { RELIABILITY, RELIABILITY_CODES, SOURCE_KINDS } from '@/lib/scales';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export interface SourceValues {
  name: string;
  kind: string;
  url: string | null;
  description: string | null;
  reliability: string;
}

/** Create or edit a source. Changing the rating of an existing source asks for a reason. */
export function SourceForm({
  action,
  workspaceId,
  source,
}: {
  action: Action;
  workspaceId: string;
  source?: SourceValues & { id: string; version: number };
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = (state.ok === false ? state.values : undefined) ?? {};
  const e = state.fieldErrors ?? {};
  const version =
    state.data?.version ?? (state.ok === false ? v.version : undefined) ?? String(source?.version ?? '');
  return (
    <form
      action={formAction}
      className="space-y-3"
      aria-label={source ? 'Edit source' : 'New source'}
      key={version}
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {source ? (
        <>
          <input type="hidden" name="sourceId" value={source.id} />
          <input type="hidden" name="version" value={version} />
        </>
      ) : null}
      <TextField label="Name" name="name" defaultValue={v.name ?? source?.name ?? ''} errors={e.name} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Kind"
          name="kind"
          defaultValue={v.kind ?? source?.kind ?? 'outlet'}
          options={SOURCE_KINDS.map((k) => ({ value: k, label: k }))}
          errors={e.kind}
        />
        <SelectField
          label="Reliability"
          name="reliability"
          defaultValue={v.reliability ?? source?.reliability ?? 'F'}
          options={RELIABILITY_CODES.map((r) => ({ value: r, label: `${r} — ${RELIABILITY[r]}` }))}
          errors={e.reliability}
        />
      </div>
      {source ? (
        <TextField
          label="Reason for a rating change"
          name="reason"
          hint="Required when the reliability changes; kept in the rating history."
          defaultValue={v.reason ?? ''}
          errors={e.reason}
        />
      ) : null}
      <TextField label="URL" name="url" type="url" defaultValue={v.url ?? source?.url ?? ''} errors={e.url} />
      <TextField
        label="Description"
        name="description"
        defaultValue={v.description ?? source?.description ?? ''}
        errors={e.description}
      />
      <FormMessage ok={state.ok} message={state.message} />
      <Button type="submit" disabled={pending}>
        {source ? 'Save source' : 'Add source'}
      </Button>
    </form>
  );
}
