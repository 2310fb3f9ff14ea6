'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button, type ButtonProps } from './button';

/** One button that runs a server action with hidden fields, and shows its refusal if any. */
export function ActionButton({
  action,
  fields,
  label,
  ariaLabel,
  variant = 'secondary',
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  ariaLabel?: string;
  variant?: ButtonProps['variant'];
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex items-center justify-end gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.ok === false ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
      <Button type="submit" size="sm" variant={variant} disabled={pending} aria-label={ariaLabel}>
        {label}
      </Button>
    </form>
  );
}
