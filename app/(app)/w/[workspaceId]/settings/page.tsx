import type { Metadata } from 'next';
import { loadWorkspaceFor } from '@/app/_server/workspace';
import { Card } from '@/components/ui/card';
import { DeleteWorkspaceForm, RenameWorkspaceForm } from '@/components/workspace/settings-forms';
import { deleteWorkspaceAction, renameWorkspaceAction } from './actions';

export const metadata: Metadata = { title: 'Workspace settings · Warrant' };

export default async function SettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace } = await loadWorkspaceFor(workspaceId, 'workspace.rename');
  return (
    <div className="max-w-xl space-y-6">
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
