'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { DataTable } from '@/components/ui/table';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Makes a token and shows it once, in a read-only field with a copy button. */
export function CreateApiTokenForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const token = state.ok ? (state.data?.token ?? '') : '';
  return (
    <div className="space-y-4">
      <form
        action={formAction}
        className="grid gap-3 sm:grid-cols-2 sm:items-end"
        aria-label="Create a personal access token"
      >
        <TextField
          label="Token name"
          name="name"
          maxLength={100}
          required
          placeholder="Nightly import script"
          defaultValue={state.ok ? '' : (state.values?.name ?? '')}
          key={`n${state.ok ? token : state.values?.name}`}
          errors={state.fieldErrors?.name}
        />
        <TextField
          label="Expires after (days)"
          name="expiresInDays"
          type="number"
          min={1}
          max={366}
          hint="Leave empty for no expiry."
          defaultValue={state.ok ? '' : (state.values?.expiresInDays ?? '')}
          key={`d${state.ok ? token : state.values?.expiresInDays}`}
          errors={state.fieldErrors?.expiresInDays}
        />
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          hint="A token can act as you: confirm it is you."
          errors={state.fieldErrors?.currentPassword}
        />
        <Button type="submit" disabled={pending}>
          Create token
        </Button>
      </form>
      <FormMessage ok={state.ok} message={state.message} />
      {token ? <CopyField label="New token" value={token} copyLabel="Copy token" /> : null}
    </div>
  );
}

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

export function ApiTokenTable({ tokens, revokeAction }: { tokens: ApiTokenRow[]; revokeAction: Action }) {
  if (tokens.length === 0) return <p className="text-sm text-slate-600">You have no tokens.</p>;
  return (
    <DataTable
      label="Personal access tokens"
      columns={['Name', 'Token', 'Created', 'Last used', 'Expires', '']}
    >
      {tokens.map((t) => (
        <tr key={t.id} className="border-t border-slate-200 align-middle">
          <td className="py-2 pr-2 font-medium">{t.name}</td>
          <td className="py-2 pr-2 font-mono text-xs">{t.prefix}…</td>
          <td className="py-2 pr-2">{t.createdAt}</td>
          <td className="py-2 pr-2">{t.lastUsedAt ?? 'never'}</td>
          <td className="py-2 pr-2">
            {t.expiresAt ?? 'never'}
            {t.expired ? <span className="ml-1 text-red-700">(expired)</span> : null}
          </td>
          <td className="py-2">
            <ActionButton
              action={revokeAction}
              fields={{ tokenId: t.id }}
              label="Revoke"
              ariaLabel={`Revoke token ${t.name}`}
              variant="danger"
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
