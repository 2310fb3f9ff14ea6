'use client';

import { useActionState, useRef } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ROLES, ROLE_LABELS, type Role } from '@/lib/permissions';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export interface MemberRowProps {
  workspaceId: string;
  member: {
    userId: string;
    name: string;
    email: string | null;
    role: Role;
    isYou: boolean;
    joinedAt: string;
  };
  canManage: boolean;
  changeRole: Action;
  remove: Action;
}

export function MemberRow({ workspaceId, member, canManage, changeRole, remove }: MemberRowProps) {
  const [roleState, roleAction, rolePending] = useActionState(changeRole, {});
  const [removeState, removeAction] = useActionState(remove, {});
  const removeForm = useRef<HTMLFormElement>(null);
  const error =
    (roleState.ok === false && roleState.message) || (removeState.ok === false && removeState.message);
  return (
    <tr className="border-t border-slate-200 align-top">
      <td className="py-3 pr-4">
        <span className="font-medium">{member.name}</span>
        {member.isYou ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
        {member.email ? <span className="block text-sm text-slate-600">{member.email}</span> : null}
        {error ? (
          <span role="alert" className="mt-1 block text-sm text-red-700">
            {error}
          </span>
        ) : null}
      </td>
      <td className="py-3 pr-4">
        {canManage ? (
          <form action={roleAction} className="flex items-center gap-2">
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="userId" value={member.userId} />
            <select
              name="role"
              aria-label={`Role of ${member.name}`}
              defaultValue={member.role}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            <Button
              type="submit"
              size="sm"
              variant="secondary"
              disabled={rolePending}
              aria-label={`Save role of ${member.name}`}
            >
              Save
            </Button>
          </form>
        ) : (
          <span className="text-sm">{ROLE_LABELS[member.role]}</span>
        )}
      </td>
      <td className="py-3 pr-4 text-sm text-slate-600">{member.joinedAt}</td>
      <td className="py-3 text-right">
        {canManage || member.isYou ? (
          <form action={removeAction} ref={removeForm}>
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="userId" value={member.userId} />
            <ConfirmDialog
              trigger={
                <Button
                  type="button"
                  size="sm"
                  variant="ghost"
                  aria-label={member.isYou ? 'Leave workspace' : `Remove ${member.name}`}
                >
                  {member.isYou ? 'Leave' : 'Remove'}
                </Button>
              }
              title={member.isYou ? 'Leave this workspace?' : `Remove ${member.name}?`}
              description={
                member.isYou
                  ? 'You will lose access at once. An owner can invite you again.'
                  : 'They lose access at once, on their next request. Their past work stays.'
              }
              confirmLabel={member.isYou ? 'Leave' : 'Remove'}
              onConfirm={() => removeForm.current?.requestSubmit()}
            />
          </form>
        ) : null}
      </td>
    </tr>
  );
}
