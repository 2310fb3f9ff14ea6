'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function RenameWorkspaceForm({
  action,
  workspaceId,
  name,
}: {
  action: Action;
  workspaceId: string;
  name: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const value = state.values?.name ?? name;
  return (
    <form action={formAction} className="space-y-3" aria-label="Rename workspace">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <TextField
        label="Workspace name"
        name="name"
        required
        maxLength={80}
        defaultValue={value}
        key={value}
        errors={state.fieldErrors?.name}
      />
      <FormMessage ok={state.ok} message={state.fieldErrors ? undefined : state.message} />
      <Button type="submit" disabled={pending}>
        Rename
      </Button>
    </form>
  );
}

export function DeleteWorkspaceForm({
  action,
  workspaceId,
  name,
}: {
  action: Action;
  workspaceId: string;
  name: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3" aria-label="Delete workspace">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <TextField
        label={`Type “${name}” to confirm`}
        name="confirmName"
        autoComplete="off"
        defaultValue={state.values?.confirmName}
        errors={state.fieldErrors?.confirmName}
      />
      <FormMessage ok={state.ok} message={state.fieldErrors ? undefined : state.message} />
      <Button type="submit" variant="danger" disabled={pending}>
        Delete workspace
      </Button>
    </form>
  );
}

export function ReviewSettingsForm({
  action,
  workspaceId,
  blind,
}: {
  action: Action;
  workspaceId: string;
  blind: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3" aria-label="Review settings">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="blind" value="on" defaultChecked={blind} className="mt-1" />
        <span>
          <span className="font-medium">Blind assessments</span>
          <span className="block text-slate-600">
            An analyst sees the others’ likelihood and confidence on a claim only after recording their own.
          </span>
        </span>
      </label>
      <FormMessage ok={state.ok} message={state.fieldErrors ? undefined : state.message} />
      <Button type="submit" disabled={pending}>
        Save review settings
      </Button>
    </form>
  );
}
