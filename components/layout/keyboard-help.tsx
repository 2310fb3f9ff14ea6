'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { isTyping } from '@/components/ui/is-typing';

const SHORTCUTS: [keys: string, what: string][] = [
  ['/', 'Search this workspace'],
  ['c', 'Make a claim of the selected text (in the reader)'],
  ['] and [', 'Go to the next or previous claim (in the reader)'],
  ['Ctrl-F or ⌘-F', 'Find in the document (in the reader)'],
  ['Enter, Shift+Enter', 'Next and previous match (in the find bar)'],
  ['↓ ↑, j k', 'Move between search results'],
  ['Esc', 'Close the open claim, form or find bar'],
  ['?', 'This list'],
];

/** `?` anywhere in a workspace (but in a field) lists the keyboard shortcuts. */
export function KeyboardHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/4 left-1/2 w-[30rem] max-w-[90vw] -translate-x-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            They work when the cursor is not in a field.
          </Dialog.Description>
          <dl className="mt-4 grid grid-cols-[9rem_1fr] gap-x-4 gap-y-2 text-sm">
            {SHORTCUTS.map(([keys, what]) => (
              <div key={keys} className="contents">
                <dt>
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                    {keys}
                  </kbd>
                </dt>
                <dd className="text-slate-700">{what}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-6 flex justify-end">
            <Dialog.Close asChild>
              <Button variant="secondary">Close</Button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
