'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

export function AcceptInviteForm({
  action,
  token,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  token: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <FormMessage ok={state.ok} message={state.message} />
      <Button type="submit" disabled={pending} className="w-full">
        Join workspace
      </Button>
    </form>
  );
}
