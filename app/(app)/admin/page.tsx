import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/_server/auth';
import { appStore } from '@/app/_server/store';
import { AdministratorForm, OpenSignUpForm, UserDisableForm } from '@/components/account/admin-forms';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/table';
import { listUsers } from '@/db/queries/accounts';
import { getInstanceSettings } from '@/db/queries/settings';
import { setAdministratorAction, setOpenSignUpAction, setUserDisabledAction } from './actions';

export const metadata: Metadata = { title: 'Administration · Warrant' };

export default async function AdminPage() {
  const store = appStore();
  const user = await requireUser();
  if (!user.isAdmin) notFound();
  const [settings, users] = await Promise.all([getInstanceSettings(store), listUsers(store)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Administration</h1>
      <Card title="Sign-up">
        <OpenSignUpForm action={setOpenSignUpAction} enabled={settings.openSignUp} />
      </Card>
      <Card
        title="Accounts"
        description="Disabling an account signs it out at once and withdraws the invite links it made. The last active administrator stays. Passwords are reset with the CLI."
      >
        <DataTable label="Accounts" columns={['Account', 'Created', 'Status', '']}>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-slate-200">
              <td className="py-2 pr-4">
                <span className="font-medium">{u.name}</span>{' '}
                <span className="text-slate-600">{u.email}</span>
                {u.isAdmin ? <span className="ml-2 text-xs text-indigo-700">administrator</span> : null}
                {u.isDemo ? <span className="ml-2 text-xs text-slate-500">demo</span> : null}
              </td>
              <td className="py-2 pr-4">{u.createdAt.toISOString().slice(0, 10)}</td>
              <td className="py-2 pr-4">{u.disabled ? 'Disabled' : 'Active'}</td>
              <td className="py-2 text-right">
                {u.isDemo ? (
                  <span className="text-xs text-slate-500">Holds the demo content; cannot sign in</span>
                ) : u.id === user.userId ? null : (
                  <span className="inline-flex flex-wrap justify-end gap-2">
                    {u.disabled ? null : (
                      <AdministratorForm
                        action={setAdministratorAction}
                        userId={u.id}
                        email={u.email}
                        isAdmin={u.isAdmin}
                      />
                    )}
                    <UserDisableForm
                      action={setUserDisabledAction}
                      userId={u.id}
                      email={u.email}
                      disabled={u.disabled}
                    />
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>
    </div>
  );
}
