'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';

export function RestoreClaimForm({
  action,
  claimId,
  statement,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  claimId: string;
  statement: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex items-center justify-end gap-2">
      <input type="hidden" name="claimId" value={claimId} />
      {state.ok === false ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
      <Button
        type="submit"
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-label={`Restore claim ${statement}`}
      >
        Restore
      </Button>
    </form>
  );
}
