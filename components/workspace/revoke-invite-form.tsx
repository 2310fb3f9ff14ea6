'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';

export function RevokeInviteForm({
  action,
  workspaceId,
  inviteId,
  label,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  workspaceId: string;
  inviteId: string;
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="inviteId" value={inviteId} />
      {state.ok === false ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
      <Button type="submit" size="sm" variant="ghost" disabled={pending} aria-label={label}>
        Revoke
      </Button>
    </form>
  );
}
