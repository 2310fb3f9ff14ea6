import type { Metadata } from 'next';
import { appStore } from '@/app/_server/store';
import { loadWorkspaceFor } from '@/app/_server/workspace';
import { Card } from '@/components/ui/card';
import {
  DeleteWorkspaceForm,
  RenameWorkspaceForm,
  ReviewSettingsForm,
} from '@/components/workspace/settings-forms';
import { ClaimTypeRow, NewClaimTypeForm } from '@/components/workspace/claim-type-forms';
import { listClaimTypes } from '@/db/queries/claim-types';
import {
  createClaimTypeAction,
  deleteClaimTypeAction,
  deleteWorkspaceAction,
  renameWorkspaceAction,
  reviewSettingsAction,
  updateClaimTypeAction,
} from './actions';

export const metadata: Metadata = { title: 'Workspace settings · Warrant' };

export default async function SettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const store = appStore();
  const { workspaceId } = await params;
  const { user, workspace } = await loadWorkspaceFor(workspaceId, 'workspace.rename');
  const types = await listClaimTypes(store, { actor: user, workspaceId });
  return (
    <div className="max-w-3xl space-y-6">
      <Card
        title="Claim types"
        description="The kinds of claim this workspace uses; each has a highlight colour."
      >
        <ul>
          {types.map((t) => (
            <ClaimTypeRow
              key={`${t.id}:${t.name}:${t.color}`}
              workspaceId={workspace.id}
              type={t}
              update={updateClaimTypeAction}
              remove={deleteClaimTypeAction}
            />
          ))}
        </ul>
        <NewClaimTypeForm workspaceId={workspace.id} action={createClaimTypeAction} />
      </Card>
      <Card title="Review" description="How the team records and compares its judgments.">
        <ReviewSettingsForm
          action={reviewSettingsAction}
          workspaceId={workspace.id}
          blind={workspace.blindAssessments}
        />
      </Card>
      <Card title="Rename">
        <RenameWorkspaceForm
          action={renameWorkspaceAction}
          workspaceId={workspace.id}
          name={workspace.name}
        />
      </Card>
      {workspace.can.includes('workspace.delete') ? (
        <Card
          title="Delete this workspace"
          description="Deletes the workspace and everything in it for every member. This cannot be undone; the audit log keeps a record."
        >
          <DeleteWorkspaceForm
            action={deleteWorkspaceAction}
            workspaceId={workspace.id}
            name={workspace.name}
          />
        </Card>
      ) : null}
    </div>
  );
}
