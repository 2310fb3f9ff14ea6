import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/app/_server/auth';
import { appStore } from '@/app/_server/store';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Card } from '@/components/ui/card';
import { getSignUpMode } from '@/db/queries/accounts';
import { safeCallbackUrl } from '@/lib/safe-redirect';
import { currentRequestOrigin } from '@/app/_server/request-origin';

export const metadata: Metadata = { title: 'Sign in · Warrant' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl: raw } = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof raw === 'string' ? raw : null, await currentRequestOrigin());
  if (await getCurrentUser()) redirect(callbackUrl);
  const mode = await getSignUpMode(appStore());
  return (
    <>
      <h1 className="sr-only">Sign in to Warrant</h1>
      <Card title="Sign in">
        <SignInForm callbackUrl={callbackUrl} canSignUp={mode !== 'invite-only'} />
      </Card>
      {mode === 'invite-only' ? (
        <p className="mt-4 text-center text-sm text-slate-600">
          New here? Ask a workspace owner for an invite link.
        </p>
      ) : null}
    </>
  );
}
