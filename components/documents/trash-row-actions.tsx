'use client';

import { useActionState, useRef } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function TrashRowActions({
  documentId,
  title,
  restore,
  purge,
}: {
  documentId: string;
  title: string;
  restore: Action;
  purge: Action;
}) {
  const [restoreState, restoreAction, restoring] = useActionState(restore, {});
  const [purgeState, purgeAction] = useActionState(purge, {});
  const purgeForm = useRef<HTMLFormElement>(null);
  const error =
    (restoreState.ok === false && restoreState.message) || (purgeState.ok === false && purgeState.message);
  return (
    <div className="flex items-center justify-end gap-2">
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
      <form action={restoreAction}>
        <input type="hidden" name="documentId" value={documentId} />
        <Button
          type="submit"
          size="sm"
          variant="secondary"
          disabled={restoring}
          aria-label={`Restore ${title}`}
        >
          Restore
        </Button>
      </form>
      <form action={purgeAction} ref={purgeForm}>
        <input type="hidden" name="documentId" value={documentId} />
        <ConfirmDialog
          trigger={
            <Button type="button" size="sm" variant="ghost" aria-label={`Delete for good: ${title}`}>
              Delete for good
            </Button>
          }
          title={`Delete “${title}” for good?`}
          description="The document and all its revisions are removed. This cannot be undone; the audit log keeps a record."
          confirmLabel="Delete for good"
          onConfirm={() => purgeForm.current?.requestSubmit()}
        />
      </form>
    </div>
  );
}
