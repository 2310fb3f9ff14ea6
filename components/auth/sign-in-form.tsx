'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { safeCallbackUrl } from '@/lib/safe-redirect';
import { signInWithCredentials } from './credentials';

export function SignInForm({
  callbackUrl,
  canSignUp,
  initialEmail = '',
}: {
  callbackUrl?: string;
  canSignUp: boolean;
  initialEmail?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();
  const [email, setEmail] = useState(initialEmail);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const emailValue = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!emailValue || !password) {
      setMessage('Enter your email and password.');
      return;
    }
    setPending(true);
    setMessage(undefined);
    const outcome = await signInWithCredentials(emailValue, password);
    if (outcome.ok) {
      router.replace(safeCallbackUrl(callbackUrl, window.location.origin));
      router.refresh();
      return;
    }
    setPending(false);
    setMessage(outcome.message);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Sign in">
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <FormMessage message={message} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      {canSignUp ? (
        <p className="text-center text-sm text-slate-600">
          No account yet?{' '}
          <Link href="/sign-up" className="font-medium text-indigo-700 underline">
            Create one
          </Link>
        </p>
      ) : null}
    </form>
  );
}
