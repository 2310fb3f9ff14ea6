'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SignInForm } from './sign-in-form';

export function SignUpForm({
  action,
  inviteToken,
  submitLabel,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  inviteToken?: string;
  submitLabel: string;
}) {
  const [state, setState] = useState<ActionState>({});
  const [pending, setPending] = useState(false);
  const [ready, setReady] = useState<{ email: string; callbackUrl: string; message: string }>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await action({}, form);
    setPending(false);
    if (!result.ok) {
      setState(result);
      return;
    }
    // The same answer whether the email was free or taken: sign in to continue.
    setReady({
      email: String(form.get('email') ?? '').trim(),
      callbackUrl: result.data?.callbackUrl ?? '/workspaces',
      message: result.message ?? 'Your account is ready. Sign in to continue.',
    });
  }

  if (ready) {
    return (
      <div className="space-y-4">
        <FormMessage ok message={ready.message} />
        <SignInForm callbackUrl={ready.callbackUrl} canSignUp={false} initialEmail={ready.email} />
      </div>
    );
  }

  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Create account">
      {inviteToken ? <input type="hidden" name="inviteToken" value={inviteToken} /> : null}
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        defaultValue={v.name}
        key={`n${v.name}`}
        errors={e.name}
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={v.email}
        key={`e${v.email}`}
        errors={e.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
        errors={e.password}
      />
      <TextField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={e.confirmPassword}
      />
      <FormMessage ok={state.ok} message={e.inviteToken?.join(' ') ?? state.message} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Creating your account…' : submitLabel}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link href="/sign-in" className="font-medium text-indigo-700 underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
