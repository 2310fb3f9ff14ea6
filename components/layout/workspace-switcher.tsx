'use client';

import { useRouter } from 'next/navigation';

/** Switch between the workspaces I belong to (a native select: keyboard and screen-reader ready). */
export function WorkspaceSwitcher({
  workspaces,
  currentId,
}: {
  workspaces: { id: string; name: string }[];
  currentId?: string;
}) {
  const router = useRouter();
  if (workspaces.length === 0) return null;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span className="sr-only">Switch workspace</span>
      <select
        aria-label="Switch workspace"
        className="max-w-[16rem] rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
        value={currentId ?? ''}
        onChange={(e) => {
          if (e.target.value) router.push(`/w/${e.target.value}`);
          else router.push('/workspaces');
        }}
      >
        {currentId ? null : <option value="">Choose a workspace…</option>}
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}
