import type { Metadata } from 'next';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/table';
import { InviteForm } from '@/components/workspace/invite-form';
import { MemberRow } from '@/components/workspace/member-row';
import { PendingInvite } from '@/components/workspace/pending-invite';
import { listPendingInvites } from '@/db/queries/invites';
import { listMembers } from '@/db/queries/members';
import { ROLE_LABELS } from '@/lib/permissions';
import {
  changeRoleAction,
  createInviteAction,
  reissueInviteAction,
  removeMemberAction,
  revokeInviteAction,
} from './actions';

export const metadata: Metadata = { title: 'Members · Warrant' };

const date = (d: Date) => d.toISOString().slice(0, 10);

export default async function MembersPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const store = appStore();
  const { workspaceId } = await params;
  const { user, workspace } = await loadWorkspace(workspaceId);
  const canManage = workspace.can.includes('members.manage');
  const [members, invites] = await Promise.all([
    listMembers(store, { actor: user, workspaceId }),
    canManage ? listPendingInvites(store, { actor: user, workspaceId }) : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-6">
      <Card title="Members">
        <DataTable label="Members" columns={['Member', 'Role', 'Joined', '']}>
          {members.map((m) => (
            <MemberRow
              key={`${m.userId}:${m.role}`}
              workspaceId={workspaceId}
              member={{ ...m, joinedAt: date(m.joinedAt) }}
              canManage={canManage}
              changeRole={changeRoleAction}
              remove={removeMemberAction}
            />
          ))}
        </DataTable>
      </Card>
      {canManage ? (
        <>
          <Card
            title="Invite a member"
            description="Create a link and send it to your colleague. Each link works once and expires."
          >
            <InviteForm action={createInviteAction} workspaceId={workspaceId} />
          </Card>
          <Card
            title="Pending invites"
            description="Lost a link? “New link” makes a fresh one for the same invite, to copy again; the previous link then stops working."
          >
            {invites.length === 0 ? (
              <p className="text-sm text-slate-600">
                No pending invites. To bring in a colleague, create an invite link above and send it to them.
              </p>
            ) : (
              <ul className="divide-y divide-slate-200" aria-label="Pending invites">
                {invites.map((i) => (
                  <PendingInvite
                    key={i.id}
                    workspaceId={workspaceId}
                    inviteId={i.id}
                    summary={`${ROLE_LABELS[i.role]} · created by ${i.createdByName ?? 'someone'} on ${date(i.createdAt)} · expires ${date(i.expiresAt)}`}
                    name={`the ${ROLE_LABELS[i.role].toLowerCase()} invite created on ${date(i.createdAt)}`}
                    reissue={reissueInviteAction}
                    revoke={revokeInviteAction}
                  />
                ))}
              </ul>
            )}
          </Card>
        </>
      ) : null}
    </div>
  );
}
