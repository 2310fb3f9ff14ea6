'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

export function CreateWorkspaceForm({
  action,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      aria-label="Create a workspace"
    >
      <div className="flex-1">
        <TextField
          label="Workspace name"
          name="name"
          required
          maxLength={80}
          placeholder="e.g. Sahel hostage negotiations"
          defaultValue={state.values?.name}
          key={state.values?.name}
          errors={state.fieldErrors?.name}
        />
      </div>
      <Button type="submit" disabled={pending}>
        Create workspace
      </Button>
      {state.fieldErrors ? null : <FormMessage ok={state.ok} message={state.message} />}
    </form>
  );
}
