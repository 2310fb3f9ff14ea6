'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { ROLES, ROLE_LABELS } from '@/lib/permissions';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function InviteForm({ action, workspaceId }: { action: Action; workspaceId: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  // The link only exists after the action ran in the browser, so it uses the browser's own
  // origin (the server may sit behind a proxy that renames it).
  const link = state.data?.path ? `${window.location.origin}${state.data.path}` : '';
  return (
    <div className="space-y-4">
      <form
        action={formAction}
        className="grid gap-3 sm:grid-cols-3 sm:items-end"
        aria-label="Invite a member"
      >
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <SelectField
          label="Role"
          name="role"
          defaultValue={state.values?.role ?? 'editor'}
          key={`r${state.values?.role}`}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          errors={state.fieldErrors?.role}
        />
        <TextField
          label="Valid for (days)"
          name="expiresInDays"
          type="number"
          min={1}
          max={30}
          defaultValue={state.values?.expiresInDays ?? '7'}
          key={`d${state.values?.expiresInDays}`}
          errors={state.fieldErrors?.expiresInDays}
        />
        <Button type="submit" disabled={pending}>
          Create invite link
        </Button>
      </form>
      <FormMessage ok={state.ok} message={state.message} />
      {link ? <CopyField label="Invite link" value={link} copyLabel="Copy link" /> : null}
    </div>
  );
}
