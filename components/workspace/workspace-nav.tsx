'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useRef, useState } from 'react';
import { useLiveEvent } from '@/components/live/live-provider';

export type NavCounts = { review: number; unread: number };

export interface NavLink {
  href: string;
  label: string;
  /** A count shown beside the label, kept current by live events. */
  count?: keyof NavCounts;
}

export function WorkspaceNav({
  workspaceId,
  links,
  counts: initial,
}: {
  workspaceId: string;
  links: NavLink[];
  counts: NavCounts;
}) {
  const pathname = usePathname();
  const [counts, setCounts] = useState(initial);
  const pending = useRef<number | null>(null);
  // Claims and notifications change the counts: ask again, at most twice a second.
  useLiveEvent((event) => {
    if (event.type !== 'claims' && event.type !== 'notifications') return;
    if (pending.current !== null) return;
    const refresh = async () => {
      pending.current = null;
      const res = await fetch(`/api/workspaces/${workspaceId}/counts`, { cache: 'no-store' }).catch(
        () => null,
      );
      if (res?.ok) setCounts((await res.json()) as NavCounts);
    };
    pending.current = window.setTimeout(() => void refresh().catch(() => undefined), 500);
  });
  return (
    <nav aria-label="Workspace" className="mt-4 flex flex-wrap gap-1 border-b border-slate-200 print:hidden">
      {links.map((l) => {
        const active = l.href === links[0]?.href ? pathname === l.href : pathname.startsWith(l.href);
        const count = l.count ? counts[l.count] : 0;
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? 'border-indigo-700 font-medium text-indigo-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {l.label}
            {l.count && count > 0 ? (
              <span className="ml-1.5 rounded-full bg-indigo-100 px-1.5 py-0.5 text-xs font-medium text-indigo-800">
                {count}
                <span className="sr-only">{l.count === 'unread' ? ' unread' : ' to review'}</span>
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
