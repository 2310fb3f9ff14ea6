import Link from 'next/link';
import { SignOutButton } from './sign-out-button';
import { WorkspaceSwitcherFromPath } from './workspace-switcher-from-path';

export function AppHeader({
  user,
  workspaces,
}: {
  user: { name: string; email: string; isAdmin: boolean };
  workspaces: { id: string; name: string }[];
}) {
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-indigo-800">
          Warrant
        </Link>
        <WorkspaceSwitcherFromPath workspaces={workspaces} />
        <nav aria-label="Account" className="ml-auto flex items-center gap-1 text-sm">
          <Link href="/workspaces" className="rounded-md px-2.5 py-1 text-slate-700 hover:bg-slate-100">
            Workspaces
          </Link>
          {user.isAdmin ? (
            <Link href="/admin" className="rounded-md px-2.5 py-1 text-slate-700 hover:bg-slate-100">
              Administration
            </Link>
          ) : null}
          <Link
            href="/account"
            className="rounded-md px-2.5 py-1 text-slate-700 hover:bg-slate-100"
            title={user.email}
          >
            {user.name}
          </Link>
          <SignOutButton />
        </nav>
      </div>
    </header>
  );
}
