import type { Metadata } from 'next';
import { requireUser } from '@/app/_server/auth';
import { appStore } from '@/app/_server/store';
import { ChangePasswordForm, SignOutOthersForm } from '@/components/account/account-forms';
import { ApiTokenTable, CreateApiTokenForm } from '@/components/account/api-tokens';
import { Card } from '@/components/ui/card';
import { listMyApiTokens } from '@/db/queries/api-tokens';
import { listActiveSessions } from '@/db/queries/sessions';
import {
  changePasswordAction,
  createApiTokenAction,
  revokeApiTokenAction,
  signOutOtherSessionsAction,
} from './actions';

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const metadata: Metadata = { title: 'Your account · Warrant' };

export default async function AccountPage() {
  const store = appStore();
  const user = await requireUser();
  const sessions = await listActiveSessions(store, { actor: user });
  const tokens = (await listMyApiTokens(store, { actor: user })).map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: utc(t.createdAt),
    lastUsedAt: t.lastUsedAt ? utc(t.lastUsedAt) : null,
    expiresAt: t.expiresAt ? utc(t.expiresAt) : null,
    expired: t.status === 'expired',
  }));
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <p className="text-slate-700">
        {user.name} · {user.email}
        {user.isAdmin ? ' · administrator' : ''}
      </p>
      <Card title="Password" description="Changing it signs out your other sessions.">
        <ChangePasswordForm action={changePasswordAction} />
      </Card>
      <Card title="Sessions" description="Browsers signed in to your account.">
        <ul className="mb-4 divide-y divide-slate-200 text-sm" aria-label="Active sessions">
          {sessions.map((s) => (
            <li key={s.id} className="py-2">
              <span className="font-medium">
                {s.current ? 'This browser' : (s.userAgent?.slice(0, 60) ?? 'Unknown browser')}
              </span>
              <span className="block text-slate-600">
                from {s.ip ?? 'unknown address'} · signed in{' '}
                {s.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · last seen{' '}
                {s.lastSeenAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
              </span>
            </li>
          ))}
        </ul>
        <SignOutOthersForm action={signOutOtherSessionsAction} />
      </Card>
      <Card
        title="Personal access tokens"
        description={
          <>
            Tokens let scripts use the REST API (<code>/api/v1</code>) as you, with your roles: send{' '}
            <code>Authorization: Bearer &lt;token&gt;</code>. A token is shown once; revoke it when it is no
            longer needed.
          </>
        }
      >
        <div className="space-y-6">
          <CreateApiTokenForm action={createApiTokenAction} />
          <ApiTokenTable tokens={tokens} revokeAction={revokeApiTokenAction} />
        </div>
      </Card>
    </div>
  );
}
