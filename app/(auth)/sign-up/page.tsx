import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/app/_server/auth';
import { appStore } from '@/app/_server/store';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { Card } from '@/components/ui/card';
import { getSignUpMode } from '@/db/queries/accounts';
import { signUpAction } from './actions';

export const metadata: Metadata = { title: 'Create account · Warrant' };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect('/');
  const mode = await getSignUpMode(appStore());
  if (mode === 'invite-only') {
    return (
      <Card title="Sign-up is by invitation">
        <p className="text-sm text-slate-700">
          Ask a workspace owner for an invite link, or{' '}
          <Link href="/sign-in" className="text-indigo-700 underline">
            sign in
          </Link>{' '}
          if you have an account.
        </p>
      </Card>
    );
  }
  return (
    <>
      <h1 className="sr-only">Create your Warrant account</h1>
      <Card
        title="Create your account"
        description={
          mode === 'first-admin'
            ? 'This is a new Warrant instance: the first account becomes its administrator.'
            : undefined
        }
      >
        <SignUpForm action={signUpAction} submitLabel="Create account" />
      </Card>
    </>
  );
}
