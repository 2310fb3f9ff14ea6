'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function WorkspaceNav({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Workspace" className="mt-4 flex gap-1 border-b border-slate-200">
      {links.map((l) => {
        const active = l.href === links[0]?.href ? pathname === l.href : pathname.startsWith(l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? 'border-indigo-700 font-medium text-indigo-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
