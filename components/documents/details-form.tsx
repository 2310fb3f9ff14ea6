'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { MetadataFields, type MetadataValues } from './metadata-fields';

export function DetailsForm({
  action,
  documentId,
  version,
  values,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  documentId: string;
  version: number;
  values: MetadataValues;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  // After a save the form carries on from the new version; after a failure, from what was typed.
  const shown = (state.values as MetadataValues | undefined) ?? values;
  const currentVersion = state.data?.version ?? String(version);
  return (
    <form action={formAction} className="space-y-4" aria-label="Document details" key={currentVersion}>
      <input type="hidden" name="documentId" value={documentId} />
      <input
        type="hidden"
        name="version"
        value={state.ok === false && state.values?.version ? state.values.version : currentVersion}
      />
      <MetadataFields values={shown} errors={state.fieldErrors} />
      <FormMessage ok={state.ok} message={state.message} />
      <Button type="submit" disabled={pending}>
        Save details
      </Button>
    </form>
  );
}
