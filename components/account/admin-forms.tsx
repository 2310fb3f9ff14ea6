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

/** One button that toggles something on an account, with the error (if any) beside it. */
function AccountToggleForm({
  action,
  fields,
  label,
  ariaLabel,
  variant,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  ariaLabel: string;
  variant: 'secondary' | 'ghost';
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" size="sm" variant={variant} disabled={pending} aria-label={ariaLabel}>
        {label}
      </Button>
      {state.ok === false ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
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
  return (
    <AccountToggleForm
      action={action}
      fields={{ userId, disabled: disabled ? 'false' : 'true' }}
      label={disabled ? 'Enable' : 'Disable'}
      ariaLabel={`${disabled ? 'Enable' : 'Disable'} ${email}`}
      variant={disabled ? 'secondary' : 'ghost'}
    />
  );
}

export function AdministratorForm({
  action,
  userId,
  email,
  isAdmin,
}: {
  action: Action;
  userId: string;
  email: string;
  isAdmin: boolean;
}) {
  return (
    <AccountToggleForm
      action={action}
      fields={{ userId, admin: isAdmin ? 'false' : 'true' }}
      label={isAdmin ? 'Remove administrator' : 'Make administrator'}
      ariaLabel={`${isAdmin ? 'Remove administrator' : 'Make administrator'}: ${email}`}
      variant="ghost"
    />
  );
}
