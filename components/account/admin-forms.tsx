'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function OpenSignUpForm({ action, enabled }: { action: Action; enabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <p className="text-sm text-slate-700">
        Open sign-up is <strong>{enabled ? 'on' : 'off'}</strong>:{' '}
        {enabled
          ? 'anyone who reaches this server can create an account.'
          : 'new people join through invite links.'}
      </p>
      <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
      <FormMessage ok={state.ok} message={state.message} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {enabled ? 'Turn open sign-up off' : 'Turn open sign-up on'}
      </Button>
    </form>
  );
}

export function UserDisableForm({
  action,
  userId,
  email,
  disabled,
}: {
  action: Action;
  userId: string;
  email: string;
  disabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
      <Button
        type="submit"
        size="sm"
        variant={disabled ? 'secondary' : 'ghost'}
        disabled={pending}
        aria-label={`${disabled ? 'Enable' : 'Disable'} ${email}`}
      >
        {disabled ? 'Enable' : 'Disable'}
      </Button>
      {state.ok === false ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
