'use client';

import { useActionState, useRef } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';

export function TrashButton({
  action,
  documentId,
  title,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  documentId: string;
  title: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  return (
    <form action={formAction} ref={form}>
      <input type="hidden" name="documentId" value={documentId} />
      <ConfirmDialog
        trigger={
          <Button type="button" variant="ghost" size="sm">
            Move to trash
          </Button>
        }
        title={`Move “${title}” to the trash?`}
        description="It disappears from the document list. A workspace owner can restore it from the trash or delete it for good."
        confirmLabel="Move to trash"
        onConfirm={() => form.current?.requestSubmit()}
      />
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}
