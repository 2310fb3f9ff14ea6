'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { FormMessage } from '@/components/ui/form-message';
import { RevokeInviteForm } from './revoke-invite-form';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * One pending invite: what it is, "New link" (a fresh token for the same invite, shown once to
 * copy; the previous link stops working) and "Revoke".
 */
export function PendingInvite({
  workspaceId,
  inviteId,
  summary,
  name,
  reissue,
  revoke,
}: {
  workspaceId: string;
  inviteId: string;
  /** The invite in a line: role, creator, dates. */
  summary: string;
  /** The invite in words for the buttons' names: "the viewer invite created on 2026-12-07". */
  name: string;
  reissue: Action;
  revoke: Action;
}) {
  const [state, formAction, pending] = useActionState(reissue, {});
  // As for a new invite: the link uses the browser's own origin (the server may sit behind a proxy).
  const link = state.data?.path ? `${window.location.origin}${state.data.path}` : '';
  return (
    <li className="space-y-2 py-2 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span>{summary}</span>
        <div className="flex items-center gap-1">
          <form action={formAction}>
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="inviteId" value={inviteId} />
            <Button
              type="submit"
              size="sm"
              variant="secondary"
              disabled={pending}
              aria-label={`New link for ${name}`}
            >
              New link
            </Button>
          </form>
          <RevokeInviteForm
            action={revoke}
            workspaceId={workspaceId}
            inviteId={inviteId}
            label={`Revoke ${name}`}
          />
        </div>
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      {link ? <CopyField label="New invite link" value={link} copyLabel="Copy link" /> : null}
    </li>
  );
}
