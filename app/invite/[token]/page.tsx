import type { Metadata } from 'next';
import Link from 'next/link';
import { getCurrentUser } from '@/app/_server/auth';
import { appStore } from '@/app/_server/store';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { Card } from '@/components/ui/card';
import { AcceptInviteForm } from '@/components/workspace/accept-invite-form';
import { previewInvite } from '@/db/queries/invites';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/permissions';
import { acceptInviteAction, signUpWithInviteAction } from './actions';

export const metadata: Metadata = { title: 'Invitation · Warrant' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const store = appStore();
  const { token } = await params;
  const [invite, user] = await Promise.all([previewInvite(store, { token }), getCurrentUser()]);
  return (
    <main className="flex min-h-screen items-start justify-center bg-slate-50 px-4 pt-24">
      <div className="w-full max-w-sm space-y-4">
        <p className="text-center text-2xl font-bold tracking-tight text-indigo-800">Warrant</p>
        {!invite ? (
          <Card title="This invite link cannot be used">
            <p className="text-sm text-slate-700">
              It is invalid, has expired, was already used, or was withdrawn (by an owner, or because the
              person who made it can no longer invite people). Ask a workspace owner for a new link.
            </p>
          </Card>
        ) : invite.refusal ? (
          <Card title="This invite link cannot be used">
            <p className="text-sm text-slate-700">{invite.refusal}</p>
          </Card>
        ) : (
          <>
            <h1 className="text-center text-lg text-slate-800">
              You are invited to <strong>{invite.workspaceName}</strong> as{' '}
              <strong>{ROLE_LABELS[invite.role].toLowerCase()}</strong>.
            </h1>
            <p className="text-center text-sm text-slate-600">{ROLE_DESCRIPTIONS[invite.role]}.</p>
            {user ? (
              <Card title={`Signed in as ${user.email}`}>
                <AcceptInviteForm action={acceptInviteAction} token={token} />
              </Card>
            ) : (
              <Card
                title="Create your account to join"
                description={
                  <>
                    Have an account?{' '}
                    <Link
                      className="text-indigo-700 underline"
                      href={`/sign-in?callbackUrl=/invite/${encodeURIComponent(token)}`}
                    >
                      Sign in first
                    </Link>
                    .
                  </>
                }
              >
                <SignUpForm
                  action={signUpWithInviteAction}
                  inviteToken={token}
                  submitLabel="Create account and join"
                />
              </Card>
            )}
          </>
        )}
      </div>
    </main>
  );
}
