'use client';

import Link from 'next/link';
import { useRef, type KeyboardEvent } from 'react';
import type { SnippetPart } from '@/lib/search/snippet';

export interface ResultGroup {
  kind: string;
  label: string;
  /** A link to more results of this kind, when there are more. */
  moreHref: string | null;
  results: { key: string; href: string; context: string; snippet: SnippetPart[]; meta: string }[];
}

/**
 * Search results grouped by kind. Arrow keys (and j/k) move between results, Home/End to the first
 * and last; Enter opens one (it is a link).
 */
export function SearchResults({ groups }: { groups: ResultGroup[] }) {
  const root = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const links = [...(root.current?.querySelectorAll<HTMLAnchorElement>('a[data-result]') ?? [])];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    let next: number | null = null;
    if (event.key === 'ArrowDown' || event.key === 'j')
      next = at < 0 ? 0 : Math.min(at + 1, links.length - 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') next = at <= 0 ? 0 : at - 1;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = links.length - 1;
    const target = next === null ? undefined : links[next];
    if (!target) return;
    event.preventDefault();
    target.focus();
  };
  return (
    <div ref={root} onKeyDown={onKeyDown} className="space-y-6">
      {groups.map((g) => (
        <section key={g.kind} aria-label={g.label}>
          <h3 className="text-base font-semibold text-slate-900">{g.label}</h3>
          <ol className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
            {g.results.map((r) => (
              <li key={r.key}>
                <Link
                  href={r.href}
                  data-result=""
                  className="block px-4 py-3 hover:bg-slate-50 focus:bg-indigo-50 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-400"
                >
                  <span className="block text-sm font-medium text-indigo-800">{r.context}</span>
                  <span className="mt-1 block font-serif text-sm text-slate-800">
                    {r.snippet.map((p, i) =>
                      p.match ? (
                        <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
                          {p.text}
                        </mark>
                      ) : (
                        <span key={i}>{p.text}</span>
                      ),
                    )}
                  </span>
                  <span className="mt-1 block text-xs text-slate-500">{r.meta}</span>
                </Link>
              </li>
            ))}
          </ol>
          {g.moreHref ? (
            <p className="mt-2 text-sm">
              <Link href={g.moreHref} className="text-indigo-700 hover:underline">
                More {g.label.toLowerCase()}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
