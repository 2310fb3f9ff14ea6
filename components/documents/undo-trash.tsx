'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';

/**
 * The confirmation after moving something to the trash: "Moved to the trash." with an Undo that
 * brings it back (the restore action; the member who moved it may undo for a while).
 */
export function UndoTrash({
  what,
  restore,
  fields,
}: {
  /** What was moved, as the sentence names it ("“Ransom reports”"). */
  what?: string;
  restore: (prev: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
}) {
  const [state, action, pending] = useActionState(restore, {});
  return (
    <div className="space-y-1">
      <div
        role="status"
        className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-800"
      >
        <span>
          {state.ok ? (state.message ?? 'Restored.') : `${what ? `${what} moved` : 'Moved'} to the trash.`}
        </span>
        {state.ok ? null : (
          <form action={action}>
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <Button type="submit" size="sm" variant="secondary" disabled={pending}>
              Undo
            </Button>
          </form>
        )}
      </div>
      {state.ok === false && state.message ? (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
