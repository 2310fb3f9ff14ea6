'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
const INPUT = 'rounded-md border border-slate-300 px-2 py-1 text-sm';

/** One claim type: rename, recolour, describe, delete (when unused). */
export function ClaimTypeRow({
  workspaceId,
  type,
  update,
  remove,
}: {
  workspaceId: string;
  type: { id: string; name: string; color: string; description: string | null; claimCount: number };
  update: Action;
  remove: Action;
}) {
  const [saved, saveAction, saving] = useActionState(update, {});
  const [removed, removeAction] = useActionState(remove, {});
  const message = saved.message ?? removed.message;
  return (
    <li className="space-y-1 border-t border-slate-200 py-3">
      <form
        action={saveAction}
        className="flex flex-wrap items-end gap-2"
        aria-label={`Claim type ${type.name}`}
      >
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="typeId" value={type.id} />
        <label className="flex flex-col text-xs text-slate-600">
          Colour
          <input
            type="color"
            name="color"
            defaultValue={type.color}
            aria-label={`Colour of ${type.name}`}
            className="h-8 w-12"
          />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Name
          <input name="name" defaultValue={type.name} aria-label={`Name of ${type.name}`} className={INPUT} />
        </label>
        <label className="flex min-w-[14rem] flex-1 flex-col text-xs text-slate-600">
          Description
          <input
            name="description"
            defaultValue={type.description ?? ''}
            aria-label={`Description of ${type.name}`}
            className={INPUT}
          />
        </label>
        <Button type="submit" size="sm" variant="secondary" disabled={saving}>
          Save
        </Button>
        <span className="text-xs text-slate-500">
          {type.claimCount} claim{type.claimCount === 1 ? '' : 's'}
        </span>
      </form>
      <form action={removeAction}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="typeId" value={type.id} />
        <Button type="submit" size="sm" variant="ghost" aria-label={`Delete claim type ${type.name}`}>
          Delete
        </Button>
      </form>
      <FormMessage ok={saved.ok ?? removed.ok} message={message} />
    </li>
  );
}

export function NewClaimTypeForm({ workspaceId, action }: { workspaceId: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-3"
      aria-label="New claim type"
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <label className="flex flex-col text-xs text-slate-600">
        Colour
        <input type="color" name="color" defaultValue="#a3e635" className="h-8 w-12" />
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Name
        <input name="name" required className={INPUT} />
      </label>
      <label className="flex min-w-[14rem] flex-1 flex-col text-xs text-slate-600">
        Description
        <input name="description" className={INPUT} />
      </label>
      <Button type="submit" size="sm" disabled={pending}>
        Add claim type
      </Button>
      <div className="w-full">
        <FormMessage
          ok={state.ok}
          message={state.fieldErrors ? Object.values(state.fieldErrors).flat().join(' ') : state.message}
        />
      </div>
    </form>
  );
}
