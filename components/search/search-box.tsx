'use client';

import { useEffect, useRef } from 'react';
import { FILTER_CONTROL } from '@/components/ui/filter-select';
import { isTyping } from '@/components/ui/is-typing';

/**
 * The workspace header's search box: a GET form to the search page. `/` focuses it from anywhere
 * on the page except while typing in a field.
 */
export function SearchBox({
  workspaceId,
  defaultValue = '',
}: {
  workspaceId: string;
  defaultValue?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target))
        return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <form
      role="search"
      action={`/w/${workspaceId}/search`}
      method="get"
      className="ml-auto flex items-center gap-2"
    >
      <label htmlFor="workspace-search" className="sr-only">
        Search this workspace
      </label>
      <input
        ref={input}
        id="workspace-search"
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={200}
        placeholder="Search (press /)"
        aria-keyshortcuts="/"
        className={`${FILTER_CONTROL} w-64`}
      />
      <button
        type="submit"
        className="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800"
      >
        Search
      </button>
    </form>
  );
}
